from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConveningsConfig(AppConfig):
    name = "convenings"
    verbose_name = _("Convenings")

    def ready(self):
        from .deletable import register_kinds  # the models are loaded by now

        register_kinds()
