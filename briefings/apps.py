from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefingsConfig(AppConfig):
    name = "briefings"
    verbose_name = _("Briefings")

    def ready(self):
        # The models are loaded by now; operations learns what this app can delete and
        # which of its queued work may get stuck (operations imports no app).
        from operations.health import register_stuck_work  # noqa: PLC0415  AppConfig.ready: operations' registry is filled once the models are loaded

        from .deletable import register_kinds  # noqa: PLC0415  AppConfig.ready: the models are loaded only now
        from .selectors import oldest_unsent_delivery_at  # noqa: PLC0415  AppConfig.ready: the models are loaded only now

        register_kinds()
        register_stuck_work("packs", oldest_unsent_delivery_at)
