"""Writes of visa support: details, the letter's text, letters, and their removal.

Audit entries name what changed, never the values: passport details stay out of the audit
log (and out of every log line). Removal (retention and erasure) deletes the rows and the
stored PDFs, the files after the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.audit import record
from common.translation import localized

from .. import visa, visa_letters
from ..models import Convening, Invitation, VisaDetails, VisaLetter, VisaLetterTemplate
from ..selectors.visa import letter_template

if TYPE_CHECKING:
    from accounts.models import User
    from participants.models import Participant

logger = logging.getLogger(__name__)

DETAIL_FIELDS = (
    "visa_needed",
    "letter_requested",
    "nationality",
    "passport_name",
    "passport_number",
    "passport_expiry",
)


def check_visa_details(
    *,
    convening: Convening,
    letter_requested: bool,
    nationality: str,
    passport_name: str,
    passport_expiry: dt.date | None,
) -> None:
    """Field errors for details no letter could use (the forms ask the same)."""
    errors: dict[str, str] = {}
    if nationality and not visa.is_country(nationality):
        errors["nationality"] = _("Choose a country from the list.")
    if passport_expiry and passport_expiry < convening.end_date:
        errors["passport_expiry"] = _(
            "The passport must still be valid when the convening ends (%(date)s)."
        ) % {"date": formats.date_format(convening.end_date, "DATE_FORMAT")}
    if letter_requested and not passport_name.strip():
        errors["passport_name"] = _(
            "Write your name exactly as it is in your passport: the letter needs it."
        )
    if letter_requested and not nationality:
        errors["nationality"] = _("Choose your nationality: the letter needs it.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_visa_details(
    *,
    invitation: Invitation,
    by: User,
    visa_needed: bool,
    letter_requested: bool,
    nationality: str,
    passport_name: str,
    passport_number: str,
    passport_expiry: dt.date | None,
) -> VisaDetails:
    """Create or change the invitee's visa details (by themselves or by staff)."""
    check_visa_details(
        convening=invitation.convening,
        letter_requested=letter_requested,
        nationality=nationality,
        passport_name=passport_name,
        passport_expiry=passport_expiry,
    )
    details = VisaDetails.objects.select_for_update().filter(
        invitation=invitation
    ).first() or VisaDetails(invitation=invitation, participant_id=invitation.participant_id)
    new = {
        "visa_needed": visa_needed,
        "letter_requested": letter_requested,
        "nationality": nationality,
        "passport_name": passport_name.strip(),
        "passport_number": passport_number.strip(),
        "passport_expiry": passport_expiry,
    }
    changed = [name for name in DETAIL_FIELDS if getattr(details, name) != new[name]]
    created = details.pk is None
    if not changed and not created:
        return details
    for name, value in new.items():
        setattr(details, name, value)
    details.updated_by = by
    details.save()
    # Which fields, never their values: passport details stay out of the audit log.
    record(
        actor=by,
        action="visa.details_saved",
        obj=details,
        changes={"fields": changed, "created": created},
    )
    return details


@transaction.atomic
def save_letter_text(*, bodies: dict[str, str], by: User) -> VisaLetterTemplate:
    """Staff change the letter's text; each language's text is checked for placeholders."""
    errors = {}
    for language, text in bodies.items():
        try:
            visa.validate_letter_text(text)
        except ValidationError as exc:
            errors[localized("body", language)] = exc
    if errors:
        raise ValidationError(errors)
    template = VisaLetterTemplate.objects.select_for_update().order_by("pk").first()
    if template is None:
        template = letter_template()  # the first text, unsaved: saved below
    changed = []
    for language, text in bodies.items():
        column = localized("body", language)
        if getattr(template, column) != text:
            setattr(template, column, text)
            changed.append(language)
    if changed or template.pk is None:
        template.updated_by = by
        template.save()
        record(
            actor=by,
            action="visa.letter_text_changed",
            obj=template,
            changes={"languages": changed},
        )
    return template


class LetterRefusedError(ValidationError):
    """The letter cannot be made from these details (said to staff next to the form)."""


def check_letter_inputs(
    *,
    details: VisaDetails | None,
    template: VisaLetterTemplate,
    choices: visa_letters.LetterChoices,
) -> None:
    if details is None or not details.passport_name.strip():
        raise LetterRefusedError(
            _(
                "The participant has not given their name as in the passport: ask them, or add it below."
            )
        )
    if not details.nationality:
        raise LetterRefusedError(_("The participant's nationality is missing: add it below."))
    used = set()
    for language in visa_letters.letter_languages(choices):
        text = getattr(template, localized("body", language)) or ""
        if not text.strip():
            raise LetterRefusedError(
                _("The letter has no text in %(language)s yet: write it on the letter text page.")
                % {"language": dict(settings.LANGUAGES)[language]}
            )
        used |= set(visa.placeholders_in(text))
    missing = [name for name in sorted(used & visa.NEEDS_DETAILS) if not getattr(details, name)]
    if missing:
        raise LetterRefusedError(
            _("The letter prints the passport number and expiry date: add them below first.")
        )


def _remove_files_after_commit(names: list[str]) -> None:
    def remove():
        for name in names:
            try:
                default_storage.delete(name)
            except OSError:
                logger.warning("could not remove a visa letter file", exc_info=True)

    if names:
        transaction.on_commit(remove)


