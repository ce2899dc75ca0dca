"""Time zones: IANA names proposed from a country and city, validated, and shown to people.

Instants are stored in UTC (USE_TZ). A convening has its venue's zone; a participant or a
staff member has their own. The proposals come from the IANA `zone.tab` shipped with the
`tzdata` package (the same table on every machine), with the member countries' usual
answers written here: a country with several zones (Australia, Indonesia, Malaysia, New
Zealand) is proposed its capital's zone unless the city names another one.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import re
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A country's proposal when the city does not say otherwise (capital's zone).
COUNTRY_ZONES = {
    "AU": "Australia/Sydney",
    "ID": "Asia/Jakarta",
    "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland",
    "TH": "Asia/Bangkok",
}
# Cities of a country with several zones that are not in the capital's zone (lower case).
CITY_ZONES = {
    "AU": {
        "adelaide": "Australia/Adelaide",
        "brisbane": "Australia/Brisbane",
        "cairns": "Australia/Brisbane",
        "gold coast": "Australia/Brisbane",
        "darwin": "Australia/Darwin",
        "alice springs": "Australia/Darwin",
        "hobart": "Australia/Hobart",
        "melbourne": "Australia/Melbourne",
        "geelong": "Australia/Melbourne",
        "perth": "Australia/Perth",
        "broome": "Australia/Perth",
        "broken hill": "Australia/Broken_Hill",
    },
    "ID": {
        "bali": "Asia/Makassar",
        "denpasar": "Asia/Makassar",
        "makassar": "Asia/Makassar",
        "balikpapan": "Asia/Makassar",
        "manado": "Asia/Makassar",
        "kupang": "Asia/Makassar",
        "pontianak": "Asia/Pontianak",
        "jayapura": "Asia/Jayapura",
        "ambon": "Asia/Jayapura",
    },
    "MY": {
        "kota kinabalu": "Asia/Kuching",
        "kuching": "Asia/Kuching",
        "sandakan": "Asia/Kuching",
        "miri": "Asia/Kuching",
    },
    "NZ": {"chatham islands": "Pacific/Chatham"},
}


@functools.cache
def _zone_table() -> dict[str, list[str]]:
    """{ISO country code: [IANA zones]} from tzdata's zone.tab, in the table's order."""
    text = importlib.resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text()
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        code, _coords, zone, *_rest = line.split("\t")
        table.setdefault(code, []).append(zone)
    return table


@functools.cache
def all_zones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones() - {"Factory", "localtime"}))


def zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in all_zones()]


def is_known_zone(name: str) -> bool:
    return name in all_zones()


def zones_of_country(code: str) -> list[str]:
    return list(_zone_table().get((code or "").upper(), []))


def propose_zone(*, country_code: str | None, city: str = "") -> str:
    """The zone a place is most likely in: the city's, else the country's, else the
    platform's default (settings.TIME_ZONE)."""
    code = (country_code or "").upper()
    by_city = _zone_named_in(code, city)
    if by_city:
        return by_city
    if code in COUNTRY_ZONES:
        return COUNTRY_ZONES[code]
    zones = zones_of_country(code)
    return zones[0] if zones else settings.TIME_ZONE


def _zone_named_in(code: str, city: str | None) -> str | None:
    """The zone of a city named in `city` as staff type it: "Perth", "Perth, WA",
    "Melbourne (CBD)", "Darwin NT". Cities are matched as whole words, first those listed
    above, then the cities that name the country's IANA zones ("Adelaide")."""
    words = " ".join(re.findall(r"\w+", (city or "").casefold()))
    if not words:
        return None
    known = dict(CITY_ZONES.get(code, {}))
    for zone in zones_of_country(code):
        known.setdefault(zone.rsplit("/", 1)[-1].replace("_", " ").casefold(), zone)
    if words in known:
        return known[words]
    padded = f" {words} "
    for name, zone in known.items():
        if f" {name} " in padded:
            return zone
    return None


def validate_zone(value: str) -> None:
    if value and not is_known_zone(value):
        raise ValidationError(
            _("Unknown time zone “%(zone)s”: choose one from the list, e.g. Pacific/Auckland."),
            code="unknown_zone",
            params={"zone": value},
        )


def get_zone(name: str | None) -> zoneinfo.ZoneInfo:
    """A ZoneInfo for a stored name; the platform's default for a blank or unknown one."""
    try:
        return zoneinfo.ZoneInfo(name) if name and is_known_zone(name) else _default()
    except zoneinfo.ZoneInfoNotFoundError:  # pragma: no cover - tzdata lost a zone
        return _default()


def _default() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_now(name: str | None, now: dt.datetime | None = None) -> dt.datetime:
    """The wall-clock time now in this zone (aware)."""

    return (now or timezone.now()).astimezone(get_zone(name))


def same_wall_clock(moment: dt.datetime, *, old: str | None, new: str | None) -> dt.datetime:
    """The instant showing in zone `new` the wall-clock time `moment` showed in `old`."""
    naive = moment.astimezone(get_zone(old)).replace(tzinfo=None)
    return naive.replace(tzinfo=get_zone(new))


def at_wall_clock(day: dt.date, time: dt.time, name: str | None) -> dt.datetime:
    """`day` at `time` in zone `name`, as an aware datetime (fold=0 across a DST change)."""
    return dt.datetime.combine(day, time).replace(tzinfo=get_zone(name))
