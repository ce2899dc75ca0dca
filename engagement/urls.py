"""URLs of the engagement app: staff pages under /staff/, participant pages under /portal/."""

from django.urls import path

from .views import portal, staff

app_name = "engagement"

_c = "staff/engagement/convenings/<int:convening_id>"

urlpatterns = [
    path("staff/engagement/", staff.overview, name="staff-overview"),
    path(f"{_c}/", staff.notes_list, name="staff-notes"),
    path(f"{_c}/notes/new/", staff.note_edit, name="staff-note-new"),
    path(f"{_c}/notes/<int:note_id>/", staff.note_edit, name="staff-note-edit"),
    path(f"{_c}/notes/<int:note_id>/publish/", staff.note_publish, name="staff-note-publish"),
    path(f"{_c}/notes/<int:note_id>/unpublish/", staff.note_unpublish, name="staff-note-unpublish"),
    path(f"{_c}/actions/", staff.actions_list, name="staff-actions"),
    path(f"{_c}/actions/<int:action_id>/", staff.action_edit, name="staff-action"),
    path(f"{_c}/actions/<int:action_id>/delete/", staff.action_delete, name="staff-action-delete"),
    path(f"{_c}/followups/", staff.followups_log, name="staff-followups"),
    path(f"{_c}/followups/pause/", staff.followups_pause, name="staff-followups-pause"),
    path(f"{_c}/feedback/", staff.feedback_summary, name="staff-feedback"),
    path("portal/notes/", portal.notes_index, name="portal-notes-index"),
    path("portal/convenings/<int:convening_id>/notes/", portal.notes, name="portal-notes"),
    path("portal/actions/", portal.actions, name="portal-actions"),
    path(
        "portal/actions/<int:action_id>/update/", portal.action_update, name="portal-action-update"
    ),
    path("portal/convenings/<int:convening_id>/feedback/", portal.feedback, name="portal-feedback"),
]
