"""Writes for substantiation: asking people to substantiate an outcome, their one answer,
the e-mails with a signed link, and the one reminder.

The link carries a signed payload (Django's `signing`, salt `SALT`): the substantiator's id
and language, and the time it was made; it expires after SUBSTANTIATION_LINK_DAYS. What
it may still do is in the database: the row's `answered_at` is set by one conditional
UPDATE, so an answer is recorded once however often the form is sent, and a used link
records nothing more. Reading a link (`read_link`) never writes.
"""

from __future__ import annotations

import binascii
import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.audit import record
from accounts.models import User
from accounts.selectors import ERASED_EMAIL_DOMAIN
from common.mail import ComposedMail, compose
from common.sends import SendPreview, build_send_preview
from participants import protection
from participants.models import Participant

from .models import Outcome, SubstantiationMailStatus, Substantiator

logger = logging.getLogger(__name__)

SALT = "outcomes.substantiation.link"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


# --- Links ---------------------------------------------------------------------------


def make_link_token(substantiator: Substantiator) -> str:
    return signing.dumps({"s": substantiator.pk, "l": substantiator.language}, salt=SALT)


def link_url(substantiator: Substantiator) -> str:
    return settings.SITE_URL + reverse(
        "outcomes:substantiate", kwargs={"token": make_link_token(substantiator)}
    )


class LinkProblem:
    TAMPERED = "tampered"
    EXPIRED = "expired"
    USED = "used"
    CLOSED = "closed"  # the outcome or the request was removed


@dataclasses.dataclass(frozen=True)
class LinkReading:
    substantiator: Substantiator | None
    language: str | None  # from the signed payload, when it could be read
    problem: str | None


def _language_in(payload) -> str | None:
    language = payload.get("l") if isinstance(payload, dict) else None
    return language if language in LANGUAGE_CODES else None


def _unverified_language(token: str) -> str | None:
    """The language a link that fails its signature says it is in, read without trusting
    it: a link cut short by a mail program keeps its payload, and its reader should get the
    problem page in their own language. Only the page's language comes from it; nothing
    else is read from a link that is not ours."""
    payload = token.split(":", 1)[0]  # signing.dumps: payload:timestamp:signature
    if not payload or payload.startswith(".") or len(payload) > 200:
        return None  # ours are short and never compressed
    try:
        return _language_in(json.loads(signing.b64_decode(payload.encode())))
    except (ValueError, binascii.Error):
        return None


def read_link(token: str) -> LinkReading:
    """What a link may do now; nothing is written."""
    max_age = settings.SUBSTANTIATION_LINK_DAYS * 86400
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        # The signature is good, only old: its language still says how to answer.
        try:
            payload = signing.loads(token, salt=SALT)
        except signing.BadSignature:
            payload = None
        return LinkReading(None, _language_in(payload), LinkProblem.EXPIRED)
    except signing.BadSignature:
        return LinkReading(None, _unverified_language(token), LinkProblem.TAMPERED)
    language = _language_in(payload)
    pk = payload.get("s") if isinstance(payload, dict) else None
    if not isinstance(pk, int):
        return LinkReading(None, language, LinkProblem.TAMPERED)
    found = (
        Substantiator.objects.select_related("outcome", "participant")
        .filter(pk=pk, outcome__deleted_at__isnull=True)
        .first()
    )
    if found is None:
        return LinkReading(None, language, LinkProblem.CLOSED)
    if found.answered_at is not None:
        return LinkReading(found, found.language, LinkProblem.USED)
    return LinkReading(found, found.language, None)


# --- What the substantiator reads ---------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class OutcomeForSubstantiator:
    title: str
    what_changed: str
    who_changed: str
    significance: str
    contribution: str
    date: object
    place: str
    kind: str


