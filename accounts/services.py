"""Writes about accounts: creating them for people, roles, remembered language."""

from __future__ import annotations

import logging
import re

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from cryptography.fernet import InvalidToken
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from common.mail import compose
from common.zones import is_known_zone
from participants import protection, protection_services
from participants.models import ErasedName, Participant, Visibility

from . import audit, personal_data
from .adapters import MFAAdapter, _fernet
from .audit import record
from .models import AuditEntry, User
from .permissions import forget_roles
from .roles import ADMIN_GROUP, STAFF_GROUP
from .selectors import ERASED_EMAIL_DOMAIN
from .signals import erasure_begun, person_erased

logger = logging.getLogger(__name__)


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
    # Django's admin (accounts, roles, managed lists such as framework commitments) is for
    # platform admins only (platform_site/urls.py asks accounts.permissions.is_admin);
    # is_staff follows that, for anything else that reads Django's flag.
    user.is_staff = role == "admin"
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
    from .tasks import send_account_invitation as task  # noqa: PLC0415  the tasks import this module

    User.objects.filter(pk=user.pk).update(invitation_sent_at=None)
    task.delay_on_commit(user_id=user.pk)


def send_account_invitation(*, user: User) -> None:
    """E-mail the person a link to set their password, in their language."""
    context = {"user": user, "link": set_password_link(user=user), "site_url": settings.SITE_URL}
    mail = compose("accounts/email/account_invitation", context, language=user.language)
    mail.message(to=[user.email]).send()


@transaction.atomic
def set_language(*, user: User, language: str) -> None:
    """Remember the user's language, on the account and on their participant record."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unsupported language {language!r}")
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language

    Participant.objects.filter(user=user).update(preferred_language=language)
    forget_roles(user)


@transaction.atomic
def set_time_zone(*, user: User, time_zone: str) -> None:
    """A staff member's own zone: the weekly digest arrives in its morning, and pages not
    about one convening show times in it. Blank: the platform's default zone."""

    if time_zone and not is_known_zone(time_zone):
        raise ValueError(f"unknown time zone {time_zone!r}")
    if time_zone == user.time_zone:
        return
    User.objects.filter(pk=user.pk).update(time_zone=time_zone)
    record(
        actor=user,
        action="user.updated",
        obj=user,
        changes={"time_zone": [user.time_zone, time_zone]},
    )
    user.time_zone = time_zone
    forget_roles(user)


