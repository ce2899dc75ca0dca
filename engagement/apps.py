from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = _("Between meetings")

    def ready(self):
        # The models are loaded by now; operations learns what this app can delete and
        # which of its queued work may get stuck (operations imports no app).
        from operations.health import register_stuck_work

        from .deletable import register_kinds
        from .selectors import oldest_unsent_followup_at

        register_kinds()
        register_stuck_work("followups", oldest_unsent_followup_at)
