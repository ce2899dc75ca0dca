"""Identity protection holds everywhere (issue 13): each leak that was shown, at the level
of its kind: any protected person, any surface, any form or script of the name.

Placeholder people: a hidden Australian ("Hemi Tamatea Concealed", HTC), invited nowhere;
a pseudonymous New Zealander ("Pimchanok Lanternveil", pseudonym "River"); a named Thai
participant recorded in Latin script only ("Somchai Jaidee", สมชาย ใจดี in Thai); a named
Malaysian "Case Management Lead" ("Aminah Rahman"); a named Indonesian ("Budi Santoso").
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts import audit
from accounts import services as account_services
from accounts.models import AuditEntry
from convenings import services as convening_services
from convenings.models import ConveningStatus, InvitationStatus
from engagement import services as engagement_services
from engagement.models import (
    ActionUpdate,
    FollowUpMessage,
    MeetingNote,
    MessageKind,
    NotesStatus,
)
from outcomes.models import EvidenceKind, OutcomeEvidence, ReportStatus
from outcomes.reports.render import render_report
from participants import protection
from participants import services as participant_services
from participants.erasure import erase_person
from participants.models import ErasedName, Participant, ProtectionFlag, Sector, Visibility
from tests import factories
from tests.engagement.factories import FollowUpActionFactory, MeetingNoteFactory, past_convening
from tests.outcomes.factories import OutcomeFactory, StoredReportFactory
from tests.outcomes.reports.pdf import report_text

pytestmark = pytest.mark.django_db

HIDDEN = "Hemi Tamatea Concealed"
# Every form of the hidden person's name a reader may meet, and one in Thai script.
HIDDEN_FORMS = [
    HIDDEN,
    "HEMI TAMATEA CONCEALED",
    "Concealed",
    "Mr Concealed",
    "Pak Hemi",
    "Hemi C.",
    "H. Concealed",
    "H.T.C.",
    "Harbourstone Shelter Trust",
    "เฮมิ",  # the name in other scripts, as recorded
]


@pytest.fixture
def w(db):
    th = factories.CountryFactory(code="TH")
    my = factories.CountryFactory(code="MY")
    au = factories.CountryFactory(code="AU")
    nz = factories.CountryFactory(code="NZ")
    idn = factories.CountryFactory(code="ID")
    staff = factories.UserFactory(email="staff@example.org")
    account_services.set_role(user=staff, role="staff")
    admin = factories.UserFactory(email="admin@example.org")
    account_services.set_role(user=admin, role="admin")
    hidden_user = factories.UserFactory(email="hemi@example.org", name=HIDDEN)
    hidden = factories.ParticipantFactory(
        user=hidden_user,
        email="hemi@example.org",
        full_name=HIDDEN,
        display_name="Koru Shade",
        other_names="เฮมิ ตามาเตอา",
        visibility=Visibility.HIDDEN,
        country=au,
        sector=Sector.LIVED_EXPERIENCE,
        organisation=factories.OrganisationFactory(name="Harbourstone Shelter Trust", country=au),
    )
    river_user = factories.UserFactory(email="river@example.org")
    river = factories.ParticipantFactory(
        user=river_user,
        email="river@example.org",
        full_name="Pimchanok Lanternveil",
        display_name="River",
        visibility=Visibility.PSEUDONYMOUS,
        country=nz,
    )
    viewer_user = factories.UserFactory(email="somchai@example.org")
    somchai = factories.ParticipantFactory(
        user=viewer_user, email="somchai@example.org", full_name="Somchai Jaidee", country=th
    )
    aminah = factories.ParticipantFactory(
        full_name="Aminah Rahman",
        country=my,
        sector=Sector.GOVERNMENT,
        position="Case Management Lead",
    )
    budi = factories.ParticipantFactory(full_name="Budi Santoso", country=idn)
    convening = past_convening(title="Convening X", host_country=th, chatham_house=True)
    for person in (somchai, river, aminah):
        factories.InvitationFactory(
            convening=convening, participant=person, status=InvitationStatus.ATTENDED
        )
    return {
        "staff": staff,
        "admin": admin,
        "hidden": hidden,
        "river": river,
        "somchai": somchai,
        "aminah": aminah,
        "budi": budi,
        "convening": convening,
        "th": th,
        "my": my,
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _notes(convening, text, *, field="key_points_en"):
    texts = {"key_points_en": "", "next_steps_en": "", field: text}
    return MeetingNoteFactory(convening=convening, **texts)


def _publish(notes, by):
    return engagement_services.publish_notes(notes=notes, by=by)


def _refused(notes, *, by) -> list:
    """What publishing these notes is refused for (it must be refused)."""
    with pytest.raises(engagement_services.NotesAttributeSomeoneError) as refused:
        _publish(notes, by)
    return refused.value.matches


# --- Only the convening's own invitees were checked ------------------------------------------


@pytest.mark.parametrize("form", HIDDEN_FORMS)
def test_an_uninvited_hidden_person_is_no_agenda_facilitator_in_any_form(w, form):
    convening = factories.ConveningFactory(status=ConveningStatus.OPEN)
    start = timezone.make_aware(dt.datetime.combine(convening.start_date, dt.time(9)))
    with pytest.raises(ValidationError) as refused:
        convening_services.add_agenda_session(
            convening=convening,
            fields={
                "kind": "presentation",
                "title_en": "Community placement",
                "facilitators": f"{form} and the secretariat",
                "starts_at": start,
                "ends_at": start + dt.timedelta(hours=1),
            },
            by=w["staff"],
        )
    assert "facilitators" in refused.value.message_dict
    assert HIDDEN in refused.value.message_dict["facilitators"][0]  # staff see whom


@pytest.mark.parametrize("field", ["learning_en", "programme_th", "place"])
def test_site_visits_name_no_hidden_person_in_any_field(w, field):
    convening = factories.ConveningFactory(status=ConveningStatus.OPEN)
    fields = {"programme_en": "Community placement", "place": "Bangkok"}
    fields["date"] = convening.start_date
    fields[field] = "Visit with Mr Concealed"
    with pytest.raises(ValidationError):
        convening_services.create_site_visit(convening=convening, fields=fields, by=w["staff"])


@pytest.mark.parametrize("chatham_house", [True, False])
@pytest.mark.parametrize("form", HIDDEN_FORMS)
def test_notes_naming_an_uninvited_hidden_person_are_refused(w, form, chatham_house):
    convening = past_convening(chatham_house=chatham_house)
    notes = _notes(convening, f"Ideas from {form} were welcome.")
    matches = _refused(notes, by=w["staff"])
    assert {m.kind for m in matches} == {"protected"}
    assert MeetingNote.objects.get(pk=notes.pk).status == NotesStatus.DRAFT


def test_the_checker_says_why_in_the_readers_language(w):
    notes = _notes(w["convening"], "Mr Concealed was thanked.")
    url = reverse("engagement:staff-note-edit", args=[w["convening"].pk, notes.pk])
    pages = {}
    for language in ("en", "id", "ms", "th"):
        account_services.set_language(user=w["staff"], language=language)
        pages[language] = _client(w["staff"]).get(url).content.decode()
    with translation.override("en"):
        english = str(protection.REASON_LABELS[protection.Reason.HIDDEN])
    assert english in pages["en"]
    for language in ("id", "ms", "th"):
        with translation.override(language):
            label = str(protection.REASON_LABELS[protection.Reason.HIDDEN])
        assert label != english
        assert label in pages[language], language


def test_inviting_someone_afterwards_takes_down_notes_that_now_name_them(w):
    notes = _notes(w["convening"], "Budi Santoso explained the referral pilot.")
    _publish(notes, w["staff"])  # Budi was not there: no attribution yet
    viewer = _client(w["somchai"].user)
    url = reverse("engagement:portal-notes", args=[w["convening"].pk])
    assert "referral pilot" in viewer.get(url).content.decode()

    convening_services.invite_participants(
        convening=w["convening"], participants=[w["budi"]], by=w["staff"]
    )

    assert MeetingNote.objects.get(pk=notes.pk).status == NotesStatus.DRAFT
    assert "referral pilot" not in viewer.get(url).content.decode()
    flag = ProtectionFlag.objects.get(object_type="engagement.meetingnote", resolved_at=None)
    assert flag.participant == w["budi"]
    listing = _client(w["staff"]).get(reverse("participants:staff-protection")).content.decode()
    assert "Budi Santoso" in listing
    assert "names someone present" in listing


def test_the_flags_page_names_the_field_as_staff_read_it(w):
    """Staff read "Key points", in their language, not the column key "key_points"."""
    notes = _notes(w["convening"], "Budi Santoso explained the referral pilot.")
    _publish(notes, w["staff"])
    convening_services.invite_participants(
        convening=w["convening"], participants=[w["budi"]], by=w["staff"]
    )
    account_services.set_language(user=w["staff"], language="th")
    with translation.override("en"):  # the page switches this thread's language to Thai
        page = _client(w["staff"]).get(reverse("participants:staff-protection"))
    listing = page.content.decode()
    assert "<td>key_points</td>" not in listing
    with translation.override("th"):
        label = str(MeetingNote._meta.get_field("key_points").verbose_name)
    assert label in listing


@pytest.mark.parametrize(
    "surface", ["session", "visit", "action", "update"], ids=lambda s: f"{s}-hidden-later"
)
def test_hiding_someone_takes_down_what_names_them_everywhere(w, surface):
    convening = w["convening"]
    viewer = w["somchai"]
    text = "Budi Santoso leads this."
    if surface == "session":
        obj = factories.AgendaSessionFactory(convening=convening, facilitators=text)
    elif surface == "visit":
        obj = factories.SiteVisitFactory(convening=convening, learning_en=text)
    elif surface == "action":
        obj = FollowUpActionFactory(convening=convening, owner=viewer, title=text)
    else:
        action = FollowUpActionFactory(convening=convening, owner=viewer, title="Share guide")
        obj = ActionUpdate.objects.create(action=action, author=viewer.user, text=text)
    client = _client(viewer.user)
    pages = [
        reverse("convenings:portal-detail", args=[convening.pk]),
        reverse("convenings:portal-calendar", args=[convening.pk]),
        reverse("engagement:portal-actions"),
    ]
    assert any("Budi Santoso" in client.get(p).content.decode() for p in pages)

    participant_services.update_participant(
        participant=w["budi"], by=w["staff"], visibility=Visibility.HIDDEN
    )

    for page in pages:
        assert "Budi Santoso" not in client.get(page).content.decode(), page
    flag = ProtectionFlag.objects.get(object_id=str(obj.pk), resolved_at=None)
    assert flag.object_type == obj._meta.label_lower
    assert flag.reason == protection.Reason.HIDDEN
    # Named again: the next re-check gives it back.
    participant_services.update_participant(
        participant=w["budi"], by=w["staff"], visibility=Visibility.NAMED
    )
    assert not ProtectionFlag.objects.filter(resolved_at=None).exists()
    assert any("Budi Santoso" in client.get(p).content.decode() for p in pages)


# --- Other scripts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ในการประชุม สมชายเล่าว่าโครงการนำร่องได้ผลดี",  # the given name, romanised
        "สมชาย ใจดี อธิบายขั้นตอนการส่งต่อ",  # the full name
    ],
)
def test_thai_notes_naming_a_participant_recorded_in_latin_script_are_refused(w, text):
    notes = _notes(w["convening"], text, field="key_points_th")
    matches = _refused(notes, by=w["staff"])
    assert {m.participant_id for m in matches} == {w["somchai"].pk}


def test_a_short_thai_given_name_after_a_title_is_refused_and_alone_is_a_word(w):
    """ "มาลี" (Malee) romanises to a two-consonant skeleton, too short to be a name on its
    own (it is also a word, "flower"); after คุณ/นาย/นาง it is the person."""
    malee = factories.ParticipantFactory(full_name="Malee Sukprasert", country=w["th"])
    factories.InvitationFactory(
        convening=w["convening"], participant=malee, status=InvitationStatus.ATTENDED
    )
    notes = _notes(w["convening"], "คุณมาลีอธิบายขั้นตอนการส่งต่อ", field="key_points_th")
    matches = _refused(notes, by=w["staff"])
    assert {m.participant_id for m in matches} == {malee.pk}
    _publish(_notes(w["convening"], "ดอกมาลีบานในสวน", field="key_points_th"), w["staff"])


# --- Attribution through a pseudonym or a description ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "River shared her experience of detention.",
        "Later, River explained the referral steps.",
        "River menjelaskan langkah rujukan.",
    ],
)
def test_a_pseudonym_used_as_a_speaker_is_refused(w, text):
    notes = _notes(w["convening"], text)
    matches = _refused(notes, by=w["staff"])
    assert [m.kind for m in matches] == ["speaker"]


@pytest.mark.parametrize(
    "text",
    [
        "According to River, case workers matter most.",
        "As River put it, case workers matter most.",
        "In River's words, case workers matter most.",
        "River: case workers matter more than walls.",
        "River, who spent a year in detention, said case workers matter.",
        "Menurut River, pekerja kasus sangat penting.",
        "Kata River, pekerja kes amat penting.",
    ],
)
def test_a_pseudonym_is_no_speaker_before_the_verb_or_further_from_it(w, text):
    """Attribution is not only "River said": "according to River", "River's words",
    "River: …" and a verb later in the sentence attribute the remark too."""
    notes = _notes(w["convening"], text)
    matches = _refused(notes, by=w["staff"])
    assert [m.kind for m in matches] == ["speaker"]


@pytest.mark.parametrize(
    "text",
    [
        "Along the Mekong River, officials explained the referral steps.",
        "The river shared by two provinces was discussed.",
        "Pilots on the Red River said little about children.",
    ],
)
def test_a_river_that_is_a_place_is_still_no_speaker(w, text):
    _publish(_notes(w["convening"], text), w["staff"])


def test_the_everyday_word_is_not_a_speaker(w):
    notes = _notes(w["convening"], "The river shared by two provinces was discussed.")
    _publish(notes, w["staff"])


@pytest.mark.parametrize(
    "text",
    [
        "The Malaysian case management lead explained the pilot.",
        "A government official from Malaysia described the pilot.",
        "Pegawai kerajaan Malaysia menjelaskan program itu.",
    ],
)
def test_a_description_that_fits_one_person_present_is_refused(w, text):
    notes = _notes(w["convening"], text)
    matches = _refused(notes, by=w["staff"])
    assert {(m.kind, m.participant_id) for m in matches} == {("description", w["aminah"].pk)}


def test_a_description_that_fits_two_people_present_passes(w):
    second = factories.ParticipantFactory(
        full_name="Farid Osman", country=w["my"], sector=Sector.GOVERNMENT, position="Director"
    )
    factories.InvitationFactory(convening=w["convening"], participant=second, status="attended")
    notes = _notes(w["convening"], "A government official from Malaysia described the pilot.")
    _publish(notes, w["staff"])
    assert MeetingNote.objects.get(pk=notes.pk).is_published


# --- Partial names in reports ---------------------------------------------------------------


def test_reports_scrub_partial_names_and_the_organisation_beside_them(w):
    quiet = factories.ParticipantFactory(
        full_name="Nirun Quietconsent",
        country=w["my"],
        sector=Sector.CIVIL_SOCIETY,
        consent_named_in_reports=False,
        organisation=factories.OrganisationFactory(name="Quietwater Bureau", country=w["my"]),
    )
    outcome = OutcomeFactory(
        country=w["th"],
        date=dt.date(2023, 5, 1),
        title="Screening at the border",
        what_changed="Mr Quietconsent of Quietwater Bureau drafted the guide.",
        who_changed="Nirun Q. helped; so did H. Concealed.",
        significance="Nirun Quietconsent of Quietwater Bureau spoke.",
    )
    outcome.champions.set([quiet])
    for fmt in ("csv", "xlsx", "pdf"):
        content = render_report(
            kind="annual", start_year=2023, end_year=2023, language="en", fmt=fmt
        )
        text = report_text(content, fmt)
        assert "Screening at the border" in text
        for word in ("Quietconsent", "Quietwater", "Nirun Q", "Concealed", "H. C"):
            assert word not in text, (fmt, word)
        assert "a civil society leader from Malaysia" in text


# --- "My data" leaked others ------------------------------------------------------------------


def test_my_data_scrubs_everyone_else_in_json_and_html(w):
    champion = w["somchai"]
    outcome = OutcomeFactory(
        country=w["th"],
        what_changed="Somchai Jaidee, Budi Santoso and Mr Concealed drafted the guide.",
    )
    outcome.champions.set([champion])
    client = _client(champion.user)
    exported = client.get(reverse("accounts:portal-my-data"))
    data = json.loads(
        b"".join(exported.streaming_content) if exported.streaming else exported.content
    )
    text = json.dumps(data["records"], ensure_ascii=False)
    assert "drafted the guide" in text
    assert "Somchai Jaidee" in text  # their own name stays
    page = client.get(reverse("accounts:portal-my-data-page"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "drafted the guide" in html
    for shown in (text, html):
        assert "Budi" not in shown
        assert "Concealed" not in shown


def test_the_readable_my_data_page_labels_fields_in_the_readers_language(w):
    """The page beside the JSON is for people, not programs: field labels, not column keys."""
    from accounts import services as accounts

    champion = w["somchai"]
    OutcomeFactory(country=w["th"], what_changed="A guide was drafted.").champions.set([champion])
    accounts.set_language(user=champion.user, language="th")
    with translation.override("en"):  # the page switches this thread's language to Thai
        html = _client(champion.user).get(reverse("accounts:portal-my-data-page")).content.decode()
    assert "<dt>full_name</dt>" not in html
    assert '<th scope="col">what_changed_en</th>' not in html
    with translation.override("th"):
        label = str(Participant._meta.get_field("full_name").verbose_name)
    assert f"<dt>{label[0].upper()}{label[1:]}</dt>" in html


# --- Erasure removed the protection ----------------------------------------------------------


@pytest.fixture
def traces(w, mailoutbox):
    """The hidden person's name left everywhere it was found after erasing him."""
    hidden, convening, staff = w["hidden"], w["convening"], w["staff"]
    factories.InvitationFactory(convening=convening, participant=hidden, status="attended")
    session = factories.AgendaSessionFactory(convening=convening, facilitators="Hemi Concealed")
    note = MeetingNoteFactory(convening=convening, key_points_en="Thanks to Hemi C. for hosting.")
    outcome = OutcomeFactory(country=w["th"], date=dt.date(2023, 5, 1))
    evidence = OutcomeEvidence.objects.create(
        outcome=outcome, kind=EvidenceKind.FILE, description="Letter from Mr Concealed"
    )
    evidence.file.save("letter_hemi_concealed.pdf", ContentFile(b"%PDF-1.4 letter"))
    audit.record(
        actor=staff,
        action="outcome.updated",
        obj=outcome,
        changes={"what_changed": ["", "Hemi Tamatea Concealed briefed the ministry"]},
    )
    message = FollowUpMessage.objects.create(
        key="followup-hidden",
        kind=MessageKind.FOLLOWUP,
        convening=convening,
        participant=hidden,
        recipient="hemi@example.org",
        language="en",
        subject="Follow-up for Hemi Tamatea Concealed",
    )
    action = FollowUpActionFactory(convening=convening, owner=hidden, title="Host the visit")
    update = ActionUpdate.objects.create(
        action=action, author=hidden.user, text="Call me on +61 400 000 000"
    )
    report = StoredReportFactory(status=ReportStatus.DONE, format="csv")
    report.file.save("annual.csv", ContentFile(b"Champion: Hemi Tamatea Concealed"))
    return {
        "session": session,
        "note": note,
        "evidence": evidence,
        "message": message,
        "update": update,
        "report": report,
        "outcome": outcome,
    }


