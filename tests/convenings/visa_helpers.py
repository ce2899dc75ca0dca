"""Builders shared by the visa tests: an accepted invitee in Thailand with visa details."""

from __future__ import annotations

import datetime as dt

from convenings.models import InvitationStatus, Payer
from convenings.services import visa as visa_services
from convenings.visa_letters import LetterChoices
from tests import factories

from .factories import open_convening


def thai_convening(**kwargs):
    thailand = factories.CountryFactory(code="TH", name="Thailand")
    defaults = {"host_country": thailand, "city": "Chiang Mai", "title": "Case management"}
    defaults.update(kwargs)
    return open_convening(**defaults)


def accepted(convening, participant=None, **kwargs):
    kwargs.setdefault("status", InvitationStatus.ACCEPTED)
    if participant is not None:
        kwargs["participant"] = participant
    return factories.InvitationFactory(convening=convening, **kwargs)


def with_details(invitation, *, by=None, passport_name="Siriporn Example", **kwargs):
    values = {
        "visa_needed": True,
        "letter_requested": True,
        "nationality": "ID",
        "passport_name": passport_name,
        "passport_number": "X1234567",
        "passport_expiry": invitation.convening.end_date + dt.timedelta(days=400),
    }
    values.update(kwargs)
    return visa_services.save_visa_details(invitation=invitation, by=by, **values)


def choices(**kwargs) -> LetterChoices:
    values = {
        "second_language": "th",
        "travel_paid_by": Payer.ORGANISERS,
        "accommodation_paid_by": Payer.ORGANISERS,
        "meals_paid_by": Payer.PARTICIPANT,
        "signatory_name": "Amara Secretariat",
        "signatory_title": "Regional Coordinator",
    }
    values.update(kwargs)
    return LetterChoices(**values)
