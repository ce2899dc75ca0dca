"""One person's copy of something sent by e-mail (a briefing pack, a convening message):
the fields every delivery row shares, so both are queued, tried and logged alike.

Each concrete delivery adds what it is a copy of, the person (`participant`), its own
status choices (a pack delivery is also claimed as "sending"; both have "queued" and
"failed") and its constraints.

`requeue_failed(deliveries)`: the one way failed copies are queued again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

QUEUED = "queued"
FAILED = "failed"


class Delivery(models.Model):
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        abstract = True


def requeue_failed(deliveries: QuerySet) -> list[int]:
    """Queue the failed ones of `deliveries` again, each in the language its person prefers
    now (they may have changed it since); their ids. Call inside the service's transaction:
    the rows are locked first, so two retries at once queue each copy once."""
    ids = list(deliveries.select_for_update().filter(status=FAILED).values_list("pk", flat=True))
    # The person's model, from the relation: this app stands below the one that defines it.
    person = deliveries.model._meta.get_field("participant").related_model
    deliveries.model._default_manager.filter(pk__in=ids, status=FAILED).update(
        status=QUEUED,
        queued_at=timezone.now(),
        language=Subquery(
            person._default_manager.filter(pk=OuterRef("participant_id")).values(
                "preferred_language"
            )[:1]
        ),
    )
    return ids
