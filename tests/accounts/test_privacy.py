"""A participant's data export and an admin erasing a person."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.db import models
from django.db.models import Count
from django.urls import reverse

from accounts import audit
from accounts.models import AuditEntry, User
from convenings.models import Invitation, InvitationStatus
from participants.erasure import erase_person
from participants.models import Participant, Visibility
from tests import factories
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

MY_DATA = reverse("accounts:portal-my-data")


def erase_url(participant):
    return reverse("accounts:erase-person", kwargs={"pk": participant.pk})


# --- Export ---------------------------------------------------------------------------


def test_export_holds_my_record_account_and_invitations(participant_client, participant):
    convening = factories.ConveningFactory(title="Export Convening")
    factories.InvitationFactory(
        convening=convening, participant=participant, dietary_needs="No peanuts"
    )
    response = participant_client.get(MY_DATA)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert response["Cache-Control"].startswith("no-store")
    data = json.loads(response.content)
    assert data["participant"]["full_name"] == "Siriporn Example"
    assert data["participant"]["user"] == "you"
    assert data["account"]["email"] == "participant@example.org"
    [invitation] = data["records"]["convenings.invitation"]
    assert invitation["convening"] == "Export Convening"
    assert invitation["dietary_needs"] == "No peanuts"
    assert invitation["participant"] == "you"
    assert data["records"]["account.emailaddress"][0]["email"] == "participant@example.org"


def test_export_leaves_out_other_people_and_secrets(participant_client, participant, staff_user):
    from allauth.mfa.totp.internal.auth import TOTP

    convening = factories.ConveningFactory()
    factories.InvitationFactory(convening=convening, participant=participant, invited_by=staff_user)
    other = factories.ParticipantFactory(full_name="Other Person Named", email="other@example.org")
    factories.InvitationFactory(convening=convening, participant=other, dietary_needs="Halal only")
    TOTP.activate(participant.user, "JBSWY3DPEHPK3PXP")

    body = participant_client.get(MY_DATA).content.decode()
    assert "Other Person Named" not in body
    assert "other@example.org" not in body
    assert "Halal only" not in body
    assert "staff@example.org" not in body
    assert "invited_by" not in body
    assert "JBSWY3DPEHPK3PXP" not in body
    assert "fernet:" not in body
    assert "password" not in body
    assert '"mfa.authenticator"' in body  # that they have one, without the secret


def test_export_never_includes_rows_flagged_anonymous():
    from accounts import personal_data

    class Row:
        anonymous = True

    class Named:
        anonymous = False

    assert personal_data.is_anonymous(Row())
    assert not personal_data.is_anonymous(Named())


def test_export_finds_relations_from_every_app_generically():
    from accounts import personal_data

    labels = {link.label for link in personal_data.person_links()}
    assert "convenings.invitation.participant" in labels
    assert "account.emailaddress.user" in labels
    assert "mfa.authenticator.user" in labels
    # What the person did to others' records is not theirs to export.
    assert "convenings.invitation.invited_by" not in labels
    assert "accounts.auditentry.actor" not in labels


@pytest.mark.parametrize("who", ["staff_client", "admin_client_"])
def test_my_data_is_for_participants_only(request, who):
    assert request.getfixturevalue(who).get(MY_DATA).status_code == 403


def test_my_data_sends_anonymous_to_sign_in(client):
    response = client.get(MY_DATA)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- Erasure ----------------------------------------------------------------------------


@pytest.fixture
def erasable(staff_user):
    """A participant with an account, invitations, MFA and audit history, among others."""
    user = factories.UserFactory(email="erase.me@example.org", name="Wanida Erasable")
    person = factories.ParticipantFactory(
        user=user,
        email="erase.me@example.org",
        full_name="Wanida Erasable",
        display_name="Wanida E.",
        position="Director of Alternatives",
        notes="Prefers morning calls",
        consent_contact=True,
        consent_quoted=True,
    )
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    convenings = factories.ConveningFactory.create_batch(2)
    for convening in convenings:
        factories.InvitationFactory(
            convening=convening,
            participant=person,
            status=InvitationStatus.ATTENDED,
            access_needs="Wheelchair access for Wanida Erasable",
        )
        factories.InvitationFactory.create_batch(2, convening=convening)
    audit.record(
        actor=staff_user,
        action="participant.updated",
        obj=person,
        changes={"full_name": ["Wanida Erasabel", "Wanida Erasable"]},
    )
    audit.record(actor=staff_user, action="invitation.created", obj=person.invitations.first())
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.create(
        user=staff_user,
        content_type=ContentType.objects.get_for_model(Participant),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message="Changed position of Wanida Erasable",
    )
    return person


def _figures():
    return (
        list(
            Invitation.objects.values("convening_id", "status")
            .annotate(n=Count("id"))
            .order_by("convening_id", "status")
        ),
        list(
            Participant.objects.values("country__code")
            .annotate(n=Count("id"))
            .order_by("country__code")
        ),
    )


def _text_columns_containing(needle: str) -> list[str]:
    """Every char/text/JSON column in every table whose value mentions the needle."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                lookup = {f"{field.name}__icontains": needle}
            elif isinstance(field, models.JSONField):
                if any(
                    needle.lower() in json.dumps(v).lower()
                    for v in model._base_manager.values_list(field.name, flat=True)
                ):
                    found.append(f"{model._meta.label}.{field.name}")
                continue
            else:
                continue
            # Base manager: rows hidden from pages (withdrawn, deleted) count too.
            if model._base_manager.filter(**lookup).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