@transaction.atomic
def generate_visa_letter(
    *, invitation: Invitation, by: User, choices: visa_letters.LetterChoices
) -> tuple[VisaLetter, bool]:
    """Make the letter, or find the one already made from the same inputs today.

    Returns (letter, created). The invitation's row is locked first, so two clicks at once
    run one after the other and the second finds the first's letter; the unique
    (invitation, inputs_digest) constraint holds even without the lock.
    """
    Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    details = VisaDetails.objects.filter(invitation=invitation).first()
    template = letter_template()
    check_letter_inputs(details=details, template=template, choices=choices)
    convening = Convening.objects.select_related("host_country").get(pk=invitation.convening_id)
    if choices.second_language and choices.second_language != visa.host_language(
        convening.host_country.code
    ):
        raise LetterRefusedError(_("The second language must be the host country's language."))
    sections = visa_letters.letter_sections(
        details=details,
        convening=convening,
        template=template,
        choices=choices,
        on=timezone.localdate(timezone=convening.zone),
    )
    digest = visa_letters.inputs_digest(sections)
    existing = VisaLetter.objects.filter(invitation=invitation, inputs_digest=digest).first()
    if existing is not None:
        return existing, False
    pdf = visa_letters.render_letter_pdf(sections)
    letter = VisaLetter(
        invitation=invitation,
        participant_id=invitation.participant_id,
        inputs_digest=digest,
        second_language=choices.second_language,
        travel_paid_by=choices.travel_paid_by,
        accommodation_paid_by=choices.accommodation_paid_by,
        meals_paid_by=choices.meals_paid_by,
        signatory_name=choices.signatory_name,
        signatory_title=choices.signatory_title,
        generated_by=by,
    )
    # The file's name says nothing about the person: a random name under visa_letters/.
    letter.file.save(f"letter-{invitation.pk}.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            letter.save()
    except IntegrityError:
        default_storage.delete(letter.file.name)
        return VisaLetter.objects.get(invitation=invitation, inputs_digest=digest), False
    record(
        actor=by,
        action="visa.letter_generated",
        obj=letter,
        changes={
            "invitation": invitation.pk,
            "languages": visa_letters.letter_languages(choices),
            "signatory": choices.signatory_name,
        },
    )
    return letter, True


def removal_date(convening: Convening) -> dt.date:
    """The day the nightly task removes the convening's visa details and letters."""
    return convening.end_date + dt.timedelta(days=settings.VISA_DETAILS_KEEP_DAYS)


def remove_expired_visa_details(*, today: dt.date | None = None) -> dict[str, int]:
    """Remove visa details and letters of convenings whose removal date has come.

    One transaction per convening, claimed by locking its row (`skip_locked`), so two runs
    at once share the work, and a run after them finds nothing left. Each
    convening's removal is audited with counts, never content.
    """
    today = today or timezone.localdate()
    latest_end = today - dt.timedelta(days=settings.VISA_DETAILS_KEEP_DAYS)
    convening_ids = set(
        VisaDetails.objects.filter(invitation__convening__end_date__lte=latest_end).values_list(
            "invitation__convening_id", flat=True
        )
    ) | set(
        VisaLetter.objects.filter(invitation__convening__end_date__lte=latest_end).values_list(
            "invitation__convening_id", flat=True
        )
    )
    totals = {"details": 0, "letters": 0}
    for convening_id in sorted(convening_ids):
        with transaction.atomic():
            # The convening's row is the claim: a run that finds it locked leaves that
            # convening to the run holding it (which removes and audits it once).
            claimed = (
                Convening.objects.select_for_update(skip_locked=True)
                .filter(pk=convening_id)
                .first()
            )
            if claimed is None:
                continue
            detail_ids = list(
                VisaDetails.objects.filter(invitation__convening_id=convening_id).values_list(
                    "pk", flat=True
                )
            )
            letters = list(
                VisaLetter.objects.filter(invitation__convening_id=convening_id).values_list(
                    "pk", "file"
                )
            )
            removed_details = VisaDetails.objects.filter(pk__in=detail_ids).delete()[0]
            removed_letters = VisaLetter.objects.filter(pk__in=[pk for pk, _f in letters]).delete()[
                0
            ]
            _remove_files_after_commit([name for _pk, name in letters if name])
            if removed_details or removed_letters:
                record(
                    actor=None,
                    action="visa.details_removed",
                    obj=claimed,
                    changes={
                        "visa_details_removed": removed_details,
                        "visa_letters_removed": removed_letters,
                        "kept_days": settings.VISA_DETAILS_KEEP_DAYS,
                    },
                )
            totals["details"] += removed_details
            totals["letters"] += removed_letters
    if totals["details"] or totals["letters"]:
        logger.info(
            "removed expired visa data: %s details, %s letters",
            totals["details"],
            totals["letters"],
        )
    return totals


def forget_visa_data_of(*, participant: Participant) -> dict[str, int]:
    """Erasure: the person's visa details and letters go (rows and files)."""
    letters = list(VisaLetter.objects.filter(participant=participant).values_list("pk", "file"))
    removed_letters = VisaLetter.objects.filter(pk__in=[pk for pk, _f in letters]).delete()[0]
    removed_details = VisaDetails.objects.filter(participant=participant).delete()[0]
    _remove_files_after_commit([name for _pk, name in letters if name])
    return {"visa details removed": removed_details, "visa letters removed": removed_letters}


def forget_visa_data_after_erasure(sender, *, participant, by=None, **kwargs) -> dict[str, int]:
    """accounts.signals.person_erased: the erased person's visa data goes."""
    return forget_visa_data_of(participant=participant)
