"""Exports for the people who serve a meeting: caterer, venue, interpreters, travel agent
(branch logistics), each as CSV, XLSX and a printable PDF made from the same tables.

Each shows only what its reader needs (see selectors/logistics.py for who is named how):
hidden people are counted, never named, in every table of every format."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.tables import Table, clean_text, tables_to_csv, tables_to_xlsx
from participants import protection

from .models import Convening
from .selectors import logistics as read
from .travel import night_choices

KINDS = {
    "caterer": gettext_lazy("Caterer"),
    "venue": gettext_lazy("Venue"),
    "interpreters": gettext_lazy("Interpreters"),
    "travel": gettext_lazy("Travel agent"),
}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _day(day) -> str:
    return date_format(day, "D j M Y")


def _when(moment, zone) -> str:
    if not moment:
        return ""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _not_named(count: int) -> list[list]:
    if not count:
        return []
    return [[_("%(count)s more not named") % {"count": count}]]


def caterer_tables(convening: Convening, invitations) -> list[Table]:
    sheet = read.caterer(convening=convening, invitations=invitations)
    return [
        Table(
            _("People per day"),
            [_("Day"), _("People expected")],
            [[_day(day), count] for day, count in sheet.days],
        ),
        Table(
            _("Dietary needs"),
            [_("Day"), _("Dietary need"), _("People"), _("For")],
            [
                [
                    _day(line.day),
                    line.need,
                    line.count,
                    ", ".join(line.names) or (_("one person (not named)") if line.unnamed else ""),
                ]
                for line in sheet.lines
            ],
        ),
    ]


def venue_tables(convening: Convening, invitations) -> list[Table]:
    with_access = [i for i in invitations if i.access_needs.strip()]
    access, _access_hidden = read.named_lines(with_access)
    # A hidden person's access need still reaches the venue (a ramp is built for everyone
    # who needs it), on a line of its own without their name, like the caterer's sheet.
    unnamed_access = [
        [_("one person (not named)"), " ".join(i.access_needs.split())]
        for i in with_access
        if read.person_label(i.participant) is None
    ]
    rooms, rooms_hidden = read.named_lines([i for i in invitations if i.nights])
    nights = [n.isoformat() for n in night_choices(convening)]
    night_count = {n: sum(1 for i in invitations if n in (i.nights or [])) for n in nights}
    return [
        Table(
            _("Access needs"),
            [_("Name"), _("Access need")],
            [[line.name, " ".join(line.invitation.access_needs.split())] for line in access]
            + unnamed_access,
        ),
        Table(
            _("Room list"),
            [_("Name"), _("Nights"), _("Number of nights")],
            [
                [line.name, ", ".join(line.invitation.nights), len(line.invitation.nights)]
                for line in rooms
            ]
            + [[row[0], "", ""] for row in _not_named(rooms_hidden)],
        ),
        Table(
            _("Rooms per night"),
            [_("Night"), _("Rooms")],
            [[night, night_count[night]] for night in nights],
        ),
    ]


def interpreter_tables(convening: Convening, invitations) -> list[Table]:
    zone = convening.zone
    return [
        Table(
            _("Seats per language per session"),
            [_("Session"), _("Starts"), _("Language"), _("Seats")],
            [
                [str(item.session.title), _when(item.session.starts_at, zone), language, seats]
                for item in read.interpreter_seats(convening=convening, invitations=invitations)
                for language, seats in item.seats
            ],
        )
    ]


def travel_tables(convening: Convening, invitations) -> list[Table]:
    zone = convening.zone
    lines, hidden = read.named_lines(invitations)
    return [
        Table(
            _("Arrivals and departures"),
            [
                _("Name"),
                _("Arrival (%(zone)s)") % {"zone": convening.time_zone},
                _("Departure (%(zone)s)") % {"zone": convening.time_zone},
                _("Travelling by"),
                _("Flight number or details"),
            ],
            [
                [
                    line.name,
                    _when(line.invitation.arrival_at, zone),
                    _when(line.invitation.departure_at, zone),
                    line.invitation.get_travel_mode_display(),
                    line.invitation.travel_details,
                ]
                for line in sorted(
                    lines,
                    key=lambda line: (
                        line.invitation.arrival_at is None,
                        line.invitation.arrival_at or timezone.now(),
                        line.name.casefold(),
                    ),
                )
            ]
            + [[row[0], "", "", "", ""] for row in _not_named(hidden)],
        )
    ]


BUILDERS = {
    "caterer": caterer_tables,
    "venue": venue_tables,
    "interpreters": interpreter_tables,
    "travel": travel_tables,
}


def export_title(convening: Convening, kind: str) -> str:
    return f"{convening.title} · {KINDS[kind]}"


def build(*, convening: Convening, kind: str, fmt: str) -> bytes:
    """The export's file. A fixed number of queries: the people coming, the protection
    service's registry (and, for the interpreters, the sessions)."""
    invitations = list(read.coming(convening=convening))
    # Free text typed by people ("gluten-free, like Harun") can name someone the export
    # may not: the protection service describes them instead (in memory; nothing saved).
    scrub = protection.registry(audience=protection.Audience.PARTICIPANTS).scrub
    for invitation in invitations:
        for name in ("dietary_needs", "access_needs", "travel_details"):
            text = getattr(invitation, name)
            if text:
                setattr(invitation, name, scrub(text))
    tables = BUILDERS[kind](convening, invitations)
    # Session titles (and any other text) too: a session named after someone who has since
    # become hidden is taken down from participants' view, and never goes to the interpreters.
    for table in tables:
        table.rows = [[scrub(c) if isinstance(c, str) else c for c in row] for row in table.rows]
    title = export_title(convening, kind)
    if fmt == "csv":
        return tables_to_csv([[title]], tables)
    if fmt == "xlsx":
        return tables_to_xlsx(title, tables, sheet_name=_sheet_name)
    return _pdf(convening, title, tables)


def _sheet_name(title: str, taken: set[str]) -> str:
    # The tables' titles are short (under 31 characters in every language): cut only in
    # case a translation grows, and keep names unique.
    name = clean_text(title).replace("/", " ")[:31] or str(len(taken) + 1)
    while name.casefold() in taken:
        name = f"{name[:28]} {len(taken) + 1}"
    taken.add(name.casefold())
    return name


def _pdf(convening: Convening, title: str, tables: list[Table]) -> bytes:
    # WeasyPrint is slow to import: only a request that renders a PDF pays.
    from weasyprint import HTML  # noqa: PLC0415  WeasyPrint is slow to import: only rendering pays
    from weasyprint.urls import URLFetcher  # noqa: PLC0415  as above

    from platform_site.pdf import pdf_options  # noqa: PLC0415  it imports WeasyPrint

    class NothingFetcher(URLFetcher):
        """The printable carries its style inline: no URL is ever fetched."""

        def fetch(self, url, headers=None):
            raise ValueError(f"Refused to fetch {url!r}")

    html = clean_text(
        render_to_string(
            "convenings/print/logistics_export.html",
            {
                "convening": convening,
                "title": title,
                "tables": tables,
                "generated": timezone.localdate(),
            },
        )
    )
    return HTML(string=html, url_fetcher=NothingFetcher()).write_pdf(**pdf_options("report"))
