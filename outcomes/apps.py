from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Outcomes")

    def ready(self):
        # The models are loaded by now; operations learns what this app can delete and
        # which of its queued work may get stuck (operations imports no app).
        from operations.health import register_stuck_work  # noqa: PLC0415  apps.py loads before the models; ready() is the first moment they may be imported

        from .deletable import register_kinds  # noqa: PLC0415  apps.py loads before the models; ready() is the first moment they may be imported
        from .selectors import oldest_unfinished_report_at  # noqa: PLC0415  apps.py loads before the models; ready() is the first moment they may be imported

        register_kinds()
        register_stuck_work("reports", oldest_unfinished_report_at)
        # An erasure renders the stored reports again (accounts imports no outcomes code).
        from accounts.signals import person_erased  # noqa: PLC0415  AppConfig.ready: the models are loaded only now

        from .services import render_reports_after_erasure  # noqa: PLC0415  AppConfig.ready: the models are loaded only now

        person_erased.connect(render_reports_after_erasure, dispatch_uid="outcomes.reports")
        # A champion's report consent or visibility changed (participants.signals).
        from participants.signals import report_naming_changed  # noqa: PLC0415  AppConfig.ready: the models are loaded only now

        from .report_naming import reports_after_naming_change  # noqa: PLC0415  AppConfig.ready: the models are loaded only now

        report_naming_changed.connect(reports_after_naming_change, dispatch_uid="outcomes.naming")
