"""The delivery base: every concrete delivery speaks the statuses `requeue_failed` uses."""

import pytest

from briefings.models import DeliveryStatus, PackDelivery
from common import deliveries
from convenings.models import MessageDelivery, MessageDeliveryStatus


@pytest.mark.parametrize(
    ("model", "status"),
    [(PackDelivery, DeliveryStatus), (MessageDelivery, MessageDeliveryStatus)],
)
def test_every_delivery_has_the_shared_fields_and_statuses(model, status):
    assert issubclass(model, deliveries.Delivery)
    assert (status.QUEUED, status.FAILED) == (deliveries.QUEUED, deliveries.FAILED)
    assert model._meta.get_field("participant").related_model.__name__ == "Participant"
