"""Staff pages of outcome harvesting: the submissions to review (accept as an outcome, merge
into one, ask for changes, decline), a submission's evidence file, and the learning page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import staff_required
from common.downloads import attachment_response
from common.listing import paginate
from common.translation import localized

from .. import harvest
from .. import harvest_selectors as selectors
from ..forms import EvidenceFormSet, NewOutcomeForm
from ..harvest_forms import MergeForm, NoteForm
from ..models import Outcome, SubmissionStatus
from .staff import FIND_CHAMPIONS, _as_initial

PAGE_SIZE = 50


@staff_required
def review_list(request):
    status = request.GET.get("status", SubmissionStatus.SUBMITTED)
    if status not in SubmissionStatus.values and status != "all":
        status = SubmissionStatus.SUBMITTED
    page, query = paginate(
        request.GET,
        selectors.submissions_for_staff(status="" if status == "all" else status),
        per_page=PAGE_SIZE,
    )
    return render(
        request,
        "outcomes/harvest/staff/list.html",
        {
            "page": page,
            "submissions": page.object_list,
            "query": query,
            "status": status,
            "statuses": SubmissionStatus.choices,
            "waiting": selectors.waiting_count(),
        },
    )


def _detail(request, submission, *, merge_form=None, changes_form=None, decline_form=None):
    return render(
        request,
        "outcomes/harvest/staff/detail.html",
        {
            "submission": submission,
            "merge_form": merge_form or MergeForm(outcomes=selectors.outcomes_to_merge_into()),
            "changes_form": changes_form or NoteForm(prefix="changes"),
            "decline_form": decline_form or NoteForm(prefix="decline"),
        },
    )


@staff_required
def review_detail(request, pk: int):
    return _detail(request, selectors.submission_for_staff_or_404(pk=pk))


def _decided_elsewhere(request, error, pk):
    messages.error(request, error.messages[0])
    return redirect("outcomes:staff-harvest-detail", pk=pk)


@staff_required
@require_POST
def review_merge(request, pk: int):
    submission = selectors.submission_for_staff_or_404(pk=pk)
    form = MergeForm(request.POST, outcomes=selectors.outcomes_to_merge_into())
    if not form.is_valid():
        return _detail(request, submission, merge_form=form)
    try:
        harvest.merge_submission(
            submission_id=submission.pk, outcome=form.cleaned_data["outcome"], by=request.user
        )
    except harvest.AlreadyDecidedError as error:
        return _decided_elsewhere(request, error, pk)
    messages.success(
        request, _("The submission is now a source of the outcome; its evidence was added.")
    )
    return redirect("outcomes:staff-edit", pk=form.cleaned_data["outcome"].pk)


def _note_decision(request, pk: int, *, prefix: str, decide, done: str):
    """A decision that carries a note to the participant (send back, decline): the note
    form, the service call, and the page that follows."""
    submission = selectors.submission_for_staff_or_404(pk=pk)
    form = NoteForm(request.POST, prefix=prefix)
    if not form.is_valid():
        return _detail(request, submission, **{f"{prefix}_form": form})
    try:
        decide(submission_id=submission.pk, note=form.cleaned_data["note"], by=request.user)
    except harvest.AlreadyDecidedError as error:
        return _decided_elsewhere(request, error, pk)
    messages.success(request, done)
    return redirect("outcomes:staff-harvest")


@staff_required
@require_POST
def review_changes(request, pk: int):
    return _note_decision(
        request,
        pk,
        prefix="changes",
        decide=harvest.request_changes,
        done=_("Sent back to the participant with your note."),
    )


@staff_required
@require_POST
def review_decline(request, pk: int):
    return _note_decision(
        request,
        pk,
        prefix="decline",
        decide=harvest.decline_submission,
        done=_("Declined. The participant is told once, in their language."),
    )


def _prefill(submission) -> dict:
    """The new outcome's form, filled from the submission in the language it was written in."""
    code = submission.language
    first_line = (submission.what_changed.strip().splitlines() or [""])[0]
    who = f"{submission.get_actor_kind_display()}: {submission.who_changed}"
    initial = {
        "country": submission.country_id,
        "date": submission.date,
        "convenings": [c.pk for c in submission.convenings.all()],
        localized("title", code): first_line[:120],
        localized("what_changed", code): submission.what_changed,
        localized("who_changed", code): who,
        localized("significance", code): submission.significance,
        localized("contribution", code): submission.contribution,
    }
    return initial


@staff_required
@require_http_methods(["GET", "POST"])
def review_accept(request, pk: int):
    submission = selectors.submission_for_staff_or_404(pk=pk)
    if submission.status == SubmissionStatus.ACCEPTED and submission.outcome_id:
        return redirect("outcomes:staff-edit", pk=submission.outcome_id)
    if not submission.is_editable:
        raise Http404
    outcome = Outcome()
    if request.method == "POST":
        form = NewOutcomeForm(request.POST, instance=outcome)
        evidence = EvidenceFormSet(request.POST, request.FILES, instance=outcome, prefix="evidence")
        if FIND_CHAMPIONS in request.POST:
            form = NewOutcomeForm(initial=_as_initial(form), instance=outcome)
        elif form.is_valid() and evidence.is_valid():
            try:
                saved, repeated = harvest.accept_submission(
                    submission_id=submission.pk,
                    form=form,
                    evidence_formset=evidence,
                    by=request.user,
                    create_key=form.cleaned_data["create_key"],
                )
            except harvest.AlreadyDecidedError as error:
                return _decided_elsewhere(request, error, pk)
            if repeated:
                messages.info(
                    request, _("This outcome was already recorded; nothing new was saved.")
                )
            else:
                messages.success(request, _("Outcome saved from the participant's submission."))
            return redirect("outcomes:staff-edit", pk=saved.pk)
    else:
        form = NewOutcomeForm(initial=_prefill(submission), instance=outcome)
        evidence = EvidenceFormSet(instance=outcome, prefix="evidence")
    return render(
        request,
        "outcomes/harvest/staff/accept.html",
        {
            "form": form,
            "evidence_formset": evidence,
            "outcome": None,
            "duplicates": [],
            "submission": submission,
            "files_dropped": request.method == "POST" and bool(request.FILES),
            "in_english": submission.language == settings.LANGUAGE_CODE,
        },
    )


@staff_required
def review_file(request, pk: int):
    submission = selectors.submission_for_staff_or_404(pk=pk)
    try:
        handle = submission.evidence_file.open("rb") if submission.evidence_file else None
    except FileNotFoundError:
        handle = None
    if handle is None:
        raise Http404
    name = submission.evidence_file.name.rsplit("/", 1)[-1]
    return attachment_response(
        stream=handle, filename=name, content_type="application/octet-stream"
    )


@staff_required
def learning(request):
    data = selectors.learning(regional_label=_("Regional"))
    return render(request, "outcomes/harvest/staff/learning.html", {"data": data})