def outcome_for_substantiator(substantiator: Substantiator) -> OutcomeForSubstantiator:
    """The outcome in the substantiator's language (active when called), every free text
    scrubbed for the reports' audience: no hidden person, no pseudonymous person's real
    name or pseudonym, nobody who has not agreed to be named, no erased person. Champions
    are not listed. The substantiator's own name is left as it is."""
    outcome = substantiator.outcome
    exclude = [substantiator.participant_id] if substantiator.participant_id else []
    scrub = protection.registry(audience=protection.Audience.REPORTS, exclude=exclude).scrub
    return OutcomeForSubstantiator(
        title=scrub(outcome.title),
        what_changed=scrub(outcome.what_changed),
        who_changed=scrub(outcome.who_changed),
        significance=scrub(outcome.significance),
        contribution=scrub(outcome.contribution),
        date=outcome.date,
        place=outcome.country.name if outcome.country_id else "",
        kind=outcome.get_kind_display(),
    )


# --- Asking --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Candidate:
    """Someone staff are about to ask (the confirmation step reads these)."""

    name: str
    email: str
    language: str
    participant: Participant | None = None
    pk: int = 0  # for the preview's ordering; 0 for outside people
    exposure_rank: int = 0

    @property
    def full_name(self) -> str:
        return self.name

    @property
    def email_key(self) -> str:
        return self.email.strip().casefold()


def candidates(
    *, outcome: Outcome, participants: Iterable[Participant], outsiders: Iterable[dict]
) -> tuple[list[Candidate], list[str]]:
    """The people to ask: one per e-mail address (case-insensitive), leaving out anyone
    already asked about this outcome. Returns them and the names left out as already asked."""
    asked = set(Substantiator.objects.filter(outcome=outcome).values_list("email_key", flat=True))
    asked_people = set(
        Substantiator.objects.filter(outcome=outcome, participant__isnull=False).values_list(
            "participant_id", flat=True
        )
    )
    found: list[Candidate] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for person in participants:
        if person.email.endswith("@" + ERASED_EMAIL_DOMAIN):
            continue  # an erased person has no address to write to
        item = Candidate(
            name=person.full_name,
            email=person.email,
            language=person.preferred_language
            if person.preferred_language in LANGUAGE_CODES
            else settings.LANGUAGE_CODE,
            participant=person,
            pk=person.pk,
            exposure_rank=person.exposure_rank,
        )
        if item.email_key in asked or person.pk in asked_people:
            skipped.append(item.name)
        elif item.email_key not in seen:
            seen.add(item.email_key)
            found.append(item)
    for row in outsiders:
        item = Candidate(
            name=row["name"].strip(), email=row["email"].strip(), language=row["language"]
        )
        if item.email_key in asked:
            skipped.append(item.name)
        elif item.email_key not in seen:
            seen.add(item.email_key)
            found.append(item)
    return found, skipped


def compose_request(
    *, name: str, outcome: Outcome, link: str, language: str, reminder=False
) -> ComposedMail:
    """The e-mail asking someone to substantiate an outcome, in their language. The title is
    scrubbed as on the page the link opens."""
    with translation.override(language):
        title = protection.registry(audience=protection.Audience.REPORTS).scrub(outcome.title)
    prefix = (
        "outcomes/email/substantiation_reminder"
        if reminder
        else "outcomes/email/substantiation_request"
    )
    return compose(
        prefix,
        {
            "name": name,
            "title": title,
            "link": link,
            "days": settings.SUBSTANTIATION_LINK_DAYS,
        },
        language=language,
    )


def preview_link() -> str:
    """The link as the confirmation step shows it (each person gets their own)."""
    url = reverse("outcomes:substantiate", kwargs={"token": "TOKEN"})
    return settings.SITE_URL + url.replace("TOKEN", "…")


def request_preview(*, outcome: Outcome, people: list[Candidate]) -> SendPreview:
    """The confirmation step's preview (common/sends.py): the e-mail one person of each
    language would get, composed by the code that sends it."""
    link = preview_link()
    return build_send_preview(
        recipients=people,
        participant_of=lambda person: person,
        language_of=lambda person: person.language,
        compose=lambda person, language: compose_request(
            name=person.name, outcome=outcome, link=link, language=language
        ).message(to=[person.email]),
    )


