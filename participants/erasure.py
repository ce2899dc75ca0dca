"""Erasing a person: their personal data removed or pseudonymised, their name taken out of
every table, file and sent-mail file, and the protection kept (keyed hashes of their name).

Moved here from accounts (issue 18): erasure reads and rewrites the participant record,
and accounts imports nothing of participants. Other apps act on it through
`accounts.signals` (`erasure_begun`, `person_erased`), connected in their AppConfig.ready.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import audit, personal_data
from accounts.models import AuditEntry, User
from accounts.permissions import forget_roles
from accounts.selectors import ERASED_EMAIL_DOMAIN
from accounts.signals import erasure_begun, person_erased

from . import protection, protection_services
from .models import ErasedName, Participant, Visibility

# Participant fields whose past values leave the audit log on erasure.
ERASED_FIELDS = {"full_name", "display_name", "other_names", "email", "position", "notes", "name"}


@transaction.atomic
def erase_person(*, participant: Participant, by: User | None) -> dict[str, int]:
    """Remove or pseudonymise a participant's personal data, keeping what figures count,
    and keep protecting them. Returns what changed, as counts per kind of row.

    Their record keeps country, organisation, sector and dates so aggregate figures in
    past and future reports stay the same; their invitations, attendance and outcome
    links stay too, with their own free text cleared (answers, progress updates). The
    account can no longer sign in. Everywhere else (notes, agendas, evidence, the mail
    log, the audit log, file names, the contents of stored files where the format allows and
    the file mail backend's sent mail) their name and address are replaced by the stable
    placeholder "Erased participant N"; a stored file that cannot be rewritten (PDF) is
    withheld from participants and listed for staff; stored reports are rendered again. Keyed hashes
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
