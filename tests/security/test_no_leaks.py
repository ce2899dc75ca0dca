"""Nothing a participant can reach names a hidden person or unmasks a pseudonymous one.

One convening (held, plus an open one with the same people) has a named, a pseudonymous
and a hidden invitee, all of whom said yes, each with a distinctive name, organisation,
position and country. A named invitee of it signs in and we fetch every page, file and
export they can reach, and the follow-up e-mail they get; a participant of another
convening does the same. Reports (PDF, CSV, XLSX) never name a hidden, pseudonymous or
non-consenting champion. Each negative assertion first checks that the words it looks
for are in the database and do show on a staff page, so the test can fail.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from briefings import services as briefing_services
from common.zones import all_zones
from convenings.models import ConveningStatus, InvitationStatus
from engagement import followups
from engagement.models import ActionUpdate, NotesStatus
from outcomes.models import ChallengeLesson
from outcomes.reports.render import render_report
from participants.erasure import erase_person
from participants.models import Participant, Visibility
from tests import factories
from tests.briefings.factories import PDF_BYTES, BriefingFactory, BriefingPackFactory, upload
from tests.engagement.factories import FollowUpActionFactory, MeetingNoteFactory
from tests.outcomes.factories import ChallengeLessonFactory, OutcomeFactory
from tests.outcomes.reports.pdf import pdf_text, report_text

pytestmark = pytest.mark.django_db


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


def _person(spec: dict, *, country, visibility: str, with_user: bool = False, **extra):
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


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people(db):
    th = factories.CountryFactory(code="TH")
    my = factories.CountryFactory(code="MY")
    au = factories.CountryFactory(code=HIDDEN_COUNTRY[0], name=HIDDEN_COUNTRY[1])
    nz = factories.CountryFactory(code=PSEUDONYMOUS_COUNTRY[0], name=PSEUDONYMOUS_COUNTRY[1])
    staff = factories.UserFactory(email="staff@example.org")
    account_services.set_role(user=staff, role="staff")

    viewer_user = factories.UserFactory(email="viewer@example.org")
    viewer = factories.ParticipantFactory(
        user=viewer_user, email=viewer_user.email, full_name="Viewer Somchai", country=th
    )
    named = _person(NAMED, country=my, visibility=Visibility.NAMED, with_user=True)
    pseudonymous = _person(
        PSEUDONYMOUS, country=nz, visibility=Visibility.PSEUDONYMOUS, with_user=True
    )
    hidden = _person(HIDDEN, country=au, visibility=Visibility.HIDDEN, with_user=True)

    end = timezone.localdate() - dt.timedelta(days=settings.FOLLOWUP_AFTER_CONVENING_DAYS)
    held = factories.ConveningFactory(
        title="Held convening",
        host_country=th,
        start_date=end - dt.timedelta(days=1),
        end_date=end,
        status=ConveningStatus.HELD,
        chatham_house=True,
    )
    upcoming = factories.ConveningFactory(
        title="Upcoming convening",
        host_country=th,
        status=ConveningStatus.OPEN,
        chatham_house=True,
        interpretation_languages=["th"],
    )
    for person in (viewer, named, pseudonymous, hidden):
        factories.InvitationFactory(
            convening=held, participant=person, status=InvitationStatus.ATTENDED
        )
        factories.InvitationFactory(
            convening=upcoming, participant=person, status=InvitationStatus.ACCEPTED
        )
    for convening in (held, upcoming):
        factories.AgendaSessionFactory(convening=convening, title="Community placement")
        factories.SiteVisitFactory(convening=convening)

    briefing = BriefingFactory(convening=held, title_en="Screening at the border")
    briefing_services.upload_briefing_file(
        briefing=briefing, language="en", upload=upload("x.pdf", PDF_BYTES), by=staff
    )
    MeetingNoteFactory(
        convening=held,
        status=NotesStatus.PUBLISHED,
        published_at=timezone.now(),
        published_by=staff,
    )
    mine = FollowUpActionFactory(convening=held, owner=viewer, title="Share the checklist")
    ActionUpdate.objects.create(action=mine, author=viewer_user, text="Shared with the ministry")
    # Actions of the hidden and pseudonymous people exist; they are not the viewer's.
    FollowUpActionFactory(convening=held, owner=hidden, title="Hidden person's own action")
    FollowUpActionFactory(convening=held, owner=pseudonymous, title="Pseudonymous own action")

    outsider_user = factories.UserFactory(email="outsider@example.org")
    outsider = factories.ParticipantFactory(
        user=outsider_user, email=outsider_user.email, full_name="Outsider Budi", country=my
    )
    elsewhere = factories.ConveningFactory(title="Another convening", host_country=my)
    factories.InvitationFactory(
        convening=elsewhere, participant=outsider, status=InvitationStatus.ACCEPTED
    )
    return {
        "staff": staff,
        "viewer": viewer,
        "named": named,
        "pseudonymous": pseudonymous,
        "hidden": hidden,
        "held": held,
        "upcoming": upcoming,
        "briefing": briefing,
        "outsider": outsider,
    }


def _text(response) -> str:
    """The readable text of a page, file or export."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf") and content.startswith(b"%PDF") and len(content) > 500:
        return pdf_text(content)
    text = content.decode("utf-8", errors="replace")
    if kind.startswith("text/calendar"):
        text = text.replace("\r\n ", "").replace("\\,", ",")
    return _without_zone_list(text)


