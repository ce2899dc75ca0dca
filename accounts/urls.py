"""URLs of the accounts app: the audit log and erasure for admins, a participant's data export."""

from django.urls import path

from .views import portal, staff

app_name = "accounts"

urlpatterns = [
    path("staff/audit/", staff.audit_log, name="audit-log"),
    path("staff/people/<int:pk>/erase/", staff.erase_person, name="erase-person"),
    path("staff/my-time-zone/", staff.my_time_zone, name="staff-time-zone"),
    path("portal/my-data/", portal.my_data, name="portal-my-data"),
    path("portal/my-data/view/", portal.my_data_page, name="portal-my-data-page"),
]
