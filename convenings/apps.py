from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConveningsConfig(AppConfig):
    name = "convenings"
    verbose_name = _("Convenings")