@transaction.atomic
def ask_substantiators(
    *, outcome: Outcome, people: list[Candidate], by: User | None
) -> list[Substantiator]:
    """Ask these people to substantiate `outcome`: one row each, their e-mail queued after
    the commit. Someone already asked (same e-mail, case-insensitive, or same participant)
    is not asked again: a repeated or concurrent POST asks nobody twice (the database's
    unique constraints decide)."""
    Outcome.objects.select_for_update().filter(pk=outcome.pk).first()
    from .tasks import send_substantiation_request  # noqa: PLC0415  tasks import this module

    created = []
    for person in people:
        try:
            with transaction.atomic():
                row = Substantiator.objects.create(
                    outcome=outcome,
                    participant=person.participant,
                    name=person.name,
                    email=person.email,
                    email_key=person.email_key,
                    language=person.language,
                    added_by=by,
                )
        except IntegrityError:
            continue  # already asked
        created.append(row)
        send_substantiation_request.delay_on_commit(substantiator_id=row.pk)
    if created and by is not None:
        record(
            actor=by,
            action="outcome.substantiators_asked",
            obj=outcome,
            changes={"substantiators": [row.pk for row in created]},
        )
    return created


def send_request_email(*, row: Substantiator, reminder: bool = False) -> None:
    """Send the request (or the reminder) to one substantiator, `row` read with its outcome.
    The caller claimed it (outcomes.tasks, through common.deliveries.send_claimed)."""
    mail = compose_request(
        name=row.name,
        outcome=row.outcome,
        link=link_url(row),
        language=row.language,
        reminder=reminder,
    )
    mail.message(to=[row.email]).send()


# A request still queued this long most likely lost its task message (Redis was away).
UNSENT_AFTER = dt.timedelta(minutes=10)


def unsent_requests(*, now=None) -> list[int]:
    """Requests queued (or failed) more than UNSENT_AFTER ago whose outcome still stands;
    the first e-mail's task claims each, so queueing one again sends it once."""
    now = now or timezone.now()
    return list(
        Substantiator.objects.filter(
            sent_at__isnull=True,
            mail_status__in=[SubstantiationMailStatus.QUEUED, SubstantiationMailStatus.FAILED],
            added_at__lte=now - UNSENT_AFTER,
            added_at__gte=now - dt.timedelta(days=2),
            outcome__deleted_at__isnull=True,
        ).values_list("pk", flat=True)
    )


def due_reminders(*, now=None) -> list[int]:
    """Substantiators asked SUBSTANTIATION_REMINDER_DAYS ago or more, not answered and not
    reminded, whose outcome still stands."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=settings.SUBSTANTIATION_REMINDER_DAYS)
    return list(
        Substantiator.objects.filter(
            answered_at__isnull=True,
            reminded_at__isnull=True,
            mail_status=SubstantiationMailStatus.SENT,
            sent_at__lte=since,
            outcome__deleted_at__isnull=True,
        ).values_list("pk", flat=True)
    )


# --- The answer ----------------------------------------------------------------------------


def record_answer(*, substantiator_id: int, answer: dict) -> bool:
    """Store the one answer of a substantiator; False (nothing written) when the link was
    already used. One conditional UPDATE: two submits at once record one answer."""
    changed = Substantiator.objects.filter(
        pk=substantiator_id, answered_at__isnull=True, outcome__deleted_at__isnull=True
    ).update(
        answered_at=timezone.now(),
        agreement=answer["agreement"],
        changes=answer.get("changes", ""),
        knows_contribution=answer.get("knows_contribution"),
        contribution_note=answer.get("contribution_note", ""),
        may_be_named=bool(answer.get("may_be_named")),
    )
    return changed == 1


SAME_ANSWER_WINDOW = dt.timedelta(minutes=15)


def is_recorded_answer(*, substantiator_id: int, answer: dict) -> bool:
    """Whether this is the answer already recorded for the person: the same form sent again
    (a double click, the back button and send) is told it was recorded, not that the link
    is used up. Only for a while after the answer (SAME_ANSWER_WINDOW), so a link kept
    later cannot be used to probe what was answered. Reads only."""
    row = Substantiator.objects.filter(
        pk=substantiator_id, answered_at__gte=timezone.now() - SAME_ANSWER_WINDOW
    ).first()
    if row is None:
        return False
    return (
        row.agreement == answer["agreement"]
        and row.changes == answer.get("changes", "")
        and row.knows_contribution == answer.get("knows_contribution")
        and row.contribution_note == answer.get("contribution_note", "")
        and row.may_be_named == bool(answer.get("may_be_named"))
    )
