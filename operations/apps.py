from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = _("Operations")

    def ready(self):
        # Every erasure is noted in the ledger (accounts imports no operations code).
        from accounts.signals import erasure_begun  # noqa: PLC0415  AppConfig.ready: the models are loaded only now

        from .ledger import note_erasure_begun  # noqa: PLC0415  AppConfig.ready: the models are loaded only now

        erasure_begun.connect(note_erasure_begun, dispatch_uid="operations.ledger")