def test_erasure_removes_the_name_everywhere_and_keeps_protecting(w, traces):
    from tests.accounts.test_privacy import _text_columns_containing

    assert _text_columns_containing("Concealed")  # the name really is in these places
    old_report_file = traces["report"].file.name

    counts = erase_person(participant=w["hidden"], by=w["admin"])

    for needle in ("Concealed", "Tamatea", "hemi@example.org", "400 000"):
        assert _text_columns_containing(needle) == [], needle
    evidence = OutcomeEvidence.objects.get(pk=traces["evidence"].pk)
    assert "concealed" not in evidence.file.name.lower()
    assert evidence.file.read() == b"%PDF-1.4 letter"
    placeholder = f"Erased participant {w['hidden'].pk}"
    assert MeetingNote.objects.get(pk=traces["note"].pk).key_points_en == (
        f"Thanks to {placeholder} for hosting."
    )
    assert FollowUpMessage.objects.get(pk=traces["message"].pk).recipient.endswith(
        "@erased.invalid"
    )
    assert ActionUpdate.objects.get(pk=traces["update"].pk).text == ""
    report = traces["report"]
    report.refresh_from_db()
    assert report.file.name != old_report_file
    # The erasure records what it changed, as counts.
    entry = AuditEntry.objects.get(action="participant.erased")
    recorded = entry.changes["counts"][1]
    assert recorded == counts
    assert counts["name replaced: convenings.agendasession"] == 1
    assert counts["name replaced: outcomes.outcomeevidence"] == 1
    assert "Concealed" not in json.dumps(recorded)
    # Nothing of the name is stored in the clear, yet text typed later is still scrubbed.
    assert ErasedName.objects.filter(participant=w["hidden"]).exists()
    later = OutcomeFactory(
        country=w["th"], date=dt.date(2023, 7, 1), what_changed="Hemi Concealed opened a shelter."
    )
    text = report_text(
        render_report(kind="annual", start_year=2023, end_year=2023, language="en", fmt="csv"),
        "csv",
    )
    assert later.title in text
    assert "opened a shelter" in text
    assert "Concealed" not in text
    with pytest.raises(engagement_services.NotesAttributeSomeoneError):
        _publish(_notes(w["convening"], "Mr Concealed sent regards."), w["staff"])


