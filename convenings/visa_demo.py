"""Demo visa support (run by seed_demo after convenings.demo): on the open Bangkok
convening, three invitees from abroad have accepted and given visa details, and one of them
has a letter in English and Thai, so the staff "Visas" tab and the letter show something.

Idempotent: people who already have details are left alone, and a letter is made only if
none exists (the service itself also makes one letter per inputs and day).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from participants.models import Visibility

from .demo import UPCOMING, _demo_participant
from .models import Convening, Invitation, InvitationStatus, Payer, VisaDetails, VisaLetter
from .services import visa as visa_services
from .visa_letters import LetterChoices


def seed(*, scale: int = 1, stdout=None) -> None:
    convening = Convening.objects.filter(title_en=UPCOMING["en"]).first()
    if convening is None:
        if stdout:
            stdout.write("convenings.visa_demo: the open Bangkok convening is missing")
        return
    demo = _demo_participant()
    invitations = list(
        Invitation.objects.filter(convening=convening)
        .exclude(participant__country__code="TH")
        .exclude(participant__visibility=Visibility.HIDDEN)
        .exclude(participant=demo)
        .select_related("participant__country", "convening")
        .order_by("participant__email")[:3]
    )
    made = 0
    for index, invitation in enumerate(invitations):
        if VisaDetails.objects.filter(invitation=invitation).exists():
            continue
        Invitation.objects.filter(pk=invitation.pk).update(
            status=InvitationStatus.ACCEPTED,
            replied_at=timezone.now(),
            chatham_house_accepted_at=timezone.now(),
        )
        person = invitation.participant
        visa_services.save_visa_details(
            invitation=invitation,
            by=None,
            visa_needed=True,
            letter_requested=index < 2,
            nationality=person.country.code if person.country else "ID",
            passport_name=person.full_name.upper(),
            passport_number=f"D{4710250 + index * 1379}",
            passport_expiry=convening.end_date + dt.timedelta(days=900 + index * 40),
        )
        made += 1
    first = invitations[0] if invitations else None
    if first is not None and not VisaLetter.objects.filter(invitation=first).exists():
        visa_services.generate_visa_letter(
            invitation=first,
            by=None,
            choices=LetterChoices(
                second_language="th",
                travel_paid_by=Payer.ORGANISERS,
                accommodation_paid_by=Payer.ORGANISERS,
                meals_paid_by=Payer.ORGANISERS,
                signatory_name="Amara Wongsakul",
                signatory_title="Regional Coordinator, Asia Pacific",
            ),
        )
    if stdout:
        stdout.write(f"convenings.visa_demo: {made} people with visa details")
