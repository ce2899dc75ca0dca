"""The people of the leak tests (named, pseudonymous, hidden; consenting and non-consenting
champions), the words that would identify them, and the surfaces a participant reaches:
every portal page, file and export, the follow-up e-mail and the reports.

Each negative assertion first checks that the words it looks for are in the database and do
show on a staff page, so the test can fail.
"""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from common.zones import all_zones
from outcomes.reports.render import render_report
from participants.models import Participant
from tests import factories
from tests.outcomes.reports.pdf import pdf_text, report_text

# Every word that would identify the hidden person, or unmask the pseudonymous one.
HIDDEN = {
    "full_name": "Hemi Tamatea Concealed",
    "display_name": "Koru Shade",
    "organisation": "Harbourstone Shelter Trust",
    "position": "Chief Harbour Warden",
    "email": "hemi.concealed@example.org",
}


PSEUDONYMOUS = {
    "full_name": "Pimchanok Lanternveil",
    "display_name": "River Reed",
    "organisation": "Paperlantern Advocacy Foundation",
    "position": "Deputy Director of Lantern Affairs",
    "email": "pimchanok.lanternveil@example.org",
}


NAMED = {
    "full_name": "Nadia Orchidea",
    "display_name": "Nadia Orchidea",
    "organisation": "Orchid Policy Institute",
    "position": "Senior Policy Adviser",
    "email": "nadia.orchidea@example.org",
}


HIDDEN_COUNTRY = ("AU", "Australia")


PSEUDONYMOUS_COUNTRY = ("NZ", "New Zealand")


def hidden_words() -> list[str]:
    return [*HIDDEN.values(), "Concealed", "Harbourstone", HIDDEN_COUNTRY[1]]


def pseudonymous_words() -> list[str]:
    # The display name is the one thing others may see.
    return [
        PSEUDONYMOUS["full_name"],
        "Pimchanok",
        "Lanternveil",
        PSEUDONYMOUS["organisation"],
        "Paperlantern",
        PSEUDONYMOUS["position"],
        PSEUDONYMOUS["email"],
        PSEUDONYMOUS_COUNTRY[1],
    ]


def make_person(spec: dict, *, country, visibility: str, with_user: bool = False, **extra):
    user = factories.UserFactory(email=spec["email"]) if with_user else None
    organisation = factories.OrganisationFactory(name=spec["organisation"], country=country)
    return factories.ParticipantFactory(
        user=user,
        email=spec["email"],
        full_name=spec["full_name"],
        display_name=spec["display_name"],
        organisation=organisation,
        country=country,
        position=spec["position"],
        visibility=visibility,
        **extra,
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_text(response) -> str:
    """The readable text of a page, file or export."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf") and content.startswith(b"%PDF") and len(content) > 500:
        return pdf_text(content)
    text = content.decode("utf-8", errors="replace")
    if kind.startswith("text/calendar"):
        text = text.replace("\r\n ", "").replace("\\,", ",")
    return without_zone_list(text)


ZONE_SELECT = re.compile(r'<select name="time_zone"[^>]*>.*?</select>', re.S)


def without_zone_list(text: str) -> str:
    """The time-zone picker lists every IANA zone ("Australia/Perth"…), the same list for
    everyone: it names places, not people, so only the chosen option is kept."""

    def chosen(match) -> str:
        assert match.group(0).count("<option") == len(all_zones()), "not the fixed zone list"
        picked = re.search(r'<option value="([^"]*)" selected>', match.group(0))
        return picked.group(1) if picked else ""

    return ZONE_SELECT.sub(chosen, text)


def portal_pages(people) -> list[tuple[str, str]]:
    """Every participant page, file and export about the two convenings, and the portal's."""
    held, upcoming, briefing = people["held"], people["upcoming"], people["briefing"]
    pages = [
        reverse("convenings:portal-home"),
        reverse("participants:portal-profile"),
        reverse("accounts:portal-my-data"),
        reverse("briefings:portal-list"),
        reverse("briefings:portal-detail", args=[briefing.pk]),
        reverse("briefings:portal-file", args=[briefing.pk]),
        reverse("briefings:portal-pdf", args=[briefing.pk]),
        reverse("engagement:portal-notes-index"),
        reverse("engagement:portal-notes", args=[held.pk]),
        reverse("engagement:portal-actions"),
        reverse("engagement:portal-feedback", args=[held.pk]),
    ]
    for convening in (held, upcoming):
        pages += [
            reverse("convenings:portal-detail", args=[convening.pk]),
            reverse("convenings:portal-attendees", args=[convening.pk]),
            reverse("convenings:portal-calendar", args=[convening.pk]),
            reverse("convenings:portal-calendar", args=[convening.pk]) + "?per=session",
            reverse("convenings:portal-reply", args=[convening.pk]),
        ]
    return pages


def fetch_all(client, urls) -> dict[str, tuple[int, str]]:
    texts = {}
    for url in urls:
        response = client.get(url)
        texts[url] = (response.status_code, page_text(response))
    return texts


def assert_absent(texts: dict[str, tuple[int, str]], words: list[str], who: str) -> None:
    found = [
        f"{url}: {word!r}"
        for url, (_status, text) in texts.items()
        for word in words
        if word.casefold() in text.casefold()
    ]
    assert not found, f"{who} leaks:\n" + "\n".join(found)


def assert_the_words_exist_and_staff_see_them(people) -> None:
    """The negative checks below look for data that is really there."""
    hidden, pseudonymous = people["hidden"], people["pseudonymous"]
    assert Participant.objects.filter(
        pk=hidden.pk,
        full_name=HIDDEN["full_name"],
        organisation__name=HIDDEN["organisation"],
        position=HIDDEN["position"],
        country__name=HIDDEN_COUNTRY[1],
    ).exists()
    assert Participant.objects.filter(
        pk=pseudonymous.pk,
        full_name=PSEUDONYMOUS["full_name"],
        organisation__name=PSEUDONYMOUS["organisation"],
        position=PSEUDONYMOUS["position"],
        country__name=PSEUDONYMOUS_COUNTRY[1],
    ).exists()
    staff = signed_in(people["staff"])
    page = staff.get(reverse("convenings:staff-invitations", args=[people["held"].pk]))
    assert page.status_code == 200
    for spec in (HIDDEN, PSEUDONYMOUS):
        assert spec["full_name"] in page.content.decode()
    detail = staff.get(reverse("participants:staff-detail", args=[hidden.pk])).content.decode()
    for word in (HIDDEN["organisation"], HIDDEN["position"], HIDDEN_COUNTRY[1]):
        assert word in detail


NON_CONSENTING = {
    "full_name": "Nirun Quietconsent",
    "display_name": "Nirun Q.",
    "organisation": "Quietwater Ministry Bureau",
    "position": "Director of Quiet Affairs",
    "email": "nirun.quietconsent@example.org",
}


UNSEEN_NON_CHAMPION = "Tane Unseenhill"


CONSENTING = {
    "full_name": "Chandra Openconsent",
    "display_name": "Chandra O.",
    "organisation": "Openfield Policy Centre",
    "position": "Director of Open Affairs",
    "email": "chandra.openconsent@example.org",
}


def report_in(fmt: str, kind: str) -> str:
    start = 2023 if kind == "annual" else 2019
    content = render_report(kind=kind, start_year=start, end_year=2023, language="en", fmt=fmt)
    return report_text(content, fmt)


def non_consenting_words() -> list[str]:
    return [
        NON_CONSENTING["full_name"],
        "Quietconsent",
        NON_CONSENTING["organisation"],
        NON_CONSENTING["position"],
    ]