def test_erasure_keeps_aggregates(w, traces):
    from tests.accounts.test_privacy import _figures

    before = _figures()
    erase_person(participant=w["hidden"], by=w["admin"])
    assert _figures() == before


def test_other_erased_peoples_addresses_leave_the_mail_log_too(w, traces):
    erase_person(participant=w["river"], by=w["admin"])
    # A row that still holds River's address, as rows written before this fix did.
    FollowUpMessage.objects.create(
        key="older",
        kind=MessageKind.FOLLOWUP,
        participant=w["river"],
        recipient="river@example.org",
        language="en",
    )
    erase_person(participant=w["hidden"], by=w["admin"])
    recipients = set(FollowUpMessage.objects.values_list("recipient", flat=True))
    assert recipients == {
        f"erased-{w['river'].pk}@erased.invalid",
        f"erased-{w['hidden'].pk}@erased.invalid",
    }


# --- Briefings ---------------------------------------------------------------------------------


def test_a_briefing_naming_a_protected_person_is_not_published_and_is_withheld_later(w):
    from briefings import services as briefing_services
    from briefings.models import BriefingStatus
    from tests.briefings.factories import BriefingFactory

    refused = BriefingFactory(
        convening=w["convening"], body_th="ขอบคุณเฮมิที่มาร่วม", status=BriefingStatus.DRAFT
    )
    with pytest.raises(ValidationError):
        briefing_services.publish_briefing(briefing=refused, by=w["staff"])
    assert refused.__class__.objects.get(pk=refused.pk).status == BriefingStatus.DRAFT

    shown = BriefingFactory(
        convening=w["convening"], summary_en="With thanks to Budi Santoso.", status="draft"
    )
    briefing_services.publish_briefing(briefing=shown, by=w["staff"])
    client = _client(w["somchai"].user)
    url = reverse("briefings:portal-detail", args=[shown.pk])
    assert client.get(url).status_code == 200
    participant_services.update_participant(
        participant=w["budi"], by=w["staff"], visibility=Visibility.HIDDEN
    )
    assert client.get(url).status_code == 404
    assert "Budi" not in client.get(reverse("briefings:portal-list")).content.decode()


