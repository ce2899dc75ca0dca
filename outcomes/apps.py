from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Outcomes")

    def ready(self):
        # The models are loaded by now; operations learns what this app can delete and
        # which of its queued work may get stuck (operations imports no app).
        from operations.health import register_stuck_work

        from .deletable import register_kinds
        from .selectors import oldest_unfinished_report_at

        register_kinds()
        register_stuck_work("reports", oldest_unfinished_report_at)
        # An erasure renders the stored reports again (accounts imports no outcomes code).
        from accounts.signals import person_erased  # noqa: PLC0415  AppConfig.ready: the models are loaded only now

        from .services import render_reports_after_erasure  # noqa: PLC0415  AppConfig.ready: the models are loaded only now

        person_erased.connect(render_reports_after_erasure, dispatch_uid="outcomes.reports")
