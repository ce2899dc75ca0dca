"""Participant pages between meetings: published notes, my actions, the feedback form.

Everything is scoped to the signed-in participant through selectors; another
convening's notes, actions or feedback form answer 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import participant_required

from .. import selectors, services
from ..forms import ActionUpdateForm, FeedbackForm


@participant_required
def notes_index(request):
    participant = request.participant
    return render(
        request,
        "engagement/portal/notes_index.html",
        {
            "convenings": selectors.convenings_with_published_notes(participant=participant),
            "feedback_due": selectors.feedback_due_for(participant=participant),
        },
    )


@participant_required
def notes(request, convening_id: int):
    convening, notes_list = selectors.published_notes_for(
        participant=request.participant, convening_id=convening_id
    )
    feedback_due = (
        selectors.feedback_due_for(participant=request.participant).filter(pk=convening.pk).exists()
    )
    return render(
        request,
        "engagement/portal/notes.html",
        {"convening": convening, "notes_list": notes_list, "feedback_due": feedback_due},
    )


def _action_rows(participant, bound=None):
    rows = []
    for action in selectors.actions_for_participant(participant=participant):
        if bound is not None and bound[0] == action.pk:
            form = bound[1]
        else:
            form = ActionUpdateForm(initial={"status": action.status}, prefix=f"a{action.pk}")
        rows.append((action, form))
    return rows


@participant_required
def actions(request):
    return render(
        request,
        "engagement/portal/actions.html",
        {"rows": _action_rows(request.participant)},
    )


@participant_required
@require_POST
def action_update(request, action_id: int):
    participant = request.participant
    action = selectors.action_for_owner_or_404(participant=participant, action_id=action_id)
    form = ActionUpdateForm(request.POST, initial={"status": action.status}, prefix=f"a{action.pk}")
    if form.is_valid():
        try:
            services.add_action_update(
                action=action,
                by=request.user,
                text=form.cleaned_data["text"],
                status=form.cleaned_data["status"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your progress is recorded."))
            return redirect("engagement:portal-actions")
    return render(
        request,
        "engagement/portal/actions.html",
        {"rows": _action_rows(participant, bound=(action.pk, form))},
        status=400,
    )


@participant_required
def feedback(request, convening_id: int):
    participant = request.participant
    convening, sessions, given = selectors.feedback_form_for_or_404(
        participant=participant, convening_id=convening_id
    )
    status = 200
    if given:
        form = None
    elif request.method == "POST":
        form = FeedbackForm(request.POST, sessions=sessions)
        if form.is_valid():
            try:
                services.submit_feedback(
                    convening=convening,
                    participant=participant,
                    ratings=form.ratings(),
                    what_to_change=form.cleaned_data["what_to_change"],
                    priorities=form.cleaned_data["priorities"],
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, _("Thank you for your feedback."))
            return redirect("engagement:portal-feedback", convening.pk)
        status = 400
    else:
        form = FeedbackForm(sessions=sessions)
    return render(
        request,
        "engagement/portal/feedback.html",
        {"convening": convening, "form": form, "given": given},
        status=status,
    )
