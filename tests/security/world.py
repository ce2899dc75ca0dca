"""A small platform with two convenings, A and B, and one person in each role.

The access matrix and the leak tests build on it: every object a URL can point to exists
once for A (where `invited` is invited) and once for B (where they are not), so a test can
ask for "A's note" or "B's note" by name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from uuid import uuid4

from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from accounts import services as account_services
from briefings import services as briefing_services
from briefings.models import BriefingStatus
from convenings.models import (
    ConveningStatus,
    Invitation,
    InvitationStatus,
    Message,
    VisaDetails,
    VisaLetter,
)
from engagement.models import NotesStatus
from outcomes.models import (
    ActorKind,
    Credit,
    EvidenceKind,
    OutcomeEvidence,
    OutcomeSubmission,
    ReportStatus,
)
from tests import factories
from tests.briefings.factories import PDF_BYTES, BriefingFactory, BriefingPackFactory, upload
from tests.engagement.factories import FollowUpActionFactory, MeetingNoteFactory
from tests.outcomes.factories import ChallengeLessonFactory, OutcomeFactory, StoredReportFactory

ROLES = ("anonymous", "other_user", "outsider", "invited", "staff", "admin")


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


def _past(days_ago: int, **kwargs):
    end = timezone.localdate() - dt.timedelta(days=days_ago)
    return factories.ConveningFactory(
        start_date=end - dt.timedelta(days=1), end_date=end, status=ConveningStatus.HELD, **kwargs
    )


def build_world() -> World:
    world = World()
    o = world.objects
    staff = factories.UserFactory(email="staff@example.org")
    account_services.set_role(user=staff, role="staff")
    admin = factories.UserFactory(email="admin@example.org")
    account_services.set_role(user=admin, role="admin")
    other_user = factories.UserFactory(email="nobody@example.org")

    th = factories.CountryFactory(code="TH")
    my = factories.CountryFactory(code="MY")
    invited_user = factories.UserFactory(email="invited@example.org")
    o["invited_participant"] = factories.ParticipantFactory(
        user=invited_user, email=invited_user.email, full_name="Invited Person", country=th
    )
    outsider_user = factories.UserFactory(email="outsider@example.org")
    o["outsider_participant"] = factories.ParticipantFactory(
        user=outsider_user, email=outsider_user.email, full_name="Outsider Person", country=my
    )
    o["outsider_account"] = outsider_user
    world.users = {
        "other_user": other_user,
        "outsider": outsider_user,
        "invited": invited_user,
        "staff": staff,
        "admin": admin,
    }

    # A: held ten days ago, the invited person attended (notes, feedback); A_open: ahead,
    # open for replies (the reply form). B: held, only its own people.
    o["conv_a"] = _past(10, title="Convening A", host_country=th)
    o["conv_a_open"] = factories.ConveningFactory(
        title="Convening A open", status=ConveningStatus.OPEN, host_country=th
    )
    o["conv_b"] = _past(12, title="Convening B", host_country=my)
    factories.InvitationFactory(
        convening=o["conv_a"],
        participant=o["invited_participant"],
        status=InvitationStatus.ATTENDED,
    )
    factories.InvitationFactory(convening=o["conv_a_open"], participant=o["invited_participant"])
    o["a_colleague"] = factories.ParticipantFactory(full_name="Colleague In A", country=th)
    factories.InvitationFactory(
        convening=o["conv_a"], participant=o["a_colleague"], status=InvitationStatus.ATTENDED
    )
    o["b_participant"] = factories.ParticipantFactory(full_name="Member Of B", country=my)
    o["invitation_b"] = factories.InvitationFactory(
        convening=o["conv_b"], participant=o["b_participant"], status=InvitationStatus.ATTENDED
    )

    for key in ("a", "b"):
        convening = o[f"conv_{key}"]
        o[f"session_{key}"] = factories.AgendaSessionFactory(convening=convening)
        o[f"visit_{key}"] = factories.SiteVisitFactory(convening=convening)
        o[f"note_{key}"] = MeetingNoteFactory(
            convening=convening, status=NotesStatus.PUBLISHED, published_at=timezone.now()
        )
        o[f"briefing_{key}"] = BriefingFactory(convening=convening, title_en=f"Briefing {key}")
        briefing_services.upload_briefing_file(
            briefing=o[f"briefing_{key}"],
            language="en",
            upload=upload("x.pdf", PDF_BYTES),
            by=staff,
        )
        o[f"pack_{key}"] = BriefingPackFactory(
            convening=convening, briefings=[o[f"briefing_{key}"]], created_by=staff
        )
    o["action_a"] = FollowUpActionFactory(convening=o["conv_a"], owner=o["invited_participant"])
    o["action_a_colleague"] = FollowUpActionFactory(convening=o["conv_a"], owner=o["a_colleague"])
    o["action_b"] = FollowUpActionFactory(convening=o["conv_b"], owner=o["b_participant"])
    o["message_b"] = Message.objects.create(
        convening=o["conv_b"], subject_en="To B", body_en="Text", audience="all", send_key=uuid4()
    )
    o["briefing_platform"] = BriefingFactory(convening=None, title_en="Platform briefing")
    briefing_services.upload_briefing_file(
        briefing=o["briefing_platform"],
        language="en",
        upload=upload("x.pdf", PDF_BYTES),
        by=staff,
    )
    o["briefing_draft"] = BriefingFactory(
        convening=o["conv_a"], status=BriefingStatus.DRAFT, title_en="Draft briefing"
    )

    o["outcome"] = OutcomeFactory(country=th)
    o["outcome"].champions.set([o["a_colleague"]])
    o["evidence"] = OutcomeEvidence.objects.create(
        outcome=o["outcome"], kind=EvidenceKind.FILE, description="Minutes"
    )
    o["evidence"].file.save("minutes.pdf", ContentFile(PDF_BYTES))
    o["challenge"] = ChallengeLessonFactory()
    o["report"] = StoredReportFactory(status=ReportStatus.DONE, generated_by=admin)
    o["report"].file.save("annual.pdf", ContentFile(PDF_BYTES))
    # Branch visa: a stored letter for the invited person in A and for B's member (rows
    # made directly: this world is about who gets an answer, not the letter's layout).
    for key, participant in (("a", o["invited_participant"]), ("b", o["b_participant"])):
        invitation = Invitation.objects.get(convening=o[f"conv_{key}"], participant=participant)
        o[f"letter_{key}"] = VisaLetter(
            invitation=invitation,
            participant=participant,
            inputs_digest=key * 64,
            travel_paid_by="organisers",
            accommodation_paid_by="organisers",
            meals_paid_by="organisers",
            signatory_name="Signer",
            signatory_title="Coordinator",
        )
        o[f"letter_{key}"].file.save("letter.pdf", ContentFile(PDF_BYTES))
        # The details the letter was made from, so staff's visa list links to the person.
        VisaDetails.objects.create(
            invitation=invitation,
            participant=participant,
            visa_needed=True,
            letter_requested=True,
            nationality="MY",
            passport_name=participant.full_name,
        )
    # An outcome the invited participant reported from the portal, with an evidence file.
    o["submission"] = OutcomeSubmission.objects.create(
        participant=o["invited_participant"],
        what_changed="The department refers children to community care.",
        actor_kind=ActorKind.GOVERNMENT,
        who_changed="The department",
        date=dt.date(2024, 1, 1),
        significance="Fewer children detained.",
        contribution="A site visit.",
        credit=Credit.DESCRIBED,
        language="en",
    )
    o["submission"].evidence_file.save("circular.pdf", ContentFile(PDF_BYTES))
    # And one by another participant, which the invited one may not open (404).
    o["others_submission"] = OutcomeSubmission.objects.create(
        participant=o["outsider_participant"],
        what_changed="A ministry circular on alternatives to detention.",
        actor_kind=ActorKind.GOVERNMENT,
        who_changed="The ministry",
        date=dt.date(2024, 2, 1),
        significance="Children stay with families.",
        contribution="A briefing.",
        credit=Credit.NONE,
        language="ms",
    )
    return world
