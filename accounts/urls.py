"""URLs of the accounts app: the audit log, erasure and the accounts page for admins, a
participant's data export."""

from django.urls import path

from .views import management, portal, staff

app_name = "accounts"

urlpatterns = [
    path("staff/audit/", staff.audit_log, name="audit-log"),
    path("staff/people/<int:pk>/erase/", staff.erase_person, name="erase-person"),
    path("staff/accounts/", management.account_list, name="account-list"),
    path("staff/accounts/<int:pk>/role/", management.change_role, name="account-role"),
    path(
        "staff/accounts/<int:pk>/<slug:action>/",
        management.account_action,
        name="account-action",
    ),
    path("staff/my-time-zone/", staff.my_time_zone, name="staff-time-zone"),
    path("portal/my-data/", portal.my_data, name="portal-my-data"),
    path("portal/my-data/view/", portal.my_data_page, name="portal-my-data-page"),
]
