"""Writes about accounts: creating them for people, roles, remembered language."""

from __future__ import annotations

import re

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from operations.ledger import note_erasure

from .models import User
from .permissions import forget_roles
from .roles import ADMIN_GROUP, STAFF_GROUP


@transaction.atomic
def create_account(
    *, email: str, name: str = "", language: str = "en", password: str | None = None
) -> User:
    """An account with a verified address (the secretariat vouches for it)."""
    user = User.objects.create_user(email=email, password=password, name=name, language=language)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@transaction.atomic
def set_role(*, user: User, role: str | None) -> None:
    """role: 'staff', 'admin' or None (participant only). Takes effect on the next request."""
    groups = {
        name: Group.objects.get_or_create(name=name)[0] for name in (STAFF_GROUP, ADMIN_GROUP)
    }
    user.groups.remove(*groups.values())
    if role == "staff":
        user.groups.add(groups[STAFF_GROUP])
    elif role == "admin":
        user.groups.add(groups[ADMIN_GROUP])
    # Django's admin (accounts, roles, managed lists such as framework commitments) opens
    # only to is_staff users; what they may do there is still their group's permissions.
    user.is_staff = role in ("staff", "admin")
    user.save(update_fields=["is_staff"])
    forget_roles(user)


def set_password_link(*, user: User) -> str:
    """An absolute link where the person chooses their password (allauth's reset-from-key)."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


def invite_to_account(*, user: User) -> None:
    """Queue the account e-mail; sent once by accounts.tasks after this transaction commits."""
    from .tasks import send_account_invitation as task

    User.objects.filter(pk=user.pk).update(invitation_sent_at=None)
    task.delay_on_commit(user_id=user.pk)


def send_account_invitation(*, user: User) -> None:
    """E-mail the person a link to set their password, in their language."""
    with translation.override(user.language):
        context = {
            "user": user,
            "link": set_password_link(user=user),
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string("accounts/email/account_invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/account_invitation_message.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def set_language(*, user: User, language: str) -> None:
    """Remember the user's language, on the account and on their participant record."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unsupported language {language!r}")
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
    from participants.models import Participant

    Participant.objects.filter(user=user).update(preferred_language=language)
    forget_roles(user)


# Participant fields whose past values leave the audit log on erasure.
ERASED_FIELDS = {"full_name", "display_name", "email", "position", "notes", "name"}


def _scrub(value, replacements: dict[str, str]):
    """The value with every personal string in it replaced, inside lists and dicts too."""
    if isinstance(value, str):
        for old, new in replacements.items():
            if old and old.lower() in value.lower():
                value = re.sub(re.escape(old), new, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, list):
        return [_scrub(v, replacements) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, replacements) for k, v in value.items()}
    return value


@transaction.atomic
def erase_person(*, participant, by: User) -> None:
    """Remove or pseudonymise a participant's personal data, keeping what figures count.

    Their record keeps country, organisation, sector and dates so aggregate figures in
    past and future reports stay the same; their invitations, attendance and outcome
    links stay too, with their own free-text answers cleared. The account can no longer
    sign in. The audit log keeps its entries with the name replaced by the pseudonym.
    """
    from allauth.mfa.models import Authenticator
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from participants.models import Participant, Visibility

    from . import audit, personal_data
    from .models import AuditEntry
    from .selectors import ERASED_EMAIL_DOMAIN

    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    note_erasure(participant_id=participant.pk)  # kept outside the database, for restores
    user = participant.user
    label = f"Erased participant {participant.pk}"
    personal = {
        participant.full_name: label,
        participant.display_name: label,
        participant.email: f"erased-{participant.pk}@{ERASED_EMAIL_DOMAIN}",
    }
    if user is not None:
        personal[user.email] = f"erased-user-{user.pk}@{ERASED_EMAIL_DOMAIN}"
        if user.name:
            personal[user.name] = label
    now = timezone.now()

    their_rows: dict = {}
    for link in personal_data.person_links():
        rows = personal_data.rows_for(link, participant=participant, user=user)
        their_rows.setdefault(link.model, set()).update(rows.values_list("pk", flat=True))
        fields = personal_data.owned_text_fields(link)
        if fields:
            link.model._default_manager.filter(pk__in=rows.values("pk")).update(
                **dict.fromkeys(fields, "")
            )

    participant.full_name = label
    participant.display_name = label
    participant.email = f"erased-{participant.pk}@{ERASED_EMAIL_DOMAIN}"
    participant.position = ""
    participant.notes = ""
    participant.visibility = Visibility.HIDDEN
    participant.is_active = False
    for consent in Participant.CONSENT_FIELDS:
        setattr(participant, consent, False)
        setattr(participant, f"{consent}_at", now)
    participant.save()

    if user is not None:
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.email = f"erased-user-{user.pk}@{ERASED_EMAIL_DOMAIN}"
        user.name = label
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        forget_roles(user)

    # The log keeps what happened; the person's name and address leave it.
    # The log keeps what happened; the person's name and address leave the entries about
    # them and about their own rows (their invitations…), and nobody else's entries change.
    about = Q(object_type=participant._meta.label_lower, object_id=str(participant.pk))
    admin_about = Q(
        content_type=ContentType.objects.get_for_model(Participant),
        object_id=str(participant.pk),
    )
    for model, pks in their_rows.items():
        ids = [str(pk) for pk in pks]
        about |= Q(object_type=model._meta.label_lower, object_id__in=ids)
        admin_about |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    if user is not None:
        about |= Q(object_type=user._meta.label_lower, object_id=str(user.pk))
        admin_about |= Q(
            content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
        )
    for entry in AuditEntry.objects.filter(about):
        entry.object_label = _scrub(entry.object_label, personal)[:200]
        changes = _scrub(entry.changes, personal)
        if entry.object_type == participant._meta.label_lower and isinstance(changes, dict):
            # Earlier values of personal fields (a misspelt name, an old address) go too.
            changes = {
                k: ["(erased)", "(erased)"] if k in ERASED_FIELDS else v for k, v in changes.items()
            }
        entry.changes = changes
        entry.save(update_fields=["object_label", "changes"])
    for entry in LogEntry.objects.filter(admin_about):
        entry.object_repr = _scrub(entry.object_repr, personal)[:200]
        entry.change_message = _scrub(entry.change_message, personal)
        entry.save(update_fields=["object_repr", "change_message"])

    audit.record(
        actor=by,
        action="participant.erased",
        obj=participant,
        changes={"erased": [False, True]},
    )
