"""The participant's Briefings page: language, fallback notice, downloads, query count."""

import pytest
from django.urls import reverse

from accounts import services as account_services
from briefings.models import BriefingDownload
from tests.briefings.factories import PDF_BYTES, BriefingFactory, thai, upload

pytestmark = pytest.mark.django_db

NOTICE_TH = "ยังไม่มีฉบับภาษาของคุณ จึงแสดงเป็นภาษาอังกฤษ"


@pytest.fixture
def thai_participant(participant, invitation):
    account_services.set_language(user=participant.user, language="th")
    participant.refresh_from_db()
    return participant


def test_briefings_show_in_my_language_and_english_with_a_notice_where_missing(
    participant_client, thai_participant, convening
):
    thai(BriefingFactory(convening=convening))
    BriefingFactory(convening=convening, title_en="Community placement: what works")
    html = participant_client.get(reverse("briefings:portal-list")).content.decode()
    assert "การจัดการรายกรณีสำหรับเด็ก" in html
    assert "Community placement: what works" in html
    assert html.count(NOTICE_TH) == 1


def test_the_detail_page_says_when_it_falls_back_to_english(
    participant_client, thai_participant, convening
):
    translated = thai(BriefingFactory(convening=convening))
    english_only = BriefingFactory(convening=convening, body_en="Only in English.")
    html = participant_client.get(
        reverse("briefings:portal-detail", args=[english_only.pk])
    ).content.decode()
    assert "Only in English." in html
    assert NOTICE_TH in html
    html = participant_client.get(
        reverse("briefings:portal-detail", args=[translated.pk])
    ).content.decode()
    assert "เริ่มต้นที่การคัดกรอง" in html
    assert NOTICE_TH not in html


def test_the_file_in_my_language_else_english_with_a_notice(
    participant_client, thai_participant, convening, staff_user
):
    from briefings import services

    briefing = thai(BriefingFactory(convening=convening))
    services.upload_briefing_file(
        briefing=briefing, language="en", upload=upload("en.pdf", PDF_BYTES + b"en"), by=staff_user
    )
    detail = reverse("briefings:portal-detail", args=[briefing.pk])
    file_url = reverse("briefings:portal-file", args=[briefing.pk])
    assert "ไฟล์นี้ยังไม่มีในภาษาของคุณ" in participant_client.get(detail).content.decode()
    assert b"".join(participant_client.get(file_url).streaming_content).endswith(b"en")
    services.upload_briefing_file(
        briefing=briefing, language="th", upload=upload("th.pdf", PDF_BYTES + b"th"), by=staff_user
    )
    assert "ไฟล์นี้ยังไม่มีในภาษาของคุณ" not in participant_client.get(detail).content.decode()
    response = participant_client.get(file_url)
    assert b"".join(response.streaming_content).endswith(b"th")
    assert response["Content-Disposition"].endswith('-th.pdf"')


def test_each_download_is_logged(participant_client, thai_participant, convening, fast_pdf):
    briefing = BriefingFactory(convening=convening)
    participant_client.get(reverse("briefings:portal-pdf", args=[briefing.pk]))
    participant_client.get(reverse("briefings:portal-pdf", args=[briefing.pk]) + "?language=id")
    rows = list(
        BriefingDownload.objects.order_by("id").values_list(
            "participant_id", "briefing_id", "language", "format"
        )
    )
    assert rows == [
        (thai_participant.pk, briefing.pk, "th", "pdf"),
        (thai_participant.pk, briefing.pk, "id", "pdf"),
    ]


def test_an_unknown_pdf_language_is_404(participant_client, invitation, convening, fast_pdf):
    briefing = BriefingFactory(convening=convening)
    url = reverse("briefings:portal-pdf", args=[briefing.pk]) + "?language=xx"
    assert participant_client.get(url).status_code == 404


@pytest.mark.parametrize("count", [1, 3, 10])
def test_the_briefings_page_makes_the_same_queries_for_1_3_and_10_briefings(
    participant_client, invitation, convening, django_assert_num_queries, staff_user, count
):
    from briefings import services

    for i in range(count):
        own = BriefingFactory(convening=convening)
        services.upload_briefing_file(
            briefing=own, language="en", upload=upload(f"{i}.pdf", PDF_BYTES), by=staff_user
        )
        BriefingFactory(convening=None)
    # 1 user, 2 their participant record (session: cache), 3 the briefings with their
    # convening, 4 their files (prefetch), 5 groups (role flags in the navigation),
    # 6-8 savepoint, session update (idle timeout), release.
    with django_assert_num_queries(8):
        response = participant_client.get(reverse("briefings:portal-list"))
    assert response.content.decode().count('class="briefing-title"') == 2 * count
