"""Rendered pages kept per session (platform_site/page_cache.py): fast, never stale, never shared."""

from __future__ import annotations

import datetime as dt
import socket
import time

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from convenings.models import Convening
from participants.models import Participant
from platform_site import page_cache
from platform_site.cache import ResilientRedisCache
from tests import factories

pytestmark = pytest.mark.django_db

HOME = "convenings:portal-home"


@pytest.fixture
def invitation(participant):
    return factories.InvitationFactory(participant=participant, convening__title="Kuala Lumpur")


def _get(client: Client, name: str, *args) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_second_visit_is_served_without_the_pages_own_queries(invitation, participant_client):
    _get(participant_client, HOME)  # sets the CSRF cookie the forms need
    first, rendering = _get(participant_client, HOME)
    second, served = _get(participant_client, HOME)
    assert second == first
    assert "Kuala Lumpur" in second
    # The session, the user with their participant record and the page: all from the cache.
    assert rendering > 0
    assert served == 0


def test_any_write_shows_on_the_next_visit_even_without_model_signals(
    invitation, participant_client
):
    _get(participant_client, HOME)
    _get(participant_client, HOME)
    # A queryset update sends no signals: the write itself must invalidate.
    Convening.objects.filter(pk=invitation.convening_id).update(title_en="Penang")
    body, _ = _get(participant_client, HOME)
    assert "Penang" in body
    assert "Kuala Lumpur" not in body


def test_a_write_committed_by_a_transaction_bumps_the_version_again_at_commit(invitation):
    before = page_cache.data_version()
    with transaction.atomic():
        Convening.objects.filter(pk=invitation.convening_id).update(title_en="Penang")
        Convening.objects.filter(pk=invitation.convening_id).update(title_en="Melaka")
        during = page_cache.data_version()
        waiting = [f for _s, f, _r in connection.run_on_commit if f is page_cache.bump]
    assert during != before
    # Once per transaction, however many writes it holds (pytest's own transaction
    # keeps this one from committing, so look at what is waiting for the commit).
    assert len(waiting) == 1


def test_session_writes_do_not_empty_the_cache(participant_client, invitation):
    _get(participant_client, HOME)
    version = page_cache.data_version()
    participant_client.session.save()
    Client().get(reverse("account_login"))  # an anonymous visit writes nothing either
    assert page_cache.data_version() == version


def test_pages_are_never_shared_between_sessions(participant, invitation, participant_client):
    other_user = factories.UserFactory(email="other@example.org")
    factories.ParticipantFactory(user=other_user, email=other_user.email, full_name="Other Person")
    other = Client()
    other.force_login(other_user)
    _get(participant_client, HOME)
    _get(participant_client, HOME)
    _get(other, HOME)
    body, _ = _get(other, HOME)
    assert "Kuala Lumpur" not in body
    # The same person signed in again gets a new session and a fresh page.
    again = Client()
    again.force_login(participant.user)
    _get(again, HOME)
    body, _ = _get(again, HOME)
    assert "Kuala Lumpur" in body


def test_a_revoked_role_is_refused_before_any_stored_page(staff_user, staff_client):
    _get(staff_client, "participants:staff-directory")
    _get(staff_client, "participants:staff-directory")
    staff_user.groups.remove(Group.objects.get(name="secretariat"))
    response = staff_client.get(reverse("participants:staff-directory"))
    assert response.status_code == 403


def test_a_page_in_a_new_language_is_rendered_in_that_language(
    participant, invitation, participant_client
):
    _get(participant_client, HOME)
    english, _ = _get(participant_client, HOME)
    Participant.objects.filter(pk=participant.pk).update(preferred_language="th")
    thai, _ = _get(participant_client, HOME)
    assert thai != english
    assert 'lang="th"' in thai


def test_a_page_showing_a_message_is_not_kept(participant, participant_client):
    past = factories.InvitationFactory(
        participant=participant,
        status="attended",
        convening__start_date=timezone.localdate() - dt.timedelta(days=400),
        convening__end_date=timezone.localdate() - dt.timedelta(days=399),
    )
    pk = past.convening_id
    _get(participant_client, "convenings:portal-detail", pk)
    _get(participant_client, "convenings:portal-detail", pk)  # now kept
    # Replying to a past convening leaves a message for the page it sends you back to.
    redirected = participant_client.get(reverse("convenings:portal-reply", args=[pk]))
    assert redirected.status_code == 302
    shown, _ = _get(participant_client, "convenings:portal-detail", pk)
    assert "no longer takes replies" in shown
    after, _ = _get(participant_client, "convenings:portal-detail", pk)
    assert "no longer takes replies" not in after


def test_turned_off_with_zero_seconds(settings, invitation, participant_client):
    settings.PAGE_CACHE_SECONDS = 0
    _get(participant_client, HOME)
    _, first = _get(participant_client, HOME)
    _, second = _get(participant_client, HOME)
    assert second == first > 0


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_redis_cache_misses_instead_of_failing():
    cache = ResilientRedisCache(f"redis://127.0.0.1:{_closed_port()}/1", {})
    started = time.monotonic()
    assert cache.get("k", "default") == "default"
    assert cache.set("k", "v") is None
    assert cache.add("k", "v") is True  # allauth reads False as "locked"
    assert cache.get_many(["a", "b"]) == {}
    with pytest.raises(ValueError, match="not found"):
        cache.incr("counter")
    # One failed connection, then calls skip the server for a while.
    assert time.monotonic() - started < 2


def test_a_signed_out_session_is_refused_at_once(invitation, participant_client):
    _get(participant_client, HOME)
    stolen = Client()
    for name, morsel in participant_client.cookies.items():  # the same session, copied
        stolen.cookies[name] = morsel.value
    _get(stolen, HOME)
    _get(stolen, HOME)  # session, user and page now kept in the cache
    participant_client.post(reverse("account_logout"))
    response = stolen.get(reverse(HOME))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_deactivated_account_is_refused_at_once(participant, invitation, participant_client):
    _get(participant_client, HOME)
    _get(participant_client, HOME)
    type(participant.user).objects.filter(pk=participant.user_id).update(is_active=False)
    response = participant_client.get(reverse(HOME))
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_outside_tests_the_version_changes_when_the_write_is_committed():
    convening = factories.ConveningFactory(title_en="Kuala Lumpur")
    before = page_cache.data_version()
    with transaction.atomic():
        Convening.objects.filter(pk=convening.pk).update(title_en="Penang")
        # Nobody else can see the change yet, so what they keep stays good.
        assert page_cache.data_version() == before
        page_cache.set_current("page-cache:test", "read inside", version=before)
    assert page_cache.data_version() != before
    assert page_cache.get_current("page-cache:test") is None


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_leaves_nothing_behind():
    convening = factories.ConveningFactory(title_en="Kuala Lumpur")
    before = page_cache.data_version()

    @transaction.atomic
    def change_then_fail():
        Convening.objects.filter(pk=convening.pk).update(title_en="Penang")
        page_cache.set_current("page-cache:rolled-back", "Penang")
        raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert page_cache.data_version() == before
    assert page_cache.get_current("page-cache:rolled-back") is None
