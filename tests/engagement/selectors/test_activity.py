"""Engagement figures (engagement/selectors/activity.py): quiet participants, activity,
briefing downloads, totals by country."""

import datetime as dt

import pytest
from django.utils import timezone

from engagement import selectors
from engagement.models import ActionUpdate
from participants.models import Participant
from tests.engagement.factories import FollowUpActionFactory, past_convening
from tests.factories import InvitationFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def _joined_long_ago(person):
    long_ago = timezone.now() - dt.timedelta(days=900)
    Participant.objects.filter(pk=person.pk).update(created_at=long_ago)


def _row(person, **kwargs):
    return next(r for r in selectors.engagement_rows(**kwargs) if r.participant.pk == person.pk)


def test_someone_without_activity_for_long_is_quiet_and_activity_wakes_them(settings):
    settings.QUIET_PARTICIPANT_DAYS = 180
    person = ParticipantFactory(user=UserFactory())
    _joined_long_ago(person)
    assert _row(person).quiet is True
    assert _row(person).last_activity is None

    action = FollowUpActionFactory(owner=person)
    ActionUpdate.objects.create(action=action, text="Moving", author=person.user)
    row = _row(person)
    assert row.quiet is False
    assert row.last_activity == timezone.localdate()
    assert row.actions_open == 1


def test_attending_a_convening_counts_as_activity(settings):
    settings.QUIET_PARTICIPANT_DAYS = 180
    person = ParticipantFactory()
    _joined_long_ago(person)
    InvitationFactory(convening=past_convening(days_ago=400), participant=person, status="attended")
    assert _row(person).quiet is True
    InvitationFactory(convening=past_convening(days_ago=20), participant=person, status="attended")
    row = _row(person)
    assert row.quiet is False
    assert row.last_activity == timezone.localdate() - dt.timedelta(days=20)


def test_newcomers_are_not_quiet():
    assert _row(ParticipantFactory()).quiet is False


def test_by_country_adds_up():
    a = ParticipantFactory()
    ParticipantFactory(country=a.country)
    FollowUpActionFactory(owner=a, status="done")
    rows = selectors.engagement_by_country(selectors.engagement_rows())
    mine = next(r for r in rows if r.country == a.country)
    assert (mine.participants, mine.actions_done) == (2, 1)


def test_briefing_downloads_count_towards_engagement():
    from briefings.models import Briefing, BriefingDownload

    person = ParticipantFactory(user=UserFactory())
    someone_else = ParticipantFactory(user=UserFactory())
    briefing = Briefing.objects.create(title="Case management", status="published")
    for _ in range(3):
        BriefingDownload.objects.create(
            participant=person, user=person.user, briefing=briefing, language="en", format="pdf"
        )
    BriefingDownload.objects.create(
        participant=someone_else,
        user=someone_else.user,
        briefing=briefing,
        language="th",
        format="pdf",
    )
    assert _row(person).downloads == 3
    assert _row(someone_else).downloads == 1


def test_quiet_panel_lists_quiet_people_for_the_dashboard(settings):
    from django.template import Context, Template

    settings.QUIET_PARTICIPANT_DAYS = 180
    quiet = ParticipantFactory(full_name="Quiet Person")
    _joined_long_ago(quiet)
    ParticipantFactory(full_name="Newcomer Person")
    html = Template("{% load engagement %}{% quiet_participants_panel %}").render(Context({}))
    assert "1 participant has gone quiet" in html
    assert "Quiet Person" in html
    assert "Newcomer Person" not in html
