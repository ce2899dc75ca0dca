"""URLs of the outcomes app: staff pages under /staff/, participant pages under /portal/."""

from django.urls import path  # noqa: F401

app_name = "outcomes"

urlpatterns: list = []
