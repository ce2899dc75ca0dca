from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConveningsConfig(AppConfig):
    name = "convenings"
    verbose_name = _("Convenings")

    def ready(self):
        from .deletable import register_kinds  # noqa: PLC0415  deletable needs the models loaded, so not before ready()

        register_kinds()
