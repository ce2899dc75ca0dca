"""Free text is checked against every protected person, not only the convening's invitees:
agenda sessions, site visits and notes in any form of the name; hiding someone or inviting
them later takes down what now names them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from accounts import services as account_services
from convenings import services as convening_services
from convenings.models import ConveningStatus
from engagement.models import (
    ActionUpdate,
    MeetingNote,
    NotesStatus,
)
from participants import protection
from participants import services as participant_services
from participants.models import ProtectionFlag, Visibility
from tests import factories
from tests.engagement.factories import FollowUpActionFactory, past_convening
from tests.security.identity.people import (
    HIDDEN,
    HIDDEN_FORMS,
    notes_saying,
    publish,
    refused,
    signed_in,
)

pytestmark = pytest.mark.django_db


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
    notes = notes_saying(convening, f"Ideas from {form} were welcome.")
    matches = refused(notes, by=w["staff"])
    assert {m.kind for m in matches} == {"protected"}
    assert MeetingNote.objects.get(pk=notes.pk).status == NotesStatus.DRAFT


def test_the_checker_says_why_in_the_readers_language(w):
    notes = notes_saying(w["convening"], "Mr Concealed was thanked.")
    url = reverse("engagement:staff-note-edit", args=[w["convening"].pk, notes.pk])
    pages = {}
    for language in ("en", "id", "ms", "th"):
        account_services.set_language(user=w["staff"], language=language)
        pages[language] = signed_in(w["staff"]).get(url).content.decode()
    with translation.override("en"):
        english = str(protection.REASON_LABELS[protection.Reason.HIDDEN])
    assert english in pages["en"]
    for language in ("id", "ms", "th"):
        with translation.override(language):
            label = str(protection.REASON_LABELS[protection.Reason.HIDDEN])
        assert label != english
        assert label in pages[language], language


def test_inviting_someone_afterwards_takes_down_notes_that_now_name_them(w):
    notes = notes_saying(w["convening"], "Budi Santoso explained the referral pilot.")
    publish(notes, w["staff"])  # Budi was not there: no attribution yet
    viewer = signed_in(w["somchai"].user)
    url = reverse("engagement:portal-notes", args=[w["convening"].pk])
    assert "referral pilot" in viewer.get(url).content.decode()

    convening_services.invite_participants(
        convening=w["convening"], participants=[w["budi"]], by=w["staff"]
    )

    assert MeetingNote.objects.get(pk=notes.pk).status == NotesStatus.DRAFT
    assert "referral pilot" not in viewer.get(url).content.decode()
    flag = ProtectionFlag.objects.get(object_type="engagement.meetingnote", resolved_at=None)
    assert flag.participant == w["budi"]
    listing = signed_in(w["staff"]).get(reverse("participants:staff-protection")).content.decode()
    assert "Budi Santoso" in listing
    assert "names someone present" in listing


def test_the_flags_page_names_the_field_as_staff_read_it(w):
    """Staff read "Key points", in their language, not the column key "key_points"."""
    notes = notes_saying(w["convening"], "Budi Santoso explained the referral pilot.")
    publish(notes, w["staff"])
    convening_services.invite_participants(
        convening=w["convening"], participants=[w["budi"]], by=w["staff"]
    )
    account_services.set_language(user=w["staff"], language="th")
    with translation.override("en"):  # the page switches this thread's language to Thai
        page = signed_in(w["staff"]).get(reverse("participants:staff-protection"))
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
    client = signed_in(viewer.user)
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
