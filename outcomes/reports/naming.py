"""Who a report may name: a champion is named only with consent and a named profile.

Everyone else is described ("a government official from Malaysia"); free text is scrubbed
separately by the protection service (`participants.protection`, audience "reports").
"""

from __future__ import annotations

from participants.models import Participant, Visibility
from participants.selectors import describe_anonymously


def may_be_named(participant: Participant) -> bool:
    return participant.visibility == Visibility.NAMED and participant.consent_named_in_reports


def champion_label(participant: Participant) -> str:
    """The name a report may print: the full name only with consent and a named profile."""
    if may_be_named(participant):
        return participant.full_name
    return describe_anonymously(sector=participant.sector, country=participant.country)
