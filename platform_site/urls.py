"""URL map: allauth, the health check, language switching, then each app's staff and portal pages."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from accounts import urls as accounts_urls
from accounts.permissions import admin_required, is_admin
from accounts.views import set_language
from participants import account_urls as participant_account_urls

from . import views

# The Django admin signs in through allauth too, so its rate limits and MFA apply. It is
# for platform admins only (staff work in /staff/): anyone else signed in gets 403.
admin.site.login = admin_required(admin.site.login)
admin.site.has_permission = lambda request: is_admin(request.user)
admin.site.site_header = "Regional Peer Learning Platform"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/signup/", RedirectView.as_view(pattern_name="account_login", permanent=False)),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    # Erasure and "my data" moved to participants with their names kept in `accounts:`.
    path(
        "",
        include((accounts_urls.urlpatterns + participant_account_urls.urlpatterns, "accounts")),
    ),
    path("", include("participants.urls")),
    path("", include("convenings.urls")),
    path("", include("briefings.urls")),
    path("", include("engagement.urls")),
    path("", include("outcomes.urls")),
    path("", include("operations.urls")),
]

# A body over DATA_UPLOAD_MAX_MEMORY_SIZE answers 413 with a page, not a bare 400.
handler400 = "platform_site.views.bad_request"
