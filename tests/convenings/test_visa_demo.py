"""Demo visa support: three people from abroad with details on the open convening, one letter,
and a second run adds nothing."""

from __future__ import annotations

import io

import pytest

from convenings import demo, visa_demo
from convenings.models import VisaDetails, VisaLetter
from tests import factories

pytestmark = pytest.mark.django_db


def test_demo_visa_details_and_letter_once():
    countries = [factories.CountryFactory(code=code) for code in ("AU", "ID", "MY", "NZ", "TH")]
    for index in range(40):
        factories.ParticipantFactory(country=countries[index % 5])
    demo.seed(scale=1, stdout=io.StringIO())
    visa_demo.seed(stdout=io.StringIO())
    details = list(VisaDetails.objects.select_related("invitation__participant__country"))
    assert len(details) == 3
    assert all(d.invitation.participant.country.code != "TH" for d in details)
    assert all(d.invitation.status == "accepted" for d in details)
    assert VisaLetter.objects.count() == 1
    visa_demo.seed(stdout=io.StringIO())
    assert (VisaDetails.objects.count(), VisaLetter.objects.count()) == (3, 1)
