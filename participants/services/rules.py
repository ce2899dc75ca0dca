"""Rules every change of a participant record obeys: the zone, the pseudonym, the re-check."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import User
from common.zones import is_known_zone, propose_zone

from ..models import Country, Participant, Visibility
from ..protection import Audience, name_key, name_taken, names_in_use, registry
from ..protection_services import recheck
from ..signals import report_naming_changed
from .errors import ParticipantError


def zone_or_proposal(time_zone: str | None, country: Country) -> str:
    """The zone staff chose, or the country's when they left it empty; unknown: refused."""
    if not time_zone:
        return propose_zone(country_code=country.code)
    if not is_known_zone(time_zone):
        raise ParticipantError(_("Choose a time zone from the list."))
    return time_zone


def check_pseudonym(participant: Participant) -> None:
    if participant.visibility == Visibility.PSEUDONYMOUS and (
        not participant.display_name.strip()
        or name_key(participant.display_name) == name_key(participant.full_name)
    ):
        raise ParticipantError(_("A pseudonymous participant needs a pseudonym, not their name."))
    if name_taken(
        display_name=participant.display_name,
        full_name=participant.full_name,
        in_use=names_in_use(exclude=participant.pk),
    ) or _names_someone_protected(participant):
        raise ParticipantError(
            _(
                "This display name is another participant's name or pseudonym (letter case "
                "and accents do not count). Choose another."
            )
        )


def _names_someone_protected(participant: Participant) -> bool:
    """Whether a chosen display name (not the person's own name) names someone the platform
    protects in any form the protection service knows: a hidden person's name in Thai script
    or in another order, with a title, a pseudonymous person's real name, an erased name."""
    key = name_key(participant.display_name)
    if key == name_key(participant.full_name):
        return False
    if participant.pk:
        # Checked when chosen: a protected person added later does not lock the record
        # (the re-check looks after what others read).
        stored = Participant.objects.filter(pk=participant.pk).values_list("display_name")
        if key in {name_key(name) for (name,) in stored}:
            return False
    people = registry(
        audience=Audience.PARTICIPANTS, exclude=[participant.pk] if participant.pk else []
    )
    return bool(people.names_in(participant.display_name))


# A change of any of these changes who is protected and how: re-check what others read.
PROTECTION_FIELDS = {"full_name", "display_name", "other_names", "visibility", "organisation_id"}


def recheck_after_change(participant: Participant, *, by: User | None) -> None:
    recheck(why=f"participant {participant.pk} changed", by=by)


def named_in_reports(participant: Participant) -> bool:
    """Whether reports may print this person's name (see outcomes.reports.naming)."""
    return participant.visibility == Visibility.NAMED and participant.consent_named_in_reports


def tell_if_report_naming_changed(
    participant: Participant, *, named_before: bool, by: User | None
) -> None:
    """A change of report consent or visibility changes what stored reports may print:
    the apps that keep reports are told (participants.signals)."""
    named = named_in_reports(participant)
    if named != named_before:
        report_naming_changed.send(sender=Participant, participant=participant, named=named, by=by)
