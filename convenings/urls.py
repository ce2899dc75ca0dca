"""URLs of the convenings app: staff pages under /staff/, participant pages under /portal/."""

from django.urls import path

from .views import adhoc, onsite, portal, withdrawal
from .views.staff import agenda_sessions, invitees, logistics, planning, site_visits
from .visa_urls import urlpatterns as visa_urlpatterns

app_name = "convenings"

urlpatterns = [
    path("staff/", planning.dashboard, name="staff-dashboard"),
    path("staff/convenings/", planning.convening_list, name="staff-list"),
    path("staff/convenings/new/", planning.convening_create, name="staff-create"),
    path("staff/convenings/<int:pk>/", planning.convening_detail, name="staff-detail"),
    path("staff/convenings/<int:pk>/edit/", planning.convening_edit, name="staff-edit"),
    path("staff/convenings/<int:pk>/invitations/", invitees.invitations, name="staff-invitations"),
    path(
        "staff/convenings/<int:pk>/invitations/<int:invitation_id>/withdraw/",
        withdrawal.invitation_withdraw,
        name="staff-invitation-withdraw",
    ),
    path(
        "staff/convenings/<int:pk>/invitations/<int:invitation_id>/restore/",
        withdrawal.invitation_restore,
        name="staff-invitation-restore",
    ),
    path(
        "staff/convenings/<int:pk>/invitations/balance/",
        invitees.invitation_balance,
        name="staff-invitation-balance",
    ),
    path(
        "staff/convenings/<int:pk>/invitations/remind/",
        invitees.send_reminders,
        name="staff-remind",
    ),
    path("staff/convenings/<int:pk>/replies/", invitees.replies, name="staff-replies"),
    path(
        "staff/convenings/<int:pk>/attendance/",
        invitees.record_attendance,
        name="staff-attendance",
    ),
    path("staff/convenings/<int:pk>/agenda/", agenda_sessions.agenda, name="staff-agenda"),
    path(
        "staff/convenings/<int:pk>/agenda/<int:session_id>/edit/",
        agenda_sessions.agenda_session_edit,
        name="staff-session-edit",
    ),
    path(
        "staff/convenings/<int:pk>/agenda/<int:session_id>/delete/",
        agenda_sessions.agenda_session_delete,
        name="staff-session-delete",
    ),
    path(
        "staff/convenings/<int:pk>/agenda/<int:session_id>/move/",
        agenda_sessions.agenda_session_move,
        name="staff-session-move",
    ),
    path(
        "staff/convenings/<int:pk>/site-visits/",
        site_visits.site_visit_list,
        name="staff-site-visits",
    ),
    path(
        "staff/convenings/<int:pk>/site-visits/<int:visit_id>/edit/",
        site_visits.site_visit_edit,
        name="staff-site-visit-edit",
    ),
    path(
        "staff/convenings/<int:pk>/site-visits/<int:visit_id>/delete/",
        site_visits.site_visit_delete,
        name="staff-site-visit-delete",
    ),
    path("staff/convenings/<int:pk>/costs/", planning.costs, name="staff-costs"),
    path("staff/convenings/<int:pk>/messages/", adhoc.message_list, name="staff-messages"),
    path("staff/convenings/<int:pk>/messages/new/", adhoc.message_new, name="staff-message-new"),
    path(
        "staff/convenings/<int:pk>/messages/<int:message_id>/",
        adhoc.message_detail,
        name="staff-message",
    ),
    path(
        "staff/convenings/<int:pk>/messages/<int:message_id>/retry/",
        adhoc.message_retry,
        name="staff-message-retry",
    ),
    # Branch logistics: travel and stay, the waiting list, exports for those serving the meeting.
    path("staff/convenings/<int:pk>/logistics/", logistics.logistics, name="staff-logistics"),
    path(
        "staff/convenings/<int:pk>/logistics/<int:invitation_id>/edit/",
        logistics.logistics_edit,
        name="staff-logistics-edit",
    ),
    path(
        "staff/convenings/<int:pk>/logistics/promote/",
        logistics.promote,
        name="staff-logistics-promote",
    ),
    path(
        "staff/convenings/<int:pk>/logistics/export/<slug:kind>.<slug:fmt>",
        logistics.export,
        name="staff-logistics-export",
    ),
    path("portal/", portal.home, name="portal-home"),
    path("portal/convenings/<int:pk>/", portal.convening_detail, name="portal-detail"),
    path("portal/convenings/<int:pk>/reply/", portal.reply, name="portal-reply"),
    path("portal/convenings/<int:pk>/attendees/", portal.attendees, name="portal-attendees"),
    path("portal/convenings/<int:pk>/calendar.ics", portal.calendar, name="portal-calendar"),
    # On-site: check-in desk, scan page, printables, my check-in code (branch onsite)
    path("staff/convenings/<int:pk>/check-in/", onsite.checkin_desk, name="staff-checkin"),
    path(
        "staff/convenings/<int:pk>/check-in/counts/",
        onsite.checkin_counts,
        name="staff-checkin-counts",
    ),
    path(
        "staff/convenings/<int:pk>/check-in/<int:invitation_id>/",
        onsite.checkin_person,
        name="staff-checkin-person",
    ),
    path(
        "staff/convenings/<int:pk>/check-in/<int:invitation_id>/new-code/",
        onsite.checkin_new_code,
        name="staff-checkin-new-code",
    ),
    path("staff/check-in/<str:token>/", onsite.checkin_scan, name="staff-checkin-scan"),
    path("staff/convenings/<int:pk>/printables/", onsite.printables_page, name="staff-printables"),
    path(
        "staff/convenings/<int:pk>/printables/<slug:kind>.pdf",
        onsite.printable_pdf,
        name="staff-printable",
    ),
    path(
        "portal/convenings/<int:pk>/check-in-code/",
        onsite.portal_checkin_code,
        name="portal-checkin-code",
    ),
]

# Visa details and letters (convenings/visa_urls.py), under the same namespace.
urlpatterns += visa_urlpatterns
