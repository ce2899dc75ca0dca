"""Printables for the days of a convening, as PDF: the participant list, sheets of name
badges with the check-in QR, table cards, and one sign-in sheet per day.

Who is printed (`printable_people`) follows the protection rules whatever the filter:
hidden people never; pseudonymous people by pseudonym only, with no organisation, position
or country (any of them can identify a lived-experience participant); named people by
display name and organisation (`selectors.public_attendee_row`, the rule of the attendee
list participants see). Withdrawn invitations and inactive people are never printed.

Rendering follows briefings/pdf.py: WeasyPrint with every outside resource refused (the QR
codes are inline SVG), Thai through the TLWG fonts named in the stylesheet, and
platform_site.pdf for the Thai text layer and a tagged file.
"""

from __future__ import annotations

import dataclasses

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from participants.models import Country, Visibility

from .checkin import issue_badge_codes
from .checkin_selectors import badge_name, desk_days
from .models import Convening, Invitation, InvitationStatus
from .qr import qr_svg, scan_url
from .selectors import public_attendee_row

KINDS = {
    "participant-list": _("Participant list"),
    "badges": _("Name badges"),
    "table-cards": _("Table cards"),
    "sign-in-sheets": _("Daily sign-in sheets"),
}
BADGES_PER_PAGE = 8  # two columns of four badges (88 by 62 mm) on A4


@dataclasses.dataclass(frozen=True)
class PrintedPerson:
    name: str
    organisation: str  # empty unless the person is named
    country: str  # empty unless the person is named
    qr: str = ""  # inline SVG (badges only)


def printable_invitations(
    *,
    convening: Convening,
    accepted_only: bool = True,
    country: Country | None = None,
    language: str = "",
) -> QuerySet[Invitation]:
    """The invitations a printable may show: never hidden people (whatever the filter),
    never inactive people or withdrawn invitations, never people who declined."""
    statuses = (
        [InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED]
        if accepted_only
        else [InvitationStatus.INVITED, InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED]
    )
    invitations = (
        Invitation.objects.filter(convening=convening, status__in=statuses)
        .exclude(participant__visibility=Visibility.HIDDEN)
        .filter(participant__is_active=True)
        .select_related("participant", "participant__organisation", "participant__country")
        .order_by("participant__display_name", "pk")
    )
    if country is not None:
        invitations = invitations.filter(participant__country=country)
    if language:
        invitations = invitations.filter(participant__preferred_language=language)
    return invitations


def printable_people(*, invitations, with_qr: bool = False) -> list[PrintedPerson]:
    invitations = list(invitations)
    codes = issue_badge_codes(invitations=invitations) if with_qr else {}
    people = []
    for invitation in invitations:
        person = invitation.participant
        if person.visibility == Visibility.HIDDEN:  # a second guard: never printed
            continue
        row = public_attendee_row(person)
        name = badge_name(person)
        people.append(
            PrintedPerson(
                name=name,
                organisation=row["organisation"],
                country=row["country"],
                qr=qr_svg(scan_url(codes[invitation.pk]), label=str(_("Check-in code")))
                if with_qr
                else "",
            )
        )
    return people


def _pages(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def printable_html(*, kind: str, convening: Convening, invitations, language: str) -> str:
    with translation.override(language), timezone.override(convening.zone):
        people = printable_people(invitations=invitations, with_qr=kind == "badges")
        context = {
            "kind": kind,
            "title": KINDS[kind],
            "convening": convening,
            "language": language,
            "people": people,
            "printed_at": timezone.localtime(),
        }
        if kind == "badges":
            context["pages"] = _pages(people, BADGES_PER_PAGE)
        if kind == "sign-in-sheets":
            context["days"] = desk_days(convening)
        return render_to_string(f"convenings/printables/{kind}.html", context)


def _refuse_fetch(url: str, *args, **kwargs):
    # Names are typed by people; the renderer never reaches the network or the disk.
    raise ValueError(f"external resource refused: {url}")


def render_printable(*, kind: str, convening: Convening, invitations, language: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415  WeasyPrint is slow to import: only rendering pays

    from platform_site.pdf import pdf_options  # noqa: PLC0415  it imports WeasyPrint (and fixes the Thai text layer)

    html = printable_html(
        kind=kind, convening=convening, invitations=invitations, language=language
    )
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(**pdf_options("briefing"))


def printable_filename(*, kind: str, convening: Convening) -> str:
    return f"{kind}-{convening.start_date:%Y-%m-%d}-{convening.pk}.pdf"