# --- Small numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize("answers", [1, 2])
def test_feedback_with_fewer_than_three_answers_shows_no_ratings_or_comments(w, answers):
    convening = w["convening"]
    session = factories.AgendaSessionFactory(convening=convening, title="Screening")
    people = [w["somchai"], w["river"], w["aminah"]][:answers]
    for person in people:
        engagement_services.submit_feedback(
            convening=convening,
            participant=person,
            ratings={session.pk: 2},
            what_to_change="More time for the Malaysian pilot",
        )
    page = _client(w["staff"]).get(reverse("engagement:staff-feedback", args=[convening.pk]))
    html = page.content.decode()
    assert "Malaysian pilot" not in html
    assert "<meter" not in html
    assert "could tell who wrote what" in html


def test_a_suppressed_session_does_not_claim_it_had_no_ratings(w):
    """One rating is hidden, not zero: the Ratings column says nothing rather than "0"."""
    convening = w["convening"]
    session = factories.AgendaSessionFactory(convening=convening, title="Screening")
    engagement_services.submit_feedback(
        convening=convening, participant=w["somchai"], ratings={session.pk: 2}, what_to_change=""
    )
    page = _client(w["staff"]).get(reverse("engagement:staff-feedback", args=[convening.pk]))
    assert page.context["summary"].sessions[0].suppressed
    html = page.content.decode()
    assert '<td class="num">0</td>' not in html
    assert '<td class="num">\u2013</td>' in html


