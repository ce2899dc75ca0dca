"""The pack e-mail: in the participant's language, with links and PDFs, large files linked
not attached, a one-line subject.
"""

from __future__ import annotations

import pytest
from django.core import mail

from briefings.models import DeliveryStatus
from tests.briefings.delivery.backends import send_pack
from tests.briefings.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def test_the_email_is_in_the_participants_language_with_links_and_pdfs(
    pack_setup, django_capture_on_commit_callbacks, settings
):
    pack, people = pack_setup
    settings.SITE_URL = "https://peer.example"
    send_pack(pack, django_capture_on_commit_callbacks)
    message = next(m for m in mail.outbox if m.to == [people["accepted"].email])
    assert message.subject == "ชุดเอกสารบรรยายสรุป: การประชุมกรุงเทพฯ"
    assert "การจัดการรายกรณีสำหรับเด็ก" in message.body
    own, platform = pack.briefings.order_by("pk")
    assert f"https://peer.example/portal/briefings/{own.pk}/" in message.body
    assert f"https://peer.example/portal/briefings/{platform.pk}/" in message.body
    attached = [p for p in message.message().walk() if p.get_content_disposition() == "attachment"]
    assert [(p.get_filename()[-7:], p.get_content_type()) for p in attached] == [
        ("-th.pdf", "application/pdf"),
        ("-th.pdf", "application/pdf"),
    ]
    assert attached[0].get_payload(decode=True) == PDF_BYTES + b"%rendered th"
    assert message.extra_headers["Message-ID"] == (
        f"<briefing-pack-{pack.pk}.{people['accepted'].pk}@peer-learning.example>"
    )


def test_large_files_are_linked_not_attached(
    pack_setup, django_capture_on_commit_callbacks, settings
):
    pack, _people = pack_setup
    settings.PACK_ATTACHMENT_MAX_BYTES = 10
    send_pack(pack, django_capture_on_commit_callbacks)
    assert all(m.attachments == [] for m in mail.outbox)
    assert all("/portal/briefings/" in m.body for m in mail.outbox)


def test_a_convening_title_with_line_breaks_gives_a_one_line_subject(
    pack_setup, django_capture_on_commit_callbacks
):
    pack, _people = pack_setup
    pack.convening.title_th = "การประชุม\r\nกรุงเทพฯ\u2028ปี 2026"
    pack.convening.save()
    assert send_pack(pack, django_capture_on_commit_callbacks) == 2
    assert {m.subject for m in mail.outbox} == {"ชุดเอกสารบรรยายสรุป: การประชุม กรุงเทพฯ ปี 2026"}
    for message in mail.outbox:
        message.message()  # valid headers
    assert set(pack.deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}