# Participant fields whose past values leave the audit log on erasure.
ERASED_FIELDS = {"full_name", "display_name", "other_names", "email", "position", "notes", "name"}


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
def erase_person(*, participant: Participant, by: User | None) -> dict[str, int]:
    """Remove or pseudonymise a participant's personal data, keeping what figures count,
    and keep protecting them. Returns what changed, as counts per kind of row.

    Their record keeps country, organisation, sector and dates so aggregate figures in
    past and future reports stay the same; their invitations, attendance and outcome
    links stay too, with their own free text cleared (answers, progress updates). The
    account can no longer sign in. Everywhere else (notes, agendas, evidence, the mail
    log, the audit log, file names) their name and address are replaced by the stable
    placeholder "Erased participant N"; stored reports are rendered again. Keyed hashes
    of the forms of their name stay (`participants.ErasedName`), so the protection
    service still finds the name in text and never prints it. Then everything shown to
    participants is checked again.
    """

    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    # Noted outside the database first (operations' ledger), for restores.
    erasure_begun.send(sender=erase_person, participant=participant, by=by)
    user = participant.user
    label = f"Erased participant {participant.pk}"
    erased_email = f"erased-{participant.pk}@{ERASED_EMAIL_DOMAIN}"
    emails = {participant.email.lower(): erased_email}
    if user is not None:
        emails[user.email.lower()] = f"erased-user-{user.pk}@{ERASED_EMAIL_DOMAIN}"
    names = [participant.full_name, participant.display_name]
    if user is not None and user.name:
        names.append(user.name)
    identity = protection.identity_for(
        participant,
        reason=protection.Reason.ERASED,
        names=names,
        organisation_identifies=False,
        common=protection.common_words(),
    )
    digests = protection.erased_digests(
        full_name=participant.full_name,
        display_name=participant.display_name,
        other_names=participant.other_names,
    )
    if user is not None and user.name:
        digests |= protection.erased_digests(full_name=user.name, display_name="", other_names="")
    ErasedName.objects.bulk_create(
        [ErasedName(participant=participant, digest=d) for d in sorted(digests)],
        ignore_conflicts=True,
    )
    now = timezone.now()
    counts: dict[str, int] = {}

    their_rows: dict = {}
    for link in personal_data.person_links():
        rows = personal_data.rows_for(link, participant=participant, user=user)
        their_rows.setdefault(link.model, set()).update(rows.values_list("pk", flat=True))
        fields = personal_data.owned_text_fields(link)
        if fields:
            # Base manager: withdrawn and deleted rows are the person's data too.
            cleared = link.model._base_manager.filter(pk__in=rows.values("pk")).update(
                **dict.fromkeys(fields, "")
            )
            if cleared:
                key = f"own text cleared: {link.model._meta.label_lower}"
                counts[key] = counts.get(key, 0) + cleared

    participant.full_name = label
    participant.display_name = label
    participant.other_names = ""
    participant.email = erased_email
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

    # Earlier values of personal fields (a misspelt name, an old address) leave the entries
    # about them and their own rows; their name leaves every other entry and table below.
    about = Q(object_type=participant._meta.label_lower, object_id=str(participant.pk))
    for entry in AuditEntry.objects.filter(about):
        if isinstance(entry.changes, dict):
            entry.changes = {
                k: ["(erased)", "(erased)"] if k in ERASED_FIELDS else v
                for k, v in entry.changes.items()
            }
            entry.save(update_fields=["changes"])
    admin_about = Q(
        content_type=ContentType.objects.get_for_model(Participant),
        object_id=str(participant.pk),
    )
    LogEntry.objects.filter(admin_about).update(object_repr=label)

    for model_label, n in protection_services.scrub_name_everywhere(
        identity=identity, emails=emails, placeholder=label
    ).items():
        counts[f"name replaced: {model_label}"] = n
    forgotten = protection_services.forget_addresses_of_erased()
    if forgotten:
        counts["addresses of erased people replaced"] = forgotten
    for _receiver, done in person_erased.send(sender=erase_person, participant=participant, by=by):
        counts.update({what: n for what, n in (done or {}).items() if n})
    # After the signal: stored reports are deleted to be rendered again, not read here.
    for model_label, n in protection_services.scrub_name_in_stored_files(
        identity=identity, emails=emails, placeholder=label
    ).items():
        counts[model_label] = n
    mailed = protection_services.scrub_name_in_mail_files(
        identity=identity, emails=emails, placeholder=label
    )
    if mailed:
        counts["sent-mail files rewritten"] = mailed
    result = protection_services.recheck(why=f"participant {participant.pk} erased", by=by)
    if result.flagged:
        counts["taken down from participant view"] = result.flagged

    audit.record(
        actor=by,
        action="participant.erased",
        obj=participant,
        changes={"erased": [False, True], "counts": [None, counts]},
    )
    return counts


def rotate_mfa_secrets() -> tuple[int, int]:
    """Re-encrypt every stored TOTP secret and recovery-code seed with MFA_ENCRYPTION_KEY.

    Secrets written under a key in MFA_ENCRYPTION_KEYS_OLD (or the key derived from
    SECRET_KEY) are rewritten under the current key, after which the old key can be
    dropped. Returns (authenticators rewritten, authenticators no key could open); the
    second are logged by the adapter and need an admin to reset that person's two-factor.
    """

    fernet = _fernet()
    prefix = MFAAdapter.PREFIX

    def rotated(value):
        if isinstance(value, str) and value.startswith(prefix):
            return prefix + fernet.rotate(value[len(prefix) :].encode()).decode()
        if isinstance(value, list):
            return [rotated(item) for item in value]
        if isinstance(value, dict):
            return {key: rotated(item) for key, item in value.items()}
        return value

    done = failed = 0
    with transaction.atomic():
        for authenticator in Authenticator.objects.select_for_update().order_by("pk"):
            try:
                data = rotated(authenticator.data)
            except InvalidToken:
                failed += 1
                logger.error(
                    "MFA authenticator %s cannot be decrypted with any key", authenticator.pk
                )
                continue
            if data != authenticator.data:
                Authenticator.objects.filter(pk=authenticator.pk).update(data=data)
                done += 1
    return done, failed
