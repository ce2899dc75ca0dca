"""The demo briefings: deterministic, idempotent, with deliberate gaps in translation."""

import pytest

from briefings import demo
from briefings.models import Briefing, BriefingFile, BriefingPack, PackDelivery
from convenings.models import ConveningStatus, InvitationStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_seed_twice_adds_nothing_the_second_time(fast_pdf):
    held = factories.ConveningFactory(status=ConveningStatus.HELD, title_th="การประชุม")
    for n in range(5):
        factories.InvitationFactory(
            convening=held,
            status=InvitationStatus.DECLINED if n == 0 else InvitationStatus.ACCEPTED,
        )
    for _ in range(3):
        factories.ConveningFactory()
    demo.seed()
    counts = (
        Briefing.objects.count(),
        BriefingFile.objects.count(),
        BriefingPack.objects.count(),
        PackDelivery.objects.count(),
    )
    assert counts == (4 + 4, 1, 1, 4)
    demo.seed()
    assert (
        Briefing.objects.count(),
        BriefingFile.objects.count(),
        BriefingPack.objects.count(),
        PackDelivery.objects.count(),
    ) == counts
    # Some translations are missing on purpose, to show the fallback notice.
    missing_th = [
        b for b in Briefing.objects.filter(status="published") if not b.has_translation("th")
    ]
    assert missing_th
    thai_titles = Briefing.objects.filter(convening=held).values_list("title_th", flat=True)
    assert list(thai_titles) == ["กำหนดการและข้อมูลการศึกษาดูงาน: การประชุม"]
