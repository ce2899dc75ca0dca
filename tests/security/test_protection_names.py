"""Names written oddly (issue 13): spaces, punctuation, zero-width characters and full-width
letters inside a name neither make a taken display name or pseudonym free again nor slip a
protected name past the checker in free text.

Placeholder people: "Pimchanok Lanternveil", pseudonymous as "River"; "Hemi Tamatea
Concealed", hidden; "Somchai Jaidee", who tries to take the names."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts import services as account_services
from convenings.models import InvitationStatus
from engagement import services as engagement_services
from participants import protection
from participants import services as participant_services
from participants.models import Participant, Sector, Visibility
from tests import factories
from tests.engagement.factories import MeetingNoteFactory, past_convening

pytestmark = pytest.mark.django_db

# River, as someone trying to get round the check would write it.
RIVERS = [
    "Ri ver",
    "River\u200b",
    "Ri\u200bver",
    "R.i.v.e.r",
    "R i v e r",
    "R-i-v-e-r",
    "Ri\u00adver",  # a soft hyphen
    "\uff32\uff49\uff56\uff45\uff52",  # full-width letters
    "  river  ",
]


@pytest.fixture
def w(db):
    th = factories.CountryFactory(code="TH")
    staff = factories.UserFactory(email="staff@example.org")
    account_services.set_role(user=staff, role="staff")
    river = factories.ParticipantFactory(
        full_name="Pimchanok Lanternveil", display_name="River", visibility=Visibility.PSEUDONYMOUS
    )
    hidden = factories.ParticipantFactory(
        full_name="Hemi Tamatea Concealed",
        display_name="Koru Shade",
        visibility=Visibility.HIDDEN,
    )
    somchai = factories.ParticipantFactory(
        user=factories.UserFactory(email="somchai@example.org"),
        email="somchai@example.org",
        full_name="Somchai Jaidee",
        country=th,
    )
    convening = past_convening(title="Convening N", host_country=th, chatham_house=True)
    for person in (river, somchai):
        factories.InvitationFactory(
            convening=convening, participant=person, status=InvitationStatus.ATTENDED
        )
    return {
        "staff": staff,
        "river": river,
        "hidden": hidden,
        "somchai": somchai,
        "th": th,
        "convening": convening,
    }


@pytest.mark.parametrize("taken", [*RIVERS, "Koru  Sha.de", "Pim chanok Lantern veil"])
def test_a_participant_cannot_take_a_name_written_oddly(w, taken):
    client = Client()
    client.force_login(w["somchai"].user)
    response = client.post(
        reverse("participants:portal-profile"),
        {"preferred_language": "en", "display_name": taken, "visibility": "pseudonymous"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "another participant" in response.content.decode()
    assert Participant.objects.get(pk=w["somchai"].pk).display_name == "Somchai Jaidee"


@pytest.mark.parametrize("taken", RIVERS)
def test_staff_cannot_give_a_new_person_a_pseudonym_written_oddly(w, taken):
    with pytest.raises(participant_services.ParticipantError):
        participant_services.create_participant(
            by=w["staff"],
            full_name="Someone New",
            display_name=taken,
            email="new@example.org",
            country=w["th"],
            sector=Sector.ACADEMIA,
            visibility=Visibility.PSEUDONYMOUS,
        )


def test_a_different_name_is_still_free(w):
    participant_services.create_participant(
        by=w["staff"],
        full_name="Someone New",
        display_name="Rivers Edge",
        email="new@example.org",
        country=w["th"],
        sector=Sector.ACADEMIA,
        visibility=Visibility.PSEUDONYMOUS,
    )


@pytest.mark.parametrize(
    "written",
    [
        "H.e.m.i T.a.m.a.t.e.a",
        "Con cealed",
        "Concea\u200bled",
        "K o r u S h a d e",
        "\uff23\uff4f\uff4e\uff43\uff45\uff41\uff4c\uff45\uff44",
    ],
)
def test_the_checker_finds_a_hidden_name_written_oddly_in_free_text(w, written):
    registry = protection.registry(audience=protection.Audience.PARTICIPANTS)
    assert [i.label for i in registry.names_in(f"We thank {written} for the visit.")] == [
        "Hemi Tamatea Concealed"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The deliverables were agreed.",
        "A car men use.",
        "Concealment is not care.",
        "The river rose.",
    ],
)
def test_ordinary_words_are_not_taken_for_a_name_written_oddly(w, text):
    registry = protection.registry(audience=protection.Audience.PARTICIPANTS)
    assert registry.names_in(text) == []


@pytest.mark.parametrize("river", [r for r in RIVERS if r.strip() == r and r[0] != "\uff32"])
def test_a_pseudonym_written_oddly_is_still_a_speaker(w, river):
    notes = MeetingNoteFactory(
        convening=w["convening"],
        key_points_en=f"{river} said case workers matter most.",
        next_steps_en="",
    )
    with pytest.raises(engagement_services.NotesAttributeSomeoneError) as refused:
        engagement_services.publish_notes(notes=notes, by=w["staff"])
    assert [m.kind for m in refused.value.matches] == ["speaker"]


def test_a_full_width_pseudonym_is_still_a_speaker(w):
    notes = MeetingNoteFactory(
        convening=w["convening"],
        key_points_en="\uff32\uff49\uff56\uff45\uff52 said case workers matter most.",
        next_steps_en="",
    )
    with pytest.raises(engagement_services.NotesAttributeSomeoneError):
        engagement_services.publish_notes(notes=notes, by=w["staff"])


# River and the hidden name with letters of other alphabets drawn like Latin ones: they look
# the same on the page, so they are the same name.
LOOK_ALIKE_RIVERS = [
    "R\u0456ver",  # Cyrillic i
    "R\u0399VER",  # Greek capital iota
    "RIVE\u13a1",  # Cherokee letter e, drawn as R
    "R\u0131ver",  # dotless i
    "Riv\u0435r",  # Cyrillic ie
    "RIV\u0395R",  # Greek capital epsilon
]


@pytest.mark.parametrize("taken", [*LOOK_ALIKE_RIVERS, "K\u043eru Sh\u0430de"])
def test_a_participant_cannot_take_a_name_written_with_look_alike_letters(w, taken):
    client = Client()
    client.force_login(w["somchai"].user)
    response = client.post(
        reverse("participants:portal-profile"),
        {"preferred_language": "en", "display_name": taken, "visibility": "pseudonymous"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "another participant" in response.content.decode()
    assert Participant.objects.get(pk=w["somchai"].pk).display_name == "Somchai Jaidee"


@pytest.mark.parametrize("taken", LOOK_ALIKE_RIVERS)
def test_staff_cannot_give_a_pseudonym_written_with_look_alike_letters(w, taken):
    with pytest.raises(participant_services.ParticipantError):
        participant_services.create_participant(
            by=w["staff"],
            full_name="Someone New",
            display_name=taken,
            email="new@example.org",
            country=w["th"],
            sector=Sector.ACADEMIA,
            visibility=Visibility.PSEUDONYMOUS,
        )


@pytest.mark.parametrize(
    "written", ["C\u043encealed", "Conce\u0430led", "\u041a\u03bfru Shade", "Hem\u0456 Tamatea"]
)
def test_the_checker_finds_a_hidden_name_written_with_look_alike_letters(w, written):
    registry = protection.registry(audience=protection.Audience.PARTICIPANTS)
    assert [i.label for i in registry.names_in(f"We thank {written} for the visit.")] == [
        "Hemi Tamatea Concealed"
    ]


def test_a_pseudonym_written_with_look_alike_letters_is_still_a_speaker(w):
    notes = MeetingNoteFactory(
        convening=w["convening"],
        key_points_en="R\u0456v\u0435r said case workers matter most.",
        next_steps_en="",
    )
    with pytest.raises(engagement_services.NotesAttributeSomeoneError) as refused:
        engagement_services.publish_notes(notes=notes, by=w["staff"])
    assert [m.kind for m in refused.value.matches] == ["speaker"]


def test_words_in_cyrillic_or_greek_are_not_taken_for_a_name(w):
    registry = protection.registry(audience=protection.Audience.PARTICIPANTS)
    assert (
        registry.names_in(
            "\u0412\u0441\u0442\u0440\u0435\u0447\u0430 \u043f\u0440\u043e\u0448\u043b\u0430. "
            "\u0397 \u03c3\u03c5\u03bd\u03ac\u03bd\u03c4\u03b7\u03c3\u03b7."
        )
        == []
    )


@pytest.mark.parametrize(
    "taken",
    [
        "Tamatea Hemi",  # another order
        "Mr Concealed",  # a title and the surname
        "Hemi T.",  # the given name and an initial
        "\u0e40\u0e2e\u0e21\u0e35 \u0e17\u0e32\u0e21\u0e32\u0e40\u0e17\u0e35\u0e22",  # in Thai
        "Pimchanok L.",  # River's real name, shortened
    ],
)
def test_a_participant_cannot_take_a_protected_persons_name_in_another_form(w, taken):
    w[
        "hidden"
    ].other_names = "\u0e40\u0e2e\u0e21\u0e35 \u0e17\u0e32\u0e21\u0e32\u0e40\u0e17\u0e35\u0e22"
    w["hidden"].save()
    client = Client()
    client.force_login(w["somchai"].user)
    response = client.post(
        reverse("participants:portal-profile"),
        {"preferred_language": "en", "display_name": taken, "visibility": "pseudonymous"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "another participant" in response.content.decode()
    assert Participant.objects.get(pk=w["somchai"].pk).display_name == "Somchai Jaidee"


def test_a_person_keeps_their_own_name_beside_a_protected_namesake(w):
    """The extra check is for chosen names only: a named person shown as themselves is not
    refused because a hidden person shares a part of the name."""
    factories.ParticipantFactory(full_name="Somchai Hiddenperson", visibility=Visibility.HIDDEN)
    client = Client()
    client.force_login(w["somchai"].user)
    response = client.post(
        reverse("participants:portal-profile"),
        {"preferred_language": "en", "display_name": "Somchai Jaidee", "visibility": "named"},
    )
    assert response.status_code == 302


def test_a_pseudonym_chosen_before_a_namesake_was_hidden_does_not_lock_the_profile(w):
    """The check is made when a name is chosen: a hidden person added later whose name holds
    the pseudonym does not keep its holder from changing their language."""
    w["somchai"].display_name = "Mawar"
    w["somchai"].visibility = Visibility.PSEUDONYMOUS
    w["somchai"].save()
    factories.ParticipantFactory(full_name="Mawar Tersembunyi", visibility=Visibility.HIDDEN)
    client = Client()
    client.force_login(w["somchai"].user)
    response = client.post(
        reverse("participants:portal-profile"),
        {"preferred_language": "th", "display_name": "Mawar", "visibility": "pseudonymous"},
    )
    assert response.status_code == 302
    assert Participant.objects.get(pk=w["somchai"].pk).preferred_language == "th"