def test_erasure_keeps_figures_and_leaves_no_trace_of_the_person(erasable, admin_user):
    figures_before = _figures()
    assert _text_columns_containing("Wanida")  # the check can see the data before
    assert _text_columns_containing("erase.me@example.org")
    user_pk = erasable.user.pk

    erase_person(participant=erasable, by=admin_user)

    assert _figures() == figures_before
    assert _text_columns_containing("Wanida") == []
    assert _text_columns_containing("Erasab") == []
    assert _text_columns_containing("erase.me@example.org") == []

    person = Participant.objects.get(pk=erasable.pk)
    assert person.full_name == person.display_name == f"Erased participant {person.pk}"
    assert person.email == f"erased-{person.pk}@erased.invalid"
    assert person.position == person.notes == ""
    assert person.visibility == Visibility.HIDDEN
    assert not person.is_active
    for consent in Participant.CONSENT_FIELDS:
        assert getattr(person, consent) is False
        assert getattr(person, f"{consent}_at") is not None
    assert set(person.invitations.values_list("access_needs", flat=True)) == {""}
    assert set(person.invitations.values_list("status", flat=True)) == {"attended"}

    user = User.objects.get(pk=user_pk)
    assert not user.is_active
    assert not user.has_usable_password()
    assert user.email == f"erased-user-{user_pk}@erased.invalid"
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()

    entries = AuditEntry.objects.filter(
        object_type="participants.participant", object_id=str(person.pk)
    )
    assert entries.filter(action="participant.erased", actor=admin_user).count() == 1
    assert entries.filter(action="participant.updated").get().object_label == person.full_name


def test_erased_person_cannot_sign_in(client, erasable, admin_user):
    erase_person(participant=erasable, by=admin_user)
    client.post(reverse("account_login"), {"login": "erase.me@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_erasure_signs_out_an_open_session(erasable, admin_user):
    from django.test import Client

    session = Client()
    session.force_login(erasable.user)
    assert session.get("/portal/").status_code == 200
    erase_person(participant=erasable, by=admin_user)
    response = session.get("/portal/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_erasure_leaves_other_people_untouched(erasable, admin_user, staff_user):
    namesake = factories.ParticipantFactory(full_name="Wanida Erasable-Somchai")
    audit.record(actor=staff_user, action="participant.updated", obj=namesake)
    others = list(
        Participant.objects.exclude(pk=erasable.pk).values_list("full_name", "email", "is_active")
    )
    other_needs = list(
        Invitation.objects.exclude(participant=erasable).values_list("access_needs", flat=True)
    )
    erase_person(participant=erasable, by=admin_user)
    assert (
        list(
            Participant.objects.exclude(pk=erasable.pk).values_list(
                "full_name", "email", "is_active"
            )
        )
        == others
    )
    assert (
        list(
            Invitation.objects.exclude(participant=erasable).values_list("access_needs", flat=True)
        )
        == other_needs
    )


def test_erasure_rolls_back_completely_on_failure(erasable, admin_user, monkeypatch):
    from accounts import audit as audit_module

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit_module, "record", broken)
    with pytest.raises(RuntimeError):
        erase_person(participant=erasable, by=admin_user)
    person = Participant.objects.get(pk=erasable.pk)
    assert person.full_name == "Wanida Erasable"
    assert EmailAddress.objects.filter(user=person.user).exists()


# --- The erase page ---------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in_from_the_erase_page(client, erasable):
    response = client.get(erase_url(erasable))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["participant_client", "staff_client"])
def test_only_admins_may_erase(request, who, erasable):
    client = request.getfixturevalue(who)
    assert client.get(erase_url(erasable)).status_code == 403
    assert client.post(erase_url(erasable), {"confirm": "on"}).status_code == 403
    assert Participant.objects.get(pk=erasable.pk).full_name == "Wanida Erasable"


def test_erase_page_asks_for_confirmation_then_erases(admin_client_, erasable):
    page = admin_client_.get(erase_url(erasable))
    assert page.status_code == 200
    assert "Wanida Erasable" in page.content.decode()
    assert "Invited to 2 convenings." in page.content.decode()

    unconfirmed = admin_client_.post(erase_url(erasable), {})
    assert unconfirmed.status_code == 200
    assert 'aria-describedby="confirm-errors"' in unconfirmed.content.decode()
    assert Participant.objects.get(pk=erasable.pk).full_name == "Wanida Erasable"

    done = admin_client_.post(erase_url(erasable), {"confirm": "on"})
    assert done.status_code == 302
    assert done["Location"].startswith(reverse("accounts:audit-log"))
    assert Participant.objects.get(pk=erasable.pk).full_name.startswith("Erased participant")

    again = admin_client_.get(erase_url(erasable))
    assert "already been erased" in again.content.decode()


def test_erase_page_for_an_unknown_person_is_404(admin_client_):
    assert (
        admin_client_.get(reverse("accounts:erase-person", kwargs={"pk": 99999})).status_code == 404
    )
