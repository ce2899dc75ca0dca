"""Reads of visa support, for staff and for the person themselves."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from ..models import Convening, Invitation, VisaDetails, VisaLetter, VisaLetterTemplate
from ..visa_texts import DEFAULT_BODIES


def visa_invitations(*, convening: Convening) -> QuerySet[Invitation]:
    """Invitees of the convening who gave visa details, with their details and how many
    letters were made for them: one query (details joined, letters counted)."""
    return (
        Invitation.objects.filter(convening=convening)
        .filter(Exists(VisaDetails.objects.filter(invitation=OuterRef("pk"))))
        .select_related("participant", "visa_details")
        .annotate(letter_count=Count("visa_letters"))
        .order_by("participant__full_name", "pk")
    )


def visa_figures(*, convening: Convening) -> dict[str, int]:
    """How many need a visa and how many asked for a letter."""
    return VisaDetails.objects.filter(invitation__convening=convening).aggregate(
        needed=Count("pk", filter=Q(visa_needed=True)),
        letters_asked=Count("pk", filter=Q(letter_requested=True)),
    )


def visa_details_of(*, invitation: Invitation) -> VisaDetails | None:
    return VisaDetails.objects.filter(invitation=invitation).first()


def letters_of(*, invitation: Invitation) -> QuerySet[VisaLetter]:
    return VisaLetter.objects.filter(invitation=invitation).order_by("-generated_at", "-pk")


def letter_template() -> VisaLetterTemplate:
    """The one letter text; its first text (unsaved) if the row is missing."""
    template = VisaLetterTemplate.objects.order_by("pk").first()
    if template is None:
        template = VisaLetterTemplate(
            body=DEFAULT_BODIES["en"],
            body_en=DEFAULT_BODIES["en"],
            body_ind=DEFAULT_BODIES["id"],
            body_ms=DEFAULT_BODIES["ms"],
            body_th=DEFAULT_BODIES["th"],
        )
    return template
