"""Staff pages: writing in four languages, completeness, publishing and versions."""

import uuid

import pytest
from django.urls import reverse

from briefings.models import Briefing
from tests import factories
from tests.briefings.factories import BriefingFactory, thai

pytestmark = pytest.mark.django_db


def test_staff_write_in_english_and_thai_then_publish(staff_client, convening):
    response = staff_client.post(
        reverse("briefings:staff-create"),
        {
            "convening": convening.pk,
            "title_en": "Screening and referral",
            "body_en": "Screen early.",
            "title_th": "การคัดกรองและการส่งต่อ",
            "body_th": "คัดกรองตั้งแต่เนิ่น ๆ",
        },
    )
    assert response.status_code == 302
    briefing = Briefing.objects.get()
    assert (briefing.status, briefing.version) == ("draft", 0)
    assert briefing.title_th == "การคัดกรองและการส่งต่อ"
    staff_client.post(reverse("briefings:staff-publish", args=[briefing.pk]), {"confirm": "1"})
    briefing.refresh_from_db()
    assert (briefing.status, briefing.version) == ("published", 1)
    # A change to a published briefing is a new version; saving unchanged is not.
    data = {
        "convening": convening.pk,
        "title_en": "Screening and referral",
        "body_en": "Screen early, refer fast.",
        "title_th": "การคัดกรองและการส่งต่อ",
        "body_th": "คัดกรองตั้งแต่เนิ่น ๆ",
    }
    staff_client.post(reverse("briefings:staff-edit", args=[briefing.pk]), data)
    staff_client.post(reverse("briefings:staff-edit", args=[briefing.pk]), data)
    briefing.refresh_from_db()
    assert briefing.version == 2
    assert briefing.body_en == "Screen early, refer fast."