ZONE_SELECT = re.compile(r'<select name="time_zone"[^>]*>.*?</select>', re.S)


def _without_zone_list(text: str) -> str:
    """The time-zone picker lists every IANA zone ("Australia/Perth"…), the same list for
    everyone: it names places, not people, so only the chosen option is kept."""

    def chosen(match) -> str:
        assert match.group(0).count("<option") == len(all_zones()), "not the fixed zone list"
        picked = re.search(r'<option value="([^"]*)" selected>', match.group(0))
        return picked.group(1) if picked else ""

    return ZONE_SELECT.sub(chosen, text)


def _portal_pages(people) -> list[tuple[str, str]]:
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


def _fetch_all(client, urls) -> dict[str, tuple[int, str]]:
    texts = {}
    for url in urls:
        response = client.get(url)
        texts[url] = (response.status_code, _text(response))
    return texts


def _assert_absent(texts: dict[str, tuple[int, str]], words: list[str], who: str) -> None:
    found = [
        f"{url}: {word!r}"
        for url, (_status, text) in texts.items()
        for word in words
        if word.casefold() in text.casefold()
    ]
    assert not found, f"{who} leaks:\n" + "\n".join(found)


def _assert_the_words_exist_and_staff_see_them(people) -> None:
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
    staff = _client(people["staff"])
    page = staff.get(reverse("convenings:staff-invitations", args=[people["held"].pk]))
    assert page.status_code == 200
    for spec in (HIDDEN, PSEUDONYMOUS):
        assert spec["full_name"] in page.content.decode()
    detail = staff.get(reverse("participants:staff-detail", args=[hidden.pk])).content.decode()
    for word in (HIDDEN["organisation"], HIDDEN["position"], HIDDEN_COUNTRY[1]):
        assert word in detail


def test_a_participant_of_the_convening_never_sees_the_hidden_or_the_pseudonymous_person(people):
    _assert_the_words_exist_and_staff_see_them(people)
    client = _client(people["viewer"].user)
    texts = _fetch_all(client, _portal_pages(people))
    # Every page was really served (a 404 would prove nothing).
    assert {url: status for url, (status, _t) in texts.items() if status not in (200, 302)} == {}
    held_attendees = texts[reverse("convenings:portal-attendees", args=[people["held"].pk])][1]
    # The list works: the named person in full, the pseudonymous one by display name only.
    for word in (NAMED["full_name"], NAMED["organisation"], PSEUDONYMOUS["display_name"]):
        assert word in held_attendees
    pdf_text = texts[reverse("briefings:portal-pdf", args=[people["briefing"].pk])][1]
    assert "Screening at the border" in pdf_text  # a real PDF, read as text
    _assert_absent(texts, hidden_words(), "hidden person")
    _assert_absent(texts, pseudonymous_words(), "pseudonymous person")


def test_the_reply_form_posts_back_without_leaking(people):
    client = _client(people["viewer"].user)
    url = reverse("convenings:portal-reply", args=[people["upcoming"].pk])
    response = client.post(url, {"accept": "no-such-choice"})
    assert response.status_code == 200
    texts = {url: (200, _text(response))}
    _assert_absent(texts, hidden_words() + pseudonymous_words(), "reply form with errors")


