"""URLs of the outcomes app: staff pages under /staff/ (Reports for admins only)."""

from django.urls import path

from .views import staff
from .views import substantiation as substantiation_views

app_name = "outcomes"

urlpatterns = [
    path("staff/outcomes/", staff.outcome_list, name="staff-list"),
    path("staff/outcomes/new/", staff.outcome_edit, name="staff-create"),
    path("staff/outcomes/champions/", staff.champion_search, name="staff-champion-search"),
    path("staff/outcomes/<int:pk>/", staff.outcome_edit, name="staff-edit"),
    path("staff/outcomes/evidence/<int:pk>/", staff.evidence_download, name="evidence-download"),
    path("staff/outcomes/lessons/", staff.challenge_list, name="challenges"),
    path("staff/outcomes/lessons/new/", staff.challenge_edit, name="challenge-create"),
    path("staff/outcomes/lessons/<int:pk>/", staff.challenge_edit, name="challenge-edit"),
    path("staff/reports/", staff.reports, name="reports"),
    path("staff/reports/<int:pk>/status/", staff.report_status, name="report-status"),
    path("staff/reports/<int:pk>/download/", staff.report_download, name="report-download"),
    # Substantiation (issue 17 §2): staff ask and read answers; the public page of a link.
    path(
        "staff/outcomes/<int:pk>/substantiation/",
        substantiation_views.outcome_substantiation,
        name="substantiation",
    ),
    path("substantiate/<str:token>/", substantiation_views.substantiate, name="substantiate"),
]

# Outcome harvesting (outcomes/harvest.py): participants' portal pages and the staff review.
from .views import harvest_portal, harvest_staff  # noqa: E402  appended by topic

urlpatterns += [
    path("portal/outcomes/", harvest_portal.submission_list, name="portal-harvest"),
    path("portal/outcomes/new/", harvest_portal.submission_new, name="portal-harvest-new"),
    path("portal/outcomes/<int:pk>/", harvest_portal.submission_edit, name="portal-harvest-edit"),
    path("staff/outcomes/submitted/", harvest_staff.review_list, name="staff-harvest"),
    path(
        "staff/outcomes/submitted/<int:pk>/",
        harvest_staff.review_detail,
        name="staff-harvest-detail",
    ),
    path(
        "staff/outcomes/submitted/<int:pk>/accept/",
        harvest_staff.review_accept,
        name="staff-harvest-accept",
    ),
    path(
        "staff/outcomes/submitted/<int:pk>/merge/",
        harvest_staff.review_merge,
        name="staff-harvest-merge",
    ),
    path(
        "staff/outcomes/submitted/<int:pk>/changes/",
        harvest_staff.review_changes,
        name="staff-harvest-changes",
    ),
    path(
        "staff/outcomes/submitted/<int:pk>/decline/",
        harvest_staff.review_decline,
        name="staff-harvest-decline",
    ),
    path(
        "staff/outcomes/submitted/<int:pk>/file/",
        harvest_staff.review_file,
        name="staff-harvest-file",
    ),
    path("staff/outcomes/learning/", harvest_staff.learning, name="staff-learning"),
]
