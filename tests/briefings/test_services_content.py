"""Publishing and going back to draft are separate actions, each confirmed on a page of
its own; "Save and publish" is one service call in one transaction."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.models import AuditEntry
from briefings import services
from briefings.models import Briefing, BriefingStatus, DeliveryStatus, PackDelivery
from participants.models import Visibility
from tests import factories
from tests.briefings.factories import BriefingFactory

pytestmark = pytest.mark.django_db


def test_publishing_asks_first_and_publishes_only_when_confirmed(staff_client, convening):
    draft = BriefingFactory(convening=convening, status=BriefingStatus.DRAFT, title_th="")
    url = reverse("briefings:staff-publish", args=[draft.pk])
    detail = staff_client.get(reverse("briefings:staff-detail", args=[draft.pk])).text
    assert f'href="{url}"' in detail  # a link to the confirmation, not a toggle

    for response in (staff_client.get(url), staff_client.post(url)):
        assert response.status_code == 200
        assert "Publish this briefing?" in response.text
        assert "Everyone invited to Bangkok convening will see it" in response.text
        assert re.search(r"Not complete in: [^.]*Thai\.", response.text)
    draft.refresh_from_db()
    assert draft.status == BriefingStatus.DRAFT

    response = staff_client.post(url, {"confirm": "1"}, follow=True)
    assert "Briefing published." in response.text
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (BriefingStatus.PUBLISHED, 1)


def test_back_to_draft_says_what_it_means_for_the_packs_that_include_it(
    staff_client, convening, staff_user
):
    briefing = BriefingFactory(convening=convening)
    pack = services.create_pack(convening=convening, briefings=[briefing], by=staff_user)
    for status in (DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.FAILED):
        PackDelivery.objects.create(
            pack=pack, participant=factories.ParticipantFactory(), status=status
        )
    url = reverse("briefings:staff-unpublish", args=[briefing.pk])
    response = staff_client.get(url)
    assert "Put this briefing back to draft?" in response.text
    assert "It is in 1 briefing pack, e-mailed to 2 people." in response.text
    assert reverse("briefings:staff-pack", args=[pack.pk]) in response.text
    briefing.refresh_from_db()
    assert briefing.is_published

    staff_client.post(url, {"confirm": "1"})
    briefing.refresh_from_db()
    assert briefing.status == BriefingStatus.DRAFT
    assert AuditEntry.objects.filter(action="briefing.unpublished").count() == 1
    # Publishing again goes through its own confirmation, not the same button.
    assert (
        "Publish this briefing?"
        in staff_client.get(reverse("briefings:staff-publish", args=[briefing.pk])).text
    )


def test_back_to_draft_of_a_briefing_in_no_pack_says_so(staff_client, convening):
    briefing = BriefingFactory(convening=convening)
    response = staff_client.get(reverse("briefings:staff-unpublish", args=[briefing.pk]))
    assert "No briefing pack includes it." in response.text


def test_save_and_publish_is_one_transaction_refused_whole_for_a_protected_name(
    staff_client, convening
):
    factories.ParticipantFactory(full_name="Siriwan Hiddenperson", visibility=Visibility.HIDDEN)
    draft = BriefingFactory(
        convening=convening, status=BriefingStatus.DRAFT, body_en="Old text.", title_th=""
    )
    data = {"convening": convening.pk, "title_en": draft.title_en}
    response = staff_client.post(
        reverse("briefings:staff-edit", args=[draft.pk]),
        {**data, "body_en": "As Siriwan Hiddenperson said.", "publish": "1"},
    )
    assert response.status_code == 200
    assert "who may not be named to participants" in response.text
    draft.refresh_from_db()
    # Neither saved nor published: the form still holds what was typed.
    assert (draft.status, draft.body_en) == (BriefingStatus.DRAFT, "Old text.")
    assert "As Siriwan Hiddenperson said." in response.text

    response = staff_client.post(
        reverse("briefings:staff-edit", args=[draft.pk]),
        {**data, "body_en": "New text.", "publish": "1"},
    )
    draft.refresh_from_db()
    assert (draft.status, draft.body_en, draft.version) == (
        BriefingStatus.PUBLISHED,
        "New text.",
        1,
    )
    assert (
        AuditEntry.objects.filter(action__in=["briefing.updated", "briefing.published"]).count()
        == 2
    )


def test_a_new_briefing_saved_and_published_with_a_protected_name_is_not_created(
    staff_client, convening
):
    factories.ParticipantFactory(full_name="Siriwan Hiddenperson", visibility=Visibility.HIDDEN)
    response = staff_client.post(
        reverse("briefings:staff-create"),
        {"title_en": "About Siriwan Hiddenperson", "body_en": "Text.", "publish": "1"},
    )
    assert response.status_code == 200
    assert not Briefing.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "participant"])
def test_nobody_but_staff_can_publish_or_unpublish(client, participant_client, convening, role):
    draft = BriefingFactory(convening=convening, status=BriefingStatus.DRAFT)
    published = BriefingFactory(convening=convening)
    who = client if role == "anonymous" else participant_client
    for name, briefing in (("staff-publish", draft), ("staff-unpublish", published)):
        response = who.post(reverse(f"briefings:{name}", args=[briefing.pk]), {"confirm": "1"})
        assert response.status_code == (302 if role == "anonymous" else 403)
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (BriefingStatus.DRAFT, BriefingStatus.PUBLISHED)
