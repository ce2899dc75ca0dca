"""Staff pages between meetings: engagement figures, and per convening notes, actions,
follow-ups sent and the feedback summary."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from common.listing import paginate
from convenings.models import Convening

from .. import checker, selectors, services
from ..forms import ActionForm, ActionUpdateForm, NotesForm
from ..models import FollowUpAction, MeetingNote

PARTICIPANTS_PER_PAGE = 50


def _convening(convening_id: int) -> Convening:
    return get_object_or_404(Convening.objects.select_related("host_country"), pk=convening_id)


@staff_required
def overview(request):
    today = timezone.localdate()
    rows = selectors.engagement_rows(today=today)
    countries = selectors.engagement_by_country(rows)
    quiet = [r for r in rows if r.quiet]
    shown = quiet if request.GET.get("show") == "quiet" else rows
    page, query = paginate(request.GET, shown, per_page=PARTICIPANTS_PER_PAGE)
    return render(
        request,
        "engagement/staff/overview.html",
        {
            "page": page,
            "query": query,
            "countries": countries,
            "quiet_count": len(quiet),
            "participant_count": len(rows),
            "show_quiet": request.GET.get("show") == "quiet",
            "convenings": selectors.convenings_overview(today=today),
            "overdue_count": selectors.overdue_actions(today=today).count(),
            "quiet_days": settings.QUIET_PARTICIPANT_DAYS,
        },
    )


def _tab_context(convening: Convening, tab: str) -> dict:
    return {"convening": convening, "tab": tab}


@staff_required
def notes_list(request, convening_id: int):
    convening = _convening(convening_id)
    return render(
        request,
        "engagement/staff/notes_list.html",
        {
            **_tab_context(convening, "notes"),
            "notes_list": selectors.notes_for_convening(convening=convening),
        },
    )


def _note(convening: Convening, note_id: int) -> MeetingNote:
    return get_object_or_404(
        MeetingNote.objects.select_related("session", "convening"), pk=note_id, convening=convening
    )


def _render_editor(request, convening, form, note=None, *, refused=False, status=200):
    matches = checker.check_notes(note) if note is not None else []
    return render(
        request,
        "engagement/staff/notes_edit.html",
        {
            **_tab_context(convening, "notes"),
            "form": form,
            "note": note,
            "matches": matches,
            "report": checker.report(note, matches) if note is not None else [],
            # Protected people are checked whatever the rule; the report shows when found.
            "must_check": convening.chatham_house or bool(matches),
            "refused": refused,
        },
        status=status,
    )


@staff_required
def note_edit(request, convening_id: int, note_id: int | None = None):
    convening = _convening(convening_id)
    note = _note(convening, note_id) if note_id else None
    if request.method == "POST":
        form = NotesForm(request.POST, convening=convening, instance=note)
        if form.is_valid():
            was_published = note is not None and note.is_published
            note = services.save_notes(
                convening=convening,
                notes=note,
                session=form.cleaned_data["session"],
                texts=form.texts(),
                by=request.user,
            )
            if was_published and not note.is_published:
                messages.warning(
                    request,
                    _(
                        "Notes saved. They changed, so they are a draft again: check and publish them."
                    ),
                )
            else:
                messages.success(request, _("Notes saved."))
            return redirect("engagement:staff-note-edit", convening.pk, note.pk)
        return _render_editor(request, convening, form, note, status=400)
    form = NotesForm(convening=convening, instance=note)
    return _render_editor(request, convening, form, note)


@staff_required
@require_POST
def note_publish(request, convening_id: int, note_id: int):
    convening = _convening(convening_id)
    note = _note(convening, note_id)
    try:
        services.publish_notes(notes=note, by=request.user)
    except services.NotesAttributeSomeoneError as refusal:
        messages.error(request, refusal.messages[0])
        form = NotesForm(convening=convening, instance=note)
        return _render_editor(request, convening, form, note, refused=True, status=409)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("engagement:staff-note-edit", convening.pk, note.pk)
    messages.success(request, _("Notes published. The convening's participants can read them now."))
    return redirect("engagement:staff-notes", convening.pk)


@staff_required
@require_POST
def note_unpublish(request, convening_id: int, note_id: int):
    convening = _convening(convening_id)
    services.unpublish_notes(notes=_note(convening, note_id), by=request.user)
    messages.success(request, _("Notes withdrawn: participants no longer see them."))
    return redirect("engagement:staff-note-edit", convening.pk, note_id)


@staff_required
def actions_list(request, convening_id: int):
    convening = _convening(convening_id)
    if request.method == "POST":
        form = ActionForm(request.POST, convening=convening)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.create_action(
                    convening=convening,
                    title=data["title"],
                    owner=data["owner"],
                    country=data["country"],
                    due_date=data["due_date"],
                    by=request.user,
                )
            except ValidationError as error:
                # A wrong owner is a plain error; a protected name says its field.
                form.add_error(None if hasattr(error, "error_dict") else "owner", error)
            else:
                messages.success(request, _("Action added."))
                return redirect("engagement:staff-actions", convening.pk)
        status = 400
    else:
        form = ActionForm(convening=convening)
        status = 200
    return render(
        request,
        "engagement/staff/actions_list.html",
        {
            **_tab_context(convening, "actions"),
            "actions": selectors.actions_for_convening(convening=convening),
            "form": form,
        },
        status=status,
    )


def _action(convening: Convening, action_id: int, *, deleted_too: bool = False) -> FollowUpAction:
    # Deleting looks at deleted rows too: a second POST answers like the first.
    manager = FollowUpAction.all_objects if deleted_too else FollowUpAction.objects
    return get_object_or_404(
        manager.select_related("owner", "country", "convening"),
        pk=action_id,
        convening=convening,
    )


@staff_required
def action_edit(request, convening_id: int, action_id: int):
    convening = _convening(convening_id)
    action = _action(convening, action_id)
    form = ActionForm(convening=convening, instance=action)
    update_form = ActionUpdateForm(initial={"status": action.status}, prefix="update")
    status = 200
    if request.method == "POST" and "update-status" in request.POST:
        update_form = ActionUpdateForm(
            request.POST, initial={"status": action.status}, prefix="update"
        )
        if update_form.is_valid():
            services.add_action_update(
                action=action,
                by=request.user,
                text=update_form.cleaned_data["text"],
                status=update_form.cleaned_data["status"],
            )
            messages.success(request, _("Progress recorded."))
            return redirect("engagement:staff-action", convening.pk, action.pk)
        status = 400
    elif request.method == "POST":
        form = ActionForm(request.POST, convening=convening, instance=action)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_action(action=action, by=request.user, **data)
            except ValidationError as error:
                # A wrong owner is a plain error; a protected name says its field.
                form.add_error(None if hasattr(error, "error_dict") else "owner", error)
            else:
                messages.success(request, _("Action saved."))
                return redirect("engagement:staff-actions", convening.pk)
        status = 400
    return render(
        request,
        "engagement/staff/action_edit.html",
        {
            **_tab_context(convening, "actions"),
            "action": action,
            "form": form,
            "update_form": update_form,
            "updates": action.updates.select_related("author"),
        },
        status=status,
    )


@staff_required
@require_POST
def action_delete(request, convening_id: int, action_id: int):
    convening = _convening(convening_id)
    services.delete_action(action=_action(convening, action_id, deleted_too=True), by=request.user)
    messages.success(request, _("Action deleted."))
    return redirect("engagement:staff-actions", convening.pk)


@staff_required
def followups_log(request, convening_id: int):
    convening = _convening(convening_id)
    sent = selectors.messages_for_convening(convening=convening)
    page, query = paginate(request.GET, sent, per_page=100)
    return render(
        request,
        "engagement/staff/followups.html",
        {**_tab_context(convening, "followups"), "page": page, "query": query},
    )


@staff_required
@require_POST
def followups_pause(request, convening_id: int):
    convening = _convening(convening_id)
    paused = request.POST.get("paused") == "1"
    services.pause_followups(convening=convening, paused=paused, by=request.user)
    if paused:
        messages.success(request, _("Automatic follow-ups for this convening are paused."))
    else:
        messages.success(request, _("Automatic follow-ups for this convening are running again."))
    return redirect("engagement:staff-followups", convening.pk)


@staff_required
def feedback_summary(request, convening_id: int):
    convening = _convening(convening_id)
    return render(
        request,
        "engagement/staff/feedback.html",
        {
            **_tab_context(convening, "feedback"),
            "summary": selectors.feedback_summary(convening=convening),
        },
    )
