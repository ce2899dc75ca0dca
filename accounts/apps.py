from django.apps import AppConfig
from django.core.signals import request_started
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
        from .roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, dispatch_uid="accounts.ensure_role_groups")
        # Every write made through Django invalidates the rendered pages kept in the cache.
        from platform_site.page_cache import new_request, watch_writes

        connection_created.connect(watch_writes, dispatch_uid="platform_site.page_cache")
        request_started.connect(new_request, dispatch_uid="platform_site.page_cache")
        from platform_site import sessions

        request_started.connect(sessions.new_request, dispatch_uid="platform_site.sessions")
