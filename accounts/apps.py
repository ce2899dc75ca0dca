from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from . import checks  # noqa: F401, PLC0415  registers the system checks, once the models are loaded
        from .roles import ensure_role_groups  # noqa: PLC0415  AppConfig.ready: the models are loaded only now

        post_migrate.connect(ensure_role_groups, dispatch_uid="accounts.ensure_role_groups")
