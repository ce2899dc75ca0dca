"""URLs of the engagement app: staff pages under /staff/, participant pages under /portal/."""

from django.urls import path  # noqa: F401

app_name = "engagement"

urlpatterns: list = []
