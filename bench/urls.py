"""The real URL map plus `/bench/constant/`: the same middleware, no work in the view (the limit)."""

from django.http import HttpResponse
from django.urls import include, path


def constant(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/constant/", constant, name="bench-constant"),
    path("", include("platform_site.urls")),
]