def test_an_english_title_is_required_and_the_error_sits_beside_it(staff_client):
    response = staff_client.post(reverse("briefings:staff-create"), {"title_th": "ชื่อ"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_title_en_error"' in html
    assert 'aria-describedby="id_title_en_error"' in html
    assert not Briefing.objects.exists()


def test_the_list_shows_translation_completeness_per_language(staff_client):
    briefing = thai(BriefingFactory(title_en="Case management"))
    briefing.title_ind = "Manajemen kasus"
    briefing.save()
    html = staff_client.get(reverse("briefings:staff-list")).content.decode()
    # en and th complete (3/3), id has the title only (1/3), ms nothing (0/3).
    assert html.count('badge-ok">3/3') == 2
    assert 'badge-warn">1/3' in html
    assert 'badge-bad">0/3' in html


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("params", [{}, {"q": "BRIEFING", "status": "published", "sort": "-for"}])
def test_the_staff_list_makes_the_same_queries_for_1_and_3_briefings(
    staff_client, django_assert_num_queries, count, params
):
    for _ in range(count):
        BriefingFactory(title_en="Briefing on care")
    # 1 user, 2 their participant record (session: cache), 3 groups (staff_required),
    # 4 how many briefings (pages), 5 the page of briefings with convening and author,
    # 6 their files (prefetch), 7-9 savepoint, session update (idle timeout), release.
    with django_assert_num_queries(9):
        response = staff_client.get(reverse("briefings:staff-list"), params)
    assert len(response.context["rows"]) == count


def test_the_delivery_panel_polls_only_while_something_is_queued(
    staff_client, convening, staff_user
):
    from briefings.models import BriefingPack, DeliveryStatus, PackDelivery

    pack = BriefingPack.objects.create(convening=convening, created_by=staff_user)
    delivery = PackDelivery.objects.create(
        pack=pack, participant=factories.ParticipantFactory(), language="en"
    )
    url = reverse("briefings:staff-pack-status", args=[pack.pk])
    html = staff_client.get(url).content.decode()
    assert f'hx-get="{url}"' in html
    assert 'hx-trigger="every 3s"' in html
    PackDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, last_error="SMTPDataError: 554 rejected"
    )
    html = staff_client.get(url).content.decode()
    assert "hx-get" not in html
    assert "SMTPDataError: 554 rejected" in html
    assert reverse("briefings:staff-pack-retry", args=[pack.pk]) in html


def test_building_a_pack_from_the_page_sends_it(
    staff_client, convening, staff_user, fast_pdf, django_capture_on_commit_callbacks, mailoutbox
):
    from briefings.models import BriefingPack

    invited = factories.InvitationFactory(convening=convening, status="accepted")
    briefing = BriefingFactory(convening=convening)
    url = reverse("briefings:staff-convening-packs", args=[convening.pk])
    response = staff_client.post(url, {})
    assert 'id="id_briefings_error"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        data = {"briefings": [briefing.pk], "send_key": uuid.uuid4()}
        preview = staff_client.post(url, data)
        assert not BriefingPack.objects.exists()
        assert mailoutbox == []
        assert "Check the pack before it goes out" in preview.text
        response = staff_client.post(url, {**data, "confirm": "1"})
    pack = BriefingPack.objects.get()
    assert response["Location"] == reverse("briefings:staff-pack", args=[pack.pk])
    assert [m.to for m in mailoutbox] == [[invited.participant.email]]


@pytest.mark.parametrize("count", [1, 3])
def test_the_pack_convenings_list_makes_the_same_queries_for_1_and_3(
    staff_client, django_assert_num_queries, count
):
    for _ in range(count):
        factories.ConveningFactory()
    # 1 user, 2 their participant record (session: cache), 3 groups, 4 convenings with their pack counts,
    # 5-7 savepoint, session update, release.
    with django_assert_num_queries(7):
        html = staff_client.get(reverse("briefings:staff-pack-convenings")).content.decode()
    assert html.count("/staff/briefings/packs/convening/") == count


@pytest.mark.parametrize("count", [1, 3])
def test_a_convenings_packs_page_makes_the_same_queries_for_1_and_3_packs(
    staff_client, convening, staff_user, django_assert_num_queries, count
):
    from briefings.models import BriefingPack

    briefing = BriefingFactory(convening=convening)
    for _ in range(count):
        pack = BriefingPack.objects.create(convening=convening, created_by=staff_user)
        pack.briefings.set([briefing])
    # 1 user, 2 their participant record (session: cache), 3 groups, 4 the convening, 5 its packs with
    # delivery counts, 6 their briefings (prefetch), 7 whether any briefing can go in a
    # new pack, 8 those briefings for the checkboxes (the widget queries again),
    # 9-11 savepoint, session update, release.
    with django_assert_num_queries(11):
        html = staff_client.get(
            reverse("briefings:staff-convening-packs", args=[convening.pk])
        ).content.decode()
    assert html.count('href="/staff/briefings/packs/') - html.count("/packs/convening/") == count


def test_staff_read_briefing_titles_in_their_own_language(staff_user, staff_client):
    BriefingFactory(title_en="Case management", title_th="การจัดการรายกรณี")
    BriefingFactory(title_en="Only in English")
    staff_user.language = "th"
    staff_user.save(update_fields=["language"])
    body = staff_client.get(reverse("briefings:staff-list")).content.decode()
    assert "การจัดการรายกรณี" in body
    assert "Case management" not in body
    assert "Only in English" in body  # no Thai title yet: the English one stands in


def test_the_staff_list_searches_titles_in_any_language_and_sorts(staff_client):
    care = BriefingFactory(title_en="Case management", title_th="การจัดการรายกรณี")
    draft = BriefingFactory(title_en="Alternatives to detention", status="draft")
    url = reverse("briefings:staff-list")

    def found(**params):
        return [row["briefing"].pk for row in staff_client.get(url, params).context["rows"]]

    assert found(q="MANAGEMENT") == [care.pk]
    assert found(q="รายกรณี") == [care.pk]
    assert found(status="draft") == [draft.pk]
    assert found(sort="title") == [draft.pk, care.pk]
    assert found(sort="-title") == [care.pk, draft.pk]
    page = staff_client.get(url, {"q": "case", "sort": "title"}).content.decode()
    assert 'value="case"' in page
    assert 'aria-sort="ascending"><a class="sort-link" href="?q=case&amp;sort=-title"' in page


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "No briefing matches this search."),
        ("id", "Tidak ada bahan pengarahan yang cocok dengan pencarian ini."),
        ("ms", "Tiada taklimat yang sepadan dengan carian ini."),
        ("th", "ไม่มีเอกสารบรรยายสรุปที่ตรงกับการค้นหานี้"),
    ],
)
def test_an_empty_briefing_search_says_so_translated(staff_client, staff_user, language, text):
    from accounts import services as account_services

    BriefingFactory()
    account_services.set_language(user=staff_user, language=language)
    body = staff_client.get(reverse("briefings:staff-list"), {"q": "zzz"}).content.decode()
    assert text in body
