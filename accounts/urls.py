"""URLs of the accounts app: the audit log and the accounts page for admins. Erasure and a
participant's data export live in participants and keep their names in this namespace
(participants/account_urls.py, joined to these patterns in platform_site/urls.py)."""

from django.urls import path

from .views import management, staff

app_name = "accounts"

urlpatterns = [
    path("staff/audit/", staff.audit_log, name="audit-log"),
    path("staff/accounts/", management.account_list, name="account-list"),
    path("staff/accounts/<int:pk>/role/", management.change_role, name="account-role"),
    path(
        "staff/accounts/<int:pk>/<slug:action>/",
        management.account_action,
        name="account-action",
    ),
    path("staff/my-time-zone/", staff.my_time_zone, name="staff-time-zone"),
]
