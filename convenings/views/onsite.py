"""On-site pages: the staff check-in desk (phone first), the scan page a badge's QR opens,
printables as PDF, and the participant's own check-in code.

Staff pages answer staff only (`staff_required`: others 403, anonymous to sign-in, which
brings a phone that scanned a badge back to the scan page). A convening or invitation that
does not exist, or an invitation of another convening in the address, answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import participant_required, staff_required
from common.downloads import attachment_response

from .. import checkin, checkin_selectors, printables
from ..models import CheckInMethod, Convening, Invitation
from ..onsite_forms import DeskForm, PrintableFilterForm
from ..permissions import has_checkin_code, invitation_for_participant_or_404
from ..qr import qr_svg, scan_url
from .staff.base import convening_or_404, in_venue_zone, tabs

# The convening whose desk this staff member last opened: a scanned code of another
# convening is refused rather than checked in somewhere else.
DESK_KEY = "checkin_desk_convening"


def _day_and_session(convening: Convening, data) -> tuple:
    day = checkin_selectors.chosen_day(convening, data.get("day"))
    sessions = checkin_selectors.sessions_on(convening, day)
    wanted = data.get("session") or ""
    session = next((s for s in sessions if str(s.pk) == wanted), None)
    return day, sessions, session


def _desk_url(convening: Convening, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v})
    url = reverse("convenings:staff-checkin", args=[convening.pk])
    return f"{url}?{query}" if query else url


def _remember_desk(request, convening: Convening) -> None:
    if request.session.get(DESK_KEY) != convening.pk:
        request.session[DESK_KEY] = convening.pk


@staff_required
def checkin_desk(request, pk: int):
    convening = convening_or_404(pk)
    _remember_desk(request, convening)
    day, sessions, session = _day_and_session(convening, request.GET)
    query = request.GET.get("q", "").strip()[:100]
    form = DeskForm(
        initial={"day": day.isoformat(), "session": session.pk if session else "", "q": query},
        days=checkin_selectors.desk_days(convening),
        sessions=sessions,
    )
    context = tabs(convening, "checkin")
    context.update(
        {
            "form": form,
            "day": day,
            "session": session,
            "query": query,
            "rows": checkin_selectors.desk_search(
                convening=convening, query=query, day=day, session=session
            ),
            "counts": checkin_selectors.desk_counts(convening=convening, day=day, session=session),
            "limit": checkin_selectors.SEARCH_LIMIT,
            "is_today": day == checkin.venue_today(convening),
        }
    )
    return render(request, "convenings/onsite/desk.html", context)


@staff_required
def checkin_counts(request, pk: int):
    """The live counts (htmx polls this fragment; a plain refresh of the desk does too)."""
    convening = convening_or_404(pk)
    day, _sessions, session = _day_and_session(convening, request.GET)
    return render(
        request,
        "convenings/onsite/_counts.html",
        {
            "convening": convening,
            "day": day,
            "session": session,
            "counts": checkin_selectors.desk_counts(convening=convening, day=day, session=session),
        },
    )


def _person_page(request, invitation: Invitation, *, refusal: str = "", status: int = 200):
    convening = in_venue_zone(invitation.convening)
    day, sessions, session = _day_and_session(convening, request.GET)
    check_ins = checkin_selectors.check_ins_of(invitation=invitation)
    done = {(c.day, c.session_id) for c in check_ins}
    return render(
        request,
        "convenings/onsite/person.html",
        {
            "convening": convening,
            "invitation": invitation,
            "row": checkin_selectors.desk_row(invitation, (day, session and session.pk) in done),
            "refusal": refusal,
            "form": DeskForm(
                initial={"day": day.isoformat(), "session": session.pk if session else ""},
                days=checkin_selectors.desk_days(convening),
                sessions=sessions,
            ),
            "day": day,
            "session": session,
            "check_ins": check_ins,
            "method": (
                CheckInMethod.CODE
                if request.resolver_match.url_name == "staff-checkin-scan"
                else CheckInMethod.SEARCH
            ),
            "desk_url": _desk_url(convening, day=day.isoformat(), session=session and session.pk),
        },
        status=status,
    )


def _refusal(invitation: Invitation, desk: Convening | None) -> str:
    try:
        checkin.refuse_invitation(invitation, desk)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""


@staff_required
def checkin_scan(request, token: str):
    """What a badge's QR (or the participant's phone) opens: the person and a button. A GET
    changes nothing (phones and link previews open addresses on their own)."""
    try:
        invitation = checkin.invitation_for_code(token=token[:64])
    except ValidationError as exc:
        return render(
            request,
            "convenings/onsite/refused.html",
            {"message": " ".join(exc.messages)},
            status=404,
        )
    desk = Convening.objects.filter(pk=request.session.get(DESK_KEY)).first()
    refusal = _refusal(invitation, desk)
    if refusal:
        return render(
            request,
            "convenings/onsite/refused.html",
            {"message": refusal, "desk": desk, "other": invitation.convening},
            status=409,
        )
    return _person_page(request, invitation)


def _invitation_or_404(convening_id: int, invitation_id: int) -> Invitation:
    invitation = (
        Invitation.all_objects.select_related("convening", "convening__host_country", "participant")
        .select_related("participant__organisation")
        .filter(convening_id=convening_id, pk=invitation_id)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


@staff_required
def checkin_person(request, pk: int, invitation_id: int):
    invitation = _invitation_or_404(pk, invitation_id)
    convening = in_venue_zone(invitation.convening)
    if request.method != "POST":
        _remember_desk(request, convening)
        return _person_page(request, invitation, refusal=_refusal(invitation, convening))
    day, _sessions, session = _day_and_session(convening, request.POST)
    method = request.POST.get("method")
    try:
        result = checkin.check_in(
            invitation=invitation,
            day=day,
            session=session,
            method=method if method in CheckInMethod.values else CheckInMethod.SEARCH,
            by=request.user,
            convening=convening,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        name = checkin_selectors.badge_name(invitation.participant)
        if result.created:
            messages.success(request, _("Checked in: %(name)s.") % {"name": name})
        else:
            messages.info(
                request,
                _("%(name)s was already checked in at %(time)s; nothing changed.")
                % {
                    "name": name,
                    "time": timezone.localtime(result.checked_in_at).strftime("%H:%M"),
                },
            )
    return redirect(
        _desk_url(
            convening,
            day=day.isoformat(),
            session=session and session.pk,
            q=request.POST.get("q", "")[:100],
        )
    )


@staff_required
@require_POST
def checkin_new_code(request, pk: int, invitation_id: int):
    invitation = _invitation_or_404(pk, invitation_id)
    checkin.rotate_badge_code(invitation=invitation, by=request.user)
    messages.success(
        request,
        _("A new code was issued: the old badge and phone code no longer work. Print a new badge."),
    )
    return redirect("convenings:staff-checkin-person", pk=pk, invitation_id=invitation.pk)


# --- Printables ---------------------------------------------------------------------------


@staff_required
def printables_page(request, pk: int):
    convening = convening_or_404(pk)
    form = PrintableFilterForm(request.GET or None, convening=convening)
    query = request.GET.urlencode()
    context = tabs(convening, "printables")
    context.update(
        {
            "form": form,
            "links": [
                (
                    label,
                    reverse("convenings:staff-printable", args=[convening.pk, kind])
                    + (f"?{query}" if query else ""),
                )
                for kind, label in printables.KINDS.items()
            ],
            "printed": (
                printables.printable_invitations(convening=convening, **form.filters()).count()
            ),
        }
    )
    return render(request, "convenings/onsite/printables.html", context)


@staff_required
def printable_pdf(request, pk: int, kind: str):
    if kind not in printables.KINDS:
        raise Http404
    convening = convening_or_404(pk)
    form = PrintableFilterForm(request.GET or None, convening=convening)
    invitations = printables.printable_invitations(convening=convening, **form.filters())
    pdf = printables.render_printable(
        kind=kind,
        convening=convening,
        invitations=invitations,
        language=request.LANGUAGE_CODE,
    )
    return attachment_response(
        stream=pdf,
        filename=printables.printable_filename(kind=kind, convening=convening),
        content_type="application/pdf",
    )


# --- The participant's own code -------------------------------------------------------------


@participant_required
def portal_checkin_code(request, pk: int):
    """My check-in code on my phone: shown once I said yes, never for a withdrawn
    invitation (404 like any convening I am not invited to)."""
    invitation = invitation_for_participant_or_404(participant=request.participant, convening_id=pk)
    convening = invitation.convening
    timezone.activate(convening.zone)
    has_code = has_checkin_code(invitation=invitation)
    qr = ""
    if has_code:
        token = checkin.issue_badge_codes(invitations=[invitation])[invitation.pk]
        qr = qr_svg(scan_url(token), label=_("My check-in code"))
    return render(
        request,
        "convenings/onsite/portal_code.html",
        {"convening": convening, "invitation": invitation, "qr": qr, "has_code": has_code},
    )
