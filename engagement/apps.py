from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = _("Between meetings")

    def ready(self):
        # The models are loaded by now; operations learns what this app can delete and
        # which of its queued work may get stuck (operations imports no app), and
        # participants' protection re-check learns to check published meeting notes
        # (participants imports nothing from engagement).
        from convenings.views.portal import register_feedback_due  # noqa: PLC0415  apps.py loads before the models; ready() is the first moment they may be imported
        from operations.health import register_stuck_work  # noqa: PLC0415  apps.py loads before the models; ready() is the first moment they may be imported
        from participants.protection_services import register_recheck  # noqa: PLC0415  apps.py loads before the models; ready() is the first moment they may be imported

        from . import notes_recheck  # noqa: PLC0415  apps.py loads before the models; ready() is the first moment they may be imported
        from .deletable import register_kinds  # noqa: PLC0415  apps.py loads before the models; ready() is the first moment they may be imported
        from .selectors import feedback_due_on, oldest_unsent_followup_at  # noqa: PLC0415  apps.py loads before the models; ready() is the first moment they may be imported

        register_kinds()
        register_stuck_work("followups", oldest_unsent_followup_at)
        register_recheck(notes_recheck.OBJECT_TYPE, notes_recheck.recheck_published_notes)
        register_feedback_due(feedback_due_on)
