"""URLs of the convenings app: staff pages under /staff/, participant pages under /portal/."""

from django.urls import path

from .views import portal, staff

app_name = "convenings"

urlpatterns = [
    path("staff/", staff.dashboard, name="staff-dashboard"),
    path("portal/", portal.home, name="portal-home"),
]
