from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConveningsConfig(AppConfig):
    name = "convenings"
    verbose_name = _("Convenings")

    def ready(self):
        from .deletable import register_kinds  # noqa: PLC0415  deletable needs the models loaded, so not before ready()

        register_kinds()
        # Participants' report figures learn who took part; participants imports no convenings.
        from participants.selectors import register_took_part  # noqa: PLC0415  apps.py loads before the models

        from .selectors import took_part_between  # noqa: PLC0415  apps.py loads before the models

        register_took_part(took_part_between)

        # Branch visa: erasing a person removes their visa details and letters (rows and
        # files); the counts go into the erasure's audit entry.
        from accounts.signals import person_erased  # noqa: PLC0415  apps.py loads before the models

        from .services.visa import forget_visa_data_after_erasure  # noqa: PLC0415  apps.py loads before the models

        person_erased.connect(forget_visa_data_after_erasure, dispatch_uid="convenings.visa")