def test_another_participants_data_export_names_nobody_else(people):
    _assert_the_words_exist_and_staff_see_them(people)
    for person in (people["viewer"], people["named"]):
        response = _client(person.user).get(reverse("accounts:portal-my-data"))
        assert response.status_code == 200
        data = json.loads(response.content)
        assert data["participant"]["full_name"] == person.full_name
        texts = {"my-data": (200, response.content.decode())}
        _assert_absent(texts, hidden_words(), f"my-data of {person.full_name}")
        _assert_absent(texts, pseudonymous_words(), f"my-data of {person.full_name}")


def test_the_hidden_persons_own_export_is_theirs_alone(people):
    # The pseudonymous person's download has their own data, not the hidden person's.
    response = _client(people["pseudonymous"].user).get(reverse("accounts:portal-my-data"))
    text = response.content.decode()
    assert PSEUDONYMOUS["full_name"] in text
    _assert_absent({"my-data": (200, text)}, hidden_words(), "pseudonymous person's my-data")


def test_a_participant_of_another_convening_sees_none_of_them(people):
    _assert_the_words_exist_and_staff_see_them(people)
    client = _client(people["outsider"].user)
    texts = _fetch_all(client, _portal_pages(people))
    statuses = {url: status for url, (status, _t) in texts.items()}
    # Their own pages work; everything about the held and upcoming convenings is 404.
    assert statuses[reverse("convenings:portal-home")] == 200
    assert statuses[reverse("convenings:portal-attendees", args=[people["held"].pk])] == 404
    assert statuses[reverse("briefings:portal-pdf", args=[people["briefing"].pk])] == 404
    everyone = [
        *hidden_words(),
        *pseudonymous_words(),
        PSEUDONYMOUS["display_name"],
        NAMED["full_name"],
        NAMED["organisation"],
        "Held convening",
        "Upcoming convening",
    ]
    _assert_absent(texts, everyone, "outsider")


