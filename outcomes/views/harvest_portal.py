"""Participants' pages of outcome harvesting: my submitted outcomes, the form to submit one,
and one submission (its state and the secretariat's note; editable until decided).

Everything is scoped to the signed-in participant: someone else's submission answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import participant_required

from .. import harvest
from .. import harvest_selectors as selectors
from ..harvest_forms import NewSubmissionForm, SubmissionForm


@participant_required
def submission_list(request):
    return render(
        request,
        "outcomes/harvest/portal/list.html",
        {"submissions": selectors.submissions_for_participant(participant=request.participant)},
    )


def _file(request, form):
    return form.cleaned_data.get("evidence_file") if "evidence_file" in request.FILES else None


@participant_required
@require_http_methods(["GET", "POST"])
def submission_new(request):
    participant = request.participant
    convenings = selectors.convenings_taken_part(participant=participant)
    if request.method == "POST":
        form = NewSubmissionForm(
            request.POST, request.FILES, participant=participant, convenings=convenings
        )
        if form.is_valid():
            try:
                _submission, repeated = harvest.submit_outcome(
                    participant=participant,
                    data=form.cleaned_data,
                    evidence_file=_file(request, form),
                    create_key=form.cleaned_data["create_key"],
                    language=request.LANGUAGE_CODE,
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
                form.file_dropped = bool(request.FILES)
            else:
                if not repeated:
                    messages.success(
                        request,
                        _(
                            "Thank you. The secretariat will review your outcome and may contact you."
                        ),
                    )
                return redirect("outcomes:portal-harvest")
    else:
        form = NewSubmissionForm(participant=participant, convenings=convenings)
    return render(
        request,
        "outcomes/harvest/portal/form.html",
        {"form": form, "submission": None},
    )


@participant_required
@require_http_methods(["GET", "POST"])
def submission_edit(request, pk: int):
    participant = request.participant
    submission = selectors.submission_for_participant_or_404(participant=participant, pk=pk)
    if not submission.is_editable:
        if request.method == "POST":
            messages.error(request, _("The secretariat has already decided on this outcome."))
            return redirect("outcomes:portal-harvest-edit", pk=submission.pk)
        return render(request, "outcomes/harvest/portal/detail.html", {"submission": submission})
    convenings = selectors.convenings_taken_part(participant=participant)
    if request.method == "POST":
        form = SubmissionForm(
            request.POST,
            request.FILES,
            instance=submission,
            participant=participant,
            convenings=convenings,
        )
        if form.is_valid():
            try:
                harvest.update_submission(
                    submission=submission,
                    data=form.cleaned_data,
                    evidence_file=_file(request, form),
                    language=request.LANGUAGE_CODE,
                    by=request.user,
                )
            except harvest.AlreadyDecidedError as error:
                messages.error(request, error.messages[0])
                return redirect("outcomes:portal-harvest-edit", pk=submission.pk)
            except ValidationError as error:
                form.add_error(None, error)
                form.file_dropped = bool(request.FILES)
            else:
                messages.success(request, _("Your changes are saved and sent to the secretariat."))
                return redirect("outcomes:portal-harvest")
    else:
        form = SubmissionForm(instance=submission, participant=participant, convenings=convenings)
    return render(
        request,
        "outcomes/harvest/portal/form.html",
        {"form": form, "submission": submission},
    )
