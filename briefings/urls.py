"""URLs of the briefings app: staff pages under /staff/, participant pages under /portal/."""

from django.urls import path

from .views import portal, staff

app_name = "briefings"

urlpatterns = [
    path("staff/briefings/", staff.briefing_list, name="staff-list"),
    path("staff/briefings/new/", staff.briefing_create, name="staff-create"),
    path("staff/briefings/<int:pk>/", staff.briefing_detail, name="staff-detail"),
    path("staff/briefings/<int:pk>/edit/", staff.briefing_edit, name="staff-edit"),
    path("staff/briefings/<int:pk>/publish/", staff.briefing_publish, name="staff-publish"),
    path("staff/briefings/<int:pk>/unpublish/", staff.briefing_unpublish, name="staff-unpublish"),
    path("staff/briefings/<int:pk>/files/", staff.briefing_upload, name="staff-upload"),
    path("staff/briefings/<int:pk>/files/<str:language>/", staff.briefing_file, name="staff-file"),
    path(
        "staff/briefings/<int:pk>/pdf/<str:language>/",
        staff.briefing_pdf_download,
        name="staff-pdf",
    ),
    path("staff/briefings/packs/", staff.pack_convenings, name="staff-pack-convenings"),
    path(
        "staff/briefings/packs/convening/<int:convening_id>/",
        staff.convening_packs,
        name="staff-convening-packs",
    ),
    path("staff/briefings/packs/<int:pk>/", staff.pack_detail, name="staff-pack"),
    path("staff/briefings/packs/<int:pk>/status/", staff.pack_status, name="staff-pack-status"),
    path("staff/briefings/packs/<int:pk>/send/", staff.pack_send, name="staff-pack-send"),
    path("staff/briefings/packs/<int:pk>/retry/", staff.pack_retry, name="staff-pack-retry"),
    path("portal/briefings/", portal.briefing_list, name="portal-list"),
    path("portal/briefings/<int:pk>/", portal.briefing_detail, name="portal-detail"),
    path("portal/briefings/<int:pk>/file/", portal.briefing_file, name="portal-file"),
    path("portal/briefings/<int:pk>/pdf/", portal.briefing_pdf_download, name="portal-pdf"),
]
