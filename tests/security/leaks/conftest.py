"""The leak tests' world: one held convening (and an open one with the same people) with a
named, a pseudonymous and a hidden invitee who all said yes; champions of an outcome who
did and did not consent to be named.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from accounts import services as account_services
from briefings import services as briefing_services
from convenings.models import ConveningStatus, InvitationStatus
from engagement.models import ActionUpdate, NotesStatus
from participants.models import Participant, Visibility
from tests import factories
from tests.briefings.factories import PDF_BYTES, BriefingFactory, upload
from tests.engagement.factories import FollowUpActionFactory, MeetingNoteFactory
from tests.outcomes.factories import ChallengeLessonFactory, OutcomeFactory
from tests.security.leaks.surfaces import (
    CONSENTING,
    HIDDEN,
    HIDDEN_COUNTRY,
    NAMED,
    NON_CONSENTING,
    PSEUDONYMOUS,
    PSEUDONYMOUS_COUNTRY,
    UNSEEN_NON_CHAMPION,
    make_person,
)


@pytest.fixture
def people(db):
    th = factories.CountryFactory(code="TH")
    my = factories.CountryFactory(code="MY")
    au = factories.CountryFactory(code=HIDDEN_COUNTRY[0], name=HIDDEN_COUNTRY[1])
    nz = factories.CountryFactory(code=PSEUDONYMOUS_COUNTRY[0], name=PSEUDONYMOUS_COUNTRY[1])
    staff = factories.UserFactory(email="staff@example.org")
    account_services.set_role(user=staff, role="staff")

    viewer_user = factories.UserFactory(email="viewer@example.org")
    viewer = factories.ParticipantFactory(
        user=viewer_user, email=viewer_user.email, full_name="Viewer Somchai", country=th
    )
    named = make_person(NAMED, country=my, visibility=Visibility.NAMED, with_user=True)
    pseudonymous = make_person(
        PSEUDONYMOUS, country=nz, visibility=Visibility.PSEUDONYMOUS, with_user=True
    )
    hidden = make_person(HIDDEN, country=au, visibility=Visibility.HIDDEN, with_user=True)

    end = timezone.localdate() - dt.timedelta(days=settings.FOLLOWUP_AFTER_CONVENING_DAYS)
    held = factories.ConveningFactory(
        title="Held convening",
        host_country=th,
        start_date=end - dt.timedelta(days=1),
        end_date=end,
        status=ConveningStatus.HELD,
        chatham_house=True,
    )
    upcoming = factories.ConveningFactory(
        title="Upcoming convening",
        host_country=th,
        status=ConveningStatus.OPEN,
        chatham_house=True,
        interpretation_languages=["th"],
    )
    for person in (viewer, named, pseudonymous, hidden):
        factories.InvitationFactory(
            convening=held, participant=person, status=InvitationStatus.ATTENDED
        )
        factories.InvitationFactory(
            convening=upcoming, participant=person, status=InvitationStatus.ACCEPTED
        )
    for convening in (held, upcoming):
        factories.AgendaSessionFactory(convening=convening, title="Community placement")
        factories.SiteVisitFactory(convening=convening)

    briefing = BriefingFactory(convening=held, title_en="Screening at the border")
    briefing_services.upload_briefing_file(
        briefing=briefing, language="en", upload=upload("x.pdf", PDF_BYTES), by=staff
    )
    MeetingNoteFactory(
        convening=held,
        status=NotesStatus.PUBLISHED,
        published_at=timezone.now(),
        published_by=staff,
    )
    mine = FollowUpActionFactory(convening=held, owner=viewer, title="Share the checklist")
    ActionUpdate.objects.create(action=mine, author=viewer_user, text="Shared with the ministry")
    # Actions of the hidden and pseudonymous people exist; they are not the viewer's.
    FollowUpActionFactory(convening=held, owner=hidden, title="Hidden person's own action")
    FollowUpActionFactory(convening=held, owner=pseudonymous, title="Pseudonymous own action")

    outsider_user = factories.UserFactory(email="outsider@example.org")
    outsider = factories.ParticipantFactory(
        user=outsider_user, email=outsider_user.email, full_name="Outsider Budi", country=my
    )
    elsewhere = factories.ConveningFactory(title="Another convening", host_country=my)
    factories.InvitationFactory(
        convening=elsewhere, participant=outsider, status=InvitationStatus.ACCEPTED
    )
    return {
        "staff": staff,
        "viewer": viewer,
        "named": named,
        "pseudonymous": pseudonymous,
        "hidden": hidden,
        "held": held,
        "upcoming": upcoming,
        "briefing": briefing,
        "outsider": outsider,
    }


@pytest.fixture
def champions(people):
    th = factories.CountryFactory(code="TH")
    my = factories.CountryFactory(code="MY")
    non_consenting = make_person(
        NON_CONSENTING, country=my, visibility=Visibility.NAMED, consent_named_in_reports=False
    )
    consenting = make_person(
        CONSENTING, country=th, visibility=Visibility.NAMED, consent_named_in_reports=True
    )
    # Even with consent given, hidden and pseudonymous people are never named.
    Participant.objects.filter(pk__in=[people["hidden"].pk, people["pseudonymous"].pk]).update(
        consent_named_in_reports=True
    )
    outcome = OutcomeFactory(
        country=th,
        date=dt.date(2023, 5, 1),
        title="Community placement for families",
        what_changed=(
            f"{HIDDEN['full_name']} and {PSEUDONYMOUS['full_name']} drafted the referral guide."
        ),
        who_changed=f"{NON_CONSENTING['full_name']} with {CONSENTING['full_name']}.",
        significance=f"{PSEUDONYMOUS['display_name']} called it a turning point.",
    )
    outcome.champions.set([people["hidden"], people["pseudonymous"], non_consenting, consenting])
    # Someone not to be named whose name is the start of the consenting champion's: the
    # consenting name must still print whole.
    factories.ParticipantFactory(full_name="Chandra Open", country=th, visibility=Visibility.NAMED)
    # Someone hidden who champions nothing, named in the text of an outcome all the same.
    factories.ParticipantFactory(
        full_name=UNSEEN_NON_CHAMPION, country=th, visibility=Visibility.HIDDEN
    )
    OutcomeFactory(
        country=th,
        date=dt.date(2023, 6, 1),
        title="A second outcome",
        what_changed=f"{UNSEEN_NON_CHAMPION} briefed the ministry.",
        contribution=f"Thanks to {NON_CONSENTING['full_name'].upper()} after the site visit.",
    )
    ChallengeLessonFactory(
        year=2023,
        what_happened=f"{HIDDEN['full_name']} could not travel to the convening.",
        response=f"{PSEUDONYMOUS['full_name']} joined online instead.",
    )
    return {"non_consenting": non_consenting, "consenting": consenting, "outcome": outcome}
