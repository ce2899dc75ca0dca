"""Staff pages for outcomes and lessons, and the admins' Reports page."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from accounts.permissions import admin_required, staff_required
from common.downloads import attachment_response
from common.listing import Sorting, paginate
from common.once import SAVE_ANYWAY

from .. import duplicates as duplicates_module
from .. import selectors, services
from ..filters import OutcomeFilter, outcome_columns
from ..forms import (
    ChallengeFilterForm,
    ChallengeForm,
    EvidenceFormSet,
    NewOutcomeForm,
    OutcomeForm,
    ReportRequestForm,
)
from ..models import ChallengeLesson, Outcome, OutcomeEvidence, ReportStatus, StoredReport
from ..reports.web import report_preview
from ..substantiation_selectors import substantiation_state

PAGE_SIZE = 50


@staff_required
def outcome_list(request):
    found = OutcomeFilter(
        request.GET or None,
        queryset=selectors.outcomes_for_staff(),
        years=selectors.outcome_years(),
    )
    sorting = Sorting(request.GET, outcome_columns(), default="-date")
    page, query = paginate(request.GET, sorting.apply(found.qs), per_page=PAGE_SIZE)
    return render(
        request,
        "outcomes/staff/outcome_list.html",
        {
            "filter_form": found.form,
            "page": page,
            "outcomes": page.object_list,
            "headers": sorting.headers(),
            "sort": request.GET.get("sort", ""),
            "query": query,
        },
    )


FIND_CHAMPIONS = "find_champions"
REPEATED = _l("This outcome was already recorded; nothing new was saved.")


def _as_initial(form) -> dict:
    """A bound form's posted values as the initial values of a fresh one (shown without
    errors while staff only searched for champions)."""
    return {
        name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name, field in form.fields.items()
    }


@staff_required
@require_http_methods(["GET", "POST"])
def outcome_edit(request, pk: int | None = None):
    outcome = get_object_or_404(Outcome, pk=pk) if pk else Outcome()
    form_class = OutcomeForm if pk else NewOutcomeForm
    duplicates = []
    if request.method == "POST":
        form = form_class(request.POST, instance=outcome)
        evidence = EvidenceFormSet(request.POST, request.FILES, instance=outcome, prefix="evidence")
        if FIND_CHAMPIONS in request.POST:
            # The champion search without JavaScript: the same form again, nothing saved.
            form = form_class(initial=_as_initial(form), instance=outcome)
        elif form.is_valid() and evidence.is_valid():
            if pk:
                saved = services.save_outcome(form=form, evidence_formset=evidence, by=request.user)
                messages.success(request, _("Outcome saved."))
                return redirect("outcomes:staff-edit", pk=saved.pk)
            key = form.cleaned_data["create_key"]
            earlier = duplicates_module.earlier_from_form(create_key=key)
            if earlier is not None:
                messages.info(request, REPEATED)
                return redirect("outcomes:staff-edit", pk=earlier.pk)
            if SAVE_ANYWAY not in request.POST:
                duplicates = duplicates_module.likely_duplicates(data=form.cleaned_data)
            if not duplicates:
                saved, repeated = duplicates_module.save_new_outcome_once(
                    form=form, evidence_formset=evidence, by=request.user, create_key=key
                )
                if repeated:
                    messages.info(request, REPEATED)
                else:
                    messages.success(request, _("Outcome saved."))
                return redirect("outcomes:staff-edit", pk=saved.pk)
    else:
        form = form_class(instance=outcome)
        evidence = EvidenceFormSet(instance=outcome, prefix="evidence")
    return render(
        request,
        "outcomes/staff/outcome_form.html",
        {
            "form": form,
            "evidence_formset": evidence,
            "outcome": outcome if pk else None,
            "substantiation": substantiation_state(outcome) if pk else None,
            "duplicates": duplicates,
            "files_dropped": bool(duplicates and request.FILES),
        },
    )


@staff_required
def champion_search(request):
    """The champion list for the search box as one types (htmx): chosen people and matches."""
    form = OutcomeForm(
        initial={
            "champions": request.GET.getlist("champions"),
            "champion_q": request.GET.get("champion_q", ""),
        }
    )
    return render(request, "outcomes/staff/_champions.html", {"form": form})


@staff_required
def evidence_download(request, pk: int):
    item = get_object_or_404(OutcomeEvidence, pk=pk, outcome__deleted_at__isnull=True)
    try:
        handle = item.file.open("rb") if item.file else None
    except FileNotFoundError:
        handle = None
    if handle is None:
        raise Http404
    name = item.file.name.rsplit("/", 1)[-1]
    return attachment_response(
        stream=handle, filename=name, content_type="application/octet-stream"
    )


@staff_required
def challenge_list(request):
    form = ChallengeFilterForm(request.GET or None)
    category = form.cleaned_data.get("category", "") if form.is_valid() else ""
    items = selectors.challenges_for_staff(category=category)
    return render(
        request, "outcomes/staff/challenge_list.html", {"filter_form": form, "items": items}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def challenge_edit(request, pk: int | None = None):
    item = get_object_or_404(ChallengeLesson, pk=pk) if pk else ChallengeLesson()
    form = ChallengeForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.save_challenge(form=form, by=request.user)
        messages.success(request, _("Saved."))
        return redirect("outcomes:challenges")
    return render(
        request, "outcomes/staff/challenge_form.html", {"form": form, "item": item if pk else None}
    )


@admin_required
@require_http_methods(["GET", "POST"])
def reports(request):
    """Ask for a report (POST), or preview a period's figures and charts (GET)."""
    if request.method == "GET" and "csrfmiddlewaretoken" in request.GET:
        # The preview button sends the form by GET; without the page's script the CSRF
        # token comes along and would stay in the address, the history and the logs.
        query = request.GET.copy()
        del query["csrfmiddlewaretoken"]
        return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)
    latest = selectors.latest_year_with_activity()
    if request.method == "POST":
        form = ReportRequestForm(request.POST, latest_year=latest)
    elif "preview" in request.GET:
        form = ReportRequestForm(request.GET, latest_year=latest)
    else:
        form = ReportRequestForm(initial={"language": request.LANGUAGE_CODE}, latest_year=latest)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.request_report(
            kind=data["kind"],
            start_year=data["start_year"],
            end_year=data["end_year"],
            language=data["language"],
            fmt=data["format"],
            by=request.user,
        )
        messages.success(request, _("The report is being generated. It appears below when ready."))
        return redirect("outcomes:reports")
    preview = None
    if not form.is_bound or (request.method == "GET" and form.is_valid()):
        period = form.preview_period()
        preview = report_preview(**period)
    return render(
        request,
        "outcomes/staff/reports.html",
        {"form": form, "reports": selectors.stored_reports(), "preview": preview},
    )


@admin_required
def report_status(request, pk: int):
    """The status cell of one report; htmx polls it while the report renders."""
    report = selectors.report_for_admin_or_404(report_id=pk)
    return render(request, "outcomes/staff/_report_status.html", {"report": report})


@admin_required
def report_download(request, pk: int):
    report = get_object_or_404(StoredReport, pk=pk, status=ReportStatus.DONE)
    try:
        handle = report.file.open("rb") if report.file else None
    except FileNotFoundError:
        handle = None
    if handle is None:
        raise Http404
    name = report.download_name()
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return attachment_response(stream=handle, filename=name, content_type=content_type)