def test_feedback_from_three_people_is_shown(w):
    convening = w["convening"]
    session = factories.AgendaSessionFactory(convening=convening, title="Screening")
    for person in (w["somchai"], w["river"], w["aminah"]):
        engagement_services.submit_feedback(
            convening=convening,
            participant=person,
            ratings={session.pk: 4},
            what_to_change="More time with Mr Concealed",
        )
    html = (
        _client(w["staff"])
        .get(reverse("engagement:staff-feedback", args=[convening.pk]))
        .content.decode()
    )
    assert "<meter" in html
    assert "More time with" in html
    assert "Concealed" not in html  # comments are scrubbed too


def test_engagement_figures_of_a_country_with_one_participant_are_not_shown(w):
    html = _client(w["staff"]).get(reverse("engagement:staff-overview")).content.decode()
    assert "Too few participants to show figures" in html


def test_report_breakdowns_of_fewer_than_three_are_suppressed(w):
    from outcomes.reports.selectors import report_data

    held = factories.ConveningFactory(
        start_date=dt.date(2023, 3, 1), end_date=dt.date(2023, 3, 2), status=ConveningStatus.HELD
    )
    for person in (w["somchai"], w["river"], w["aminah"]):
        factories.InvitationFactory(convening=held, participant=person, status="attended")
    with translation.override("en"):
        data = report_data(kind="annual", start_year=2023, end_year=2023)
        shown = {r.key: r.shown for r in data.by_country}
        assert shown == {"MY": "fewer than 3", "NZ": "fewer than 3", "TH": "fewer than 3"}
        text = report_text(
            render_report(kind="annual", start_year=2023, end_year=2023, language="en", fmt="csv"),
            "csv",
        )
    assert "fewer than 3" in text


