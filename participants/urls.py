"""URLs of the participants app: staff pages under /staff/, participant pages under /portal/."""

from django.urls import path

from .views import portal, staff

app_name = "participants"

urlpatterns = [
    path("staff/participants/", staff.directory, name="staff-directory"),
    path("staff/participants/new/", staff.create, name="staff-create"),
    path("staff/participants/import/", staff.import_upload, name="staff-import"),
    path("staff/participants/import/commit/", staff.import_commit, name="staff-import-commit"),
    path(
        "staff/participants/import/template.csv",
        staff.import_template,
        name="staff-import-template",
    ),
    path("staff/participants/<int:participant_id>/", staff.detail, name="staff-detail"),
    path("staff/participants/<int:participant_id>/edit/", staff.edit, name="staff-edit"),
    path(
        "staff/participants/<int:participant_id>/account/",
        staff.create_account,
        name="staff-create-account",
    ),
    path("staff/protection/", staff.protection_flags, name="staff-protection"),
    path("portal/profile/", portal.profile, name="portal-profile"),
]