def test_the_follow_up_email_carries_notes_without_attribution(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        followups.run_schedule()
    to_viewer = [m for m in mailoutbox if m.to == [people["viewer"].email]]
    assert len(to_viewer) == 1
    body = to_viewer[0].subject + to_viewer[0].body
    assert "Community placement worked better" in body  # the published notes are in it
    texts = {"follow-up e-mail": (200, body)}
    _assert_absent(texts, hidden_words() + pseudonymous_words(), "follow-up e-mail")
    # Notes name nobody: not the attendees, not the staff member who published them.
    _assert_absent(texts, [NAMED["full_name"], NAMED["organisation"], "staff@example.org"], "notes")
    # The hidden person's own e-mail holds only their own actions, nobody else's name.
    to_hidden = [m for m in mailoutbox if m.to == [HIDDEN["email"]]]
    assert len(to_hidden) == 1
    assert "Pseudonymous own action" not in to_hidden[0].body
    _assert_absent(
        {"hidden's e-mail": (200, to_hidden[0].body)}, pseudonymous_words(), "follow-up e-mail"
    )


# --- Reports ------------------------------------------------------------------------------

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


@pytest.fixture
def champions(people):
    th = factories.CountryFactory(code="TH")
    my = factories.CountryFactory(code="MY")
    non_consenting = _person(
        NON_CONSENTING, country=my, visibility=Visibility.NAMED, consent_named_in_reports=False
    )
    consenting = _person(
        CONSENTING, country=th, visibility=Visibility.NAMED, consent_named_in_reports=True
    )
    # Even with consent given, hidden and pseudonymous people are never named.
    Participant.objects.filter(pk__in=[people["hidden"].pk, people["pseudonymous"].pk]).update(
        consent_named_in_reports=True
    )
    outcome = OutcomeFactory(
        country=th,
        date=dt.date(2023, 5, 1),
        title="Community placement for families",
        what_changed=(
            f"{HIDDEN['full_name']} and {PSEUDONYMOUS['full_name']} drafted the referral guide."
        ),
        who_changed=f"{NON_CONSENTING['full_name']} with {CONSENTING['full_name']}.",
        significance=f"{PSEUDONYMOUS['display_name']} called it a turning point.",
    )
    outcome.champions.set([people["hidden"], people["pseudonymous"], non_consenting, consenting])
    # Someone not to be named whose name is the start of the consenting champion's: the
    # consenting name must still print whole.
    factories.ParticipantFactory(full_name="Chandra Open", country=th, visibility=Visibility.NAMED)
    # Someone hidden who champions nothing, named in the text of an outcome all the same.
    factories.ParticipantFactory(
        full_name=UNSEEN_NON_CHAMPION, country=th, visibility=Visibility.HIDDEN
    )
    OutcomeFactory(
        country=th,
        date=dt.date(2023, 6, 1),
        title="A second outcome",
        what_changed=f"{UNSEEN_NON_CHAMPION} briefed the ministry.",
        contribution=f"Thanks to {NON_CONSENTING['full_name'].upper()} after the site visit.",
    )
    ChallengeLessonFactory(
        year=2023,
        what_happened=f"{HIDDEN['full_name']} could not travel to the convening.",
        response=f"{PSEUDONYMOUS['full_name']} joined online instead.",
    )
    return {"non_consenting": non_consenting, "consenting": consenting, "outcome": outcome}


def _report_text(fmt: str, kind: str) -> str:
    start = 2023 if kind == "annual" else 2019
    content = render_report(kind=kind, start_year=start, end_year=2023, language="en", fmt=fmt)
    return report_text(content, fmt)


def _non_consenting_words() -> list[str]:
    return [
        NON_CONSENTING["full_name"],
        "Quietconsent",
        NON_CONSENTING["organisation"],
        NON_CONSENTING["position"],
    ]


@pytest.mark.parametrize("kind", ["annual", "five-year"])
@pytest.mark.parametrize("fmt", ["pdf", "csv", "xlsx"])
def test_reports_name_only_consenting_named_champions(people, champions, fmt, kind):
    # The words are in the database, in the outcome and challenge texts the report prints.
    assert ChallengeLesson.objects.filter(what_happened__contains=HIDDEN["full_name"]).exists()
    assert champions["outcome"].what_changed.startswith(HIDDEN["full_name"])
    assert Participant.objects.filter(full_name=UNSEEN_NON_CHAMPION, visibility="hidden").exists()
    text = _report_text(fmt, kind)
    # The report is really there, with the outcome and the consenting champion by name.
    assert "Community placement for families" in text
    assert CONSENTING["full_name"] in text
    assert f"with {CONSENTING['full_name']}" in text  # in the outcome text, whole
    assert "a government official from Malaysia" in text or "from Malaysia" in text
    texts = {f"{kind}.{fmt}": (200, text)}
    # Countries are reported in aggregate ("a government official from Australia" too).
    _assert_absent(texts, [w for w in hidden_words() if w != HIDDEN_COUNTRY[1]], "report")
    pseudonymous = [w for w in pseudonymous_words() if w != PSEUDONYMOUS_COUNTRY[1]]
    _assert_absent(texts, [*pseudonymous, PSEUDONYMOUS["display_name"]], "report")
    _assert_absent(texts, [*_non_consenting_words(), UNSEEN_NON_CHAMPION], "report")


def test_the_briefing_pack_email_names_nobody_else(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    pack = BriefingPackFactory(
        convening=people["upcoming"],
        briefings=[
            BriefingFactory(convening=people["upcoming"], title_en="Alternatives to detention")
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        briefing_services.send_briefing_pack(pack=pack, by=people["staff"])
    # One message each to the viewer, the named, the pseudonymous and the hidden person.
    assert len(mailoutbox) == 4
    to_viewer = [m for m in mailoutbox if m.to == [people["viewer"].email]]
    assert len(to_viewer) == 1
    assert to_viewer[0].cc == to_viewer[0].bcc == []
    body = to_viewer[0].subject + to_viewer[0].body
    assert "Alternatives to detention" in body
    texts = {"pack e-mail": (200, body)}
    _assert_absent(texts, hidden_words() + pseudonymous_words(), "pack e-mail")
    _assert_absent(texts, [NAMED["full_name"], PSEUDONYMOUS["display_name"]], "pack e-mail")


def _profile(client, person, **changes):
    data = {
        "preferred_language": person.preferred_language,
        "display_name": person.display_name,
        "visibility": person.visibility,
        **changes,
    }
    response = client.post(reverse("participants:portal-profile"), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_change_of_visibility_shows_on_the_attendee_list_at_once(people):
    viewer = _client(people["viewer"].user)
    url = reverse("convenings:portal-attendees", args=[people["held"].pk])
    page = viewer.get(url).content.decode()
    for word in (NAMED["full_name"], NAMED["organisation"], NAMED["position"], "Malaysia"):
        assert word in page
    assert PSEUDONYMOUS["display_name"] in page

    # The named person turns pseudonymous: from the next request, display name only.
    _profile(
        _client(people["named"].user),
        people["named"],
        visibility=Visibility.PSEUDONYMOUS,
        display_name="Nadia O.",
    )
    page = viewer.get(url).content.decode()
    assert "Nadia O." in page
    for word in (NAMED["full_name"], NAMED["organisation"], NAMED["position"], "Malaysia"):
        assert word not in page
    # The pseudonymous person hides: gone from the list.
    _profile(
        _client(people["pseudonymous"].user), people["pseudonymous"], visibility=Visibility.HIDDEN
    )
    assert PSEUDONYMOUS["display_name"] not in viewer.get(url).content.decode()


# --- After an erasure and after a change of visibility ----------------------------------------


def _write_name_everywhere(people, name: str) -> None:
    """Text typed before the change, straight into the tables (as older data would be)."""
    from convenings.models import AgendaSession, SiteVisit

    held, upcoming, viewer = people["held"], people["upcoming"], people["viewer"]
    for convening in (held, upcoming):
        AgendaSession.objects.filter(convening=convening).update(facilitators=f"{name} and staff")
        SiteVisit.objects.filter(convening=convening).update(learning_en=f"Hosted by {name}.")
    action = FollowUpActionFactory(convening=held, owner=viewer, title=f"Send the guide to {name}")
    ActionUpdate.objects.create(action=action, author=viewer.user, text=f"Met {name} in May")
    OutcomeFactory(
        country=people["viewer"].country,
        date=dt.date(2023, 5, 1),
        title="Referral guide adopted",
        what_changed=f"{name} drafted the referral guide.",
    ).champions.set([viewer])


def _every_surface(people, client, mailoutbox, capture) -> dict[str, tuple[int, str]]:
    texts = _fetch_all(client, [*_portal_pages(people), reverse("accounts:portal-my-data-page")])
    with capture(execute=True):
        followups.run_schedule()
    for message in mailoutbox:
        if message.to == [people["viewer"].email]:
            texts[f"e-mail {message.subject}"] = (200, message.subject + message.body)
    for fmt in ("pdf", "csv", "xlsx"):
        texts[f"report.{fmt}"] = (200, _report_text(fmt, "annual"))
    return texts


def test_after_an_erasure_no_surface_names_the_erased_person(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    hidden = people["hidden"]
    _write_name_everywhere(people, HIDDEN["full_name"])
    staff_before = _client(people["staff"]).get(
        reverse("convenings:staff-agenda", args=[people["held"].pk])
    )
    assert HIDDEN["full_name"] in staff_before.content.decode()  # the name really is there

    erase_person(participant=hidden, by=people["staff"])

    texts = _every_surface(
        people, _client(people["viewer"].user), mailoutbox, django_capture_on_commit_callbacks
    )
    assert {url: s for url, (s, _t) in texts.items() if s not in (200, 302)} == {}
    assert "drafted the referral guide" in texts["report.csv"][1]
    words = [HIDDEN["full_name"], "Concealed", "Tamatea", HIDDEN["email"], HIDDEN["display_name"]]
    _assert_absent(texts, words, "after erasure")
    # Staff pages no longer hold the name either (only the placeholder).
    staff = _client(people["staff"])
    staff_pages = [
        reverse("convenings:staff-agenda", args=[people["held"].pk]),
        reverse("convenings:staff-site-visits", args=[people["held"].pk]),
        reverse("convenings:staff-invitations", args=[people["held"].pk]),
        reverse("engagement:staff-actions", args=[people["held"].pk]),
        reverse("engagement:staff-followups", args=[people["held"].pk]),
        reverse("participants:staff-directory"),
        reverse("participants:staff-protection"),
    ]
    _assert_absent(_fetch_all(staff, staff_pages), words, "staff pages after erasure")


def test_after_a_visibility_change_no_surface_names_the_newly_hidden_person(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    named = people["named"]
    _write_name_everywhere(people, NAMED["full_name"])
    viewer = _client(people["viewer"].user)
    detail = reverse("convenings:portal-detail", args=[people["held"].pk])
    assert NAMED["full_name"] in viewer.get(detail).content.decode()  # shown while named

    _profile(_client(named.user), named, visibility=Visibility.HIDDEN)

    texts = _every_surface(people, viewer, mailoutbox, django_capture_on_commit_callbacks)
    assert {url: s for url, (s, _t) in texts.items() if s not in (200, 302)} == {}
    words = [NAMED["full_name"], "Orchidea", NAMED["email"]]
    _assert_absent(texts, words, "after hiding")
    # Staff see what was taken down, and why.
    listing = _client(people["staff"]).get(reverse("participants:staff-protection"))
    assert NAMED["full_name"] in listing.content.decode()