# --- Anyone could take a display name ----------------------------------------------------------


@pytest.mark.parametrize("taken", ["River", "RIVER", "Rívér", "Budi Santoso", "budi  santoso"])
def test_a_participant_cannot_take_someone_elses_name_or_pseudonym(w, taken):
    client = _client(w["somchai"].user)
    response = client.post(
        reverse("participants:portal-profile"),
        {"preferred_language": "en", "display_name": taken, "visibility": "pseudonymous"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "another participant" in response.content.decode()
    assert Participant.objects.get(pk=w["somchai"].pk).display_name == "Somchai Jaidee"


def test_staff_cannot_give_a_new_person_a_taken_pseudonym(w):
    with pytest.raises(participant_services.ParticipantError):
        participant_services.create_participant(
            by=w["staff"],
            full_name="Someone New",
            display_name="river",
            email="new@example.org",
            country=w["th"],
            sector=Sector.ACADEMIA,
            visibility=Visibility.PSEUDONYMOUS,
        )


def test_namesakes_may_both_use_their_real_name(w):
    participant_services.create_participant(
        by=w["staff"],
        full_name="Budi Santoso",
        email="budi.two@example.org",
        country=w["th"],
        sector=Sector.ACADEMIA,
    )


def _raw_cells_containing(needle: str) -> list[str]:
    """Every table cell holding the needle, read with SQL: no manager rewrites a column name
    (modeltranslation reads `description` as `description_<language>`)."""
    from django.db import connection

    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the schema
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, str) and needle.lower() in value.lower():
                        found.append(f"{table}.{column}")
    return sorted(set(found))


def test_erasure_reaches_the_untranslated_columns_and_other_peoples_records(w):
    """A translated field keeps its untranslated column (`what_changed` beside
    `what_changed_en`), and staff notes on someone else's record may name the person: the
    name leaves both, as read by SQL (a backup holds every column)."""
    outcome = OutcomeFactory(
        country=w["th"], date=dt.date(2023, 5, 1), what_changed="Mr Concealed briefed the ministry."
    )
    factories.AgendaSessionFactory(convening=w["convening"], description="Hemi C. opens the day.")
    budi = w["budi"]
    budi.notes = "Introduced by Hemi Tamatea Concealed."
    budi.save()
    assert "outcomes_outcome.what_changed" in _raw_cells_containing("Concealed")

    erase_person(participant=w["hidden"], by=w["admin"])

    assert _raw_cells_containing("Concealed") == []
    assert _raw_cells_containing("Hemi C.") == []
    placeholder = f"Erased participant {w['hidden'].pk}"
    outcome.refresh_from_db()
    assert outcome.what_changed_en == f"{placeholder} briefed the ministry."
    budi.refresh_from_db()
    assert budi.notes == f"Introduced by {placeholder}."
    assert budi.full_name == "Budi Santoso"
