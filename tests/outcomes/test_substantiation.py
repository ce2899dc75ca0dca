"""Substantiation (issue 17 §2): staff ask people, each answers once through a signed link,
the state follows from the answers, and the page never shows a protected name."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from outcomes import substantiation
from outcomes.models import Outcome, Substantiator
from outcomes.substantiation_selectors import StateKey, substantiation_state
from outcomes.tasks import remind_substantiators
from participants.erasure import erase_person
from participants.models import Visibility
from tests import factories as core
from tests.outcomes import factories

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/substantiate/([^/\s]+)/")


@pytest.fixture(autouse=True)
def _after_commit(django_capture_on_commit_callbacks):
    """E-mails are queued after the commit: run those callbacks as a commit would."""
    global _commit
    _commit = django_capture_on_commit_callbacks


_commit = None


def _ask(client, outcome, **fields):
    """Post the staff form, then its confirmation (its e-mails sent as after a commit);
    returns both responses."""
    url = reverse("outcomes:substantiation", args=[outcome.pk])
    page = client.get(url)
    data = {"send_key": page.context["form"]["send_key"].value(), **fields}
    first = client.post(url, data)
    with _commit(execute=True):
        second = client.post(url, {**data, "confirm": "1"})
    return first, second


def _link_of(message) -> str:
    return LINK.search(message.body).group(1)


def _answer(client, token, **fields):
    data = {"agreement": "fully", "knows_contribution": "yes", **fields}
    return client.post(reverse("outcomes:substantiate", args=[token]), data)


def test_an_outside_person_answers_once_through_the_link_and_the_state_follows(
    staff_client, client
):
    outcome = factories.OutcomeFactory(title="Children referred to community care")
    first, second = _ask(
        staff_client,
        outcome,
        name_0="Kannika Srisuk",
        email_0="Kannika.S@Example.org",
        language_0="th",
    )
    # The first POST only shows the confirmation step: nothing asked, nothing sent.
    assert first.status_code == 200
    assert "sends/confirm.html" in [t.name for t in first.templates]
    assert second.status_code == 302
    person = Substantiator.objects.get(outcome=outcome)
    assert person.participant is None
    assert person.email_key == "kannika.s@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Kannika.S@Example.org"]
    assert message.extra_headers["Content-Language"] == "th"
    assert "เรียน" in message.body  # Thai
    assert substantiation_state(outcome).key == StateKey.AWAITING

    token = _link_of(message)
    page = client.get(reverse("outcomes:substantiate", args=[token]))
    assert page.status_code == 200
    assert page["X-Robots-Tag"].startswith("noindex")
    assert 'lang="th"' in page.content.decode()
    assert "Children referred to community care" in page.content.decode()

    done = _answer(client, token, agreement="partly", changes="It took two years.")
    assert done.status_code == 200
    person.refresh_from_db()
    assert person.agreement == "partly"
    assert person.changes == "It took two years."
    assert person.knows_contribution is True
    state = substantiation_state(Outcome.objects.get(pk=outcome.pk))
    assert state.key == StateKey.SUBSTANTIATED
    assert state.label == "Substantiated by 1 of 1; 1 partly"

    # Staff see the answer on the outcome's substantiation page.
    staff_page = staff_client.get(reverse("outcomes:substantiation", args=[outcome.pk]))
    assert "It took two years." in staff_page.content.decode()
    assert "Substantiated by 1 of 1; 1 partly" in staff_page.content.decode()


def test_a_used_link_records_nothing_and_says_so(client):
    person = factories.SubstantiatorFactory(language="ms")
    token = substantiation.make_link_token(person)
    assert _answer(client, token, agreement="fully").status_code == 200
    answered_at = Substantiator.objects.get(pk=person.pk).answered_at
    again = _answer(client, token, agreement="not_at_all", changes="changed my mind")
    assert again.status_code == 410
    assert 'lang="ms"' in again.content.decode()
    assert again.context["problem"] == "used"
    person.refresh_from_db()
    assert (person.agreement, person.changes, person.answered_at) == ("fully", "", answered_at)
    assert client.get(reverse("outcomes:substantiate", args=[token])).status_code == 410


def test_the_same_answer_sent_twice_thanks_twice_and_records_once(client):
    """A double click on "Send my answer": the second request finds the link used; the
    person is thanked again (their answer is recorded), not told the link is used up."""
    person = factories.SubstantiatorFactory(language="th")
    token = substantiation.make_link_token(person)
    first = _answer(client, token, agreement="partly", changes="Two provinces, not three.")
    answered_at = Substantiator.objects.get(pk=person.pk).answered_at
    second = _answer(client, token, agreement="partly", changes="Two provinces, not three.")
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.templates[0].name == "outcomes/substantiation/thanks.html"
    assert '<html lang="th"' in second.content.decode()
    assert Substantiator.objects.get(pk=person.pk).answered_at == answered_at
    # The answer form disables its button after the first click.
    page = client.get(
        reverse(
            "outcomes:substantiate",
            args=[substantiation.make_link_token(factories.SubstantiatorFactory())],
        )
    )
    assert "data-send-once" in page.content.decode()


def test_the_same_answer_long_after_says_the_link_is_used(client):
    """After a while a kept link cannot probe what was answered: any answer is refused."""
    person = factories.SubstantiatorFactory()
    token = substantiation.make_link_token(person)
    _answer(client, token)
    Substantiator.objects.filter(pk=person.pk).update(
        answered_at=timezone.now() - dt.timedelta(hours=1)
    )
    again = _answer(client, token)
    assert again.status_code == 410
    assert again.context["problem"] == "used"


def test_an_expired_link_records_nothing_in_the_persons_language(client, settings, monkeypatch):
    settings.SUBSTANTIATION_LINK_DAYS = 30
    person = factories.SubstantiatorFactory(language="th")
    token = substantiation.make_link_token(person)
    later = time.time() + 31 * 86400
    monkeypatch.setattr(signing.time, "time", lambda: later)
    page = client.get(reverse("outcomes:substantiate", args=[token]))
    assert page.status_code == 410
    assert page.context["problem"] == "expired"
    assert 'lang="th"' in page.content.decode()
    assert _answer(client, token).status_code == 410
    person.refresh_from_db()
    assert person.answered_at is None
    assert person.agreement == ""


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # signature changed
        lambda t: signing.dumps({"s": 10**6, "l": "en"}, salt="another.salt"),  # signed elsewhere
        lambda t: "not-a-link",
    ],
)
def test_a_tampered_link_records_nothing(client, tamper):
    person = factories.SubstantiatorFactory(language="id")
    bad = tamper(substantiation.make_link_token(person))
    page = _answer(client, bad)
    assert page.status_code == 404
    assert page.context["problem"] == "tampered"
    person.refresh_from_db()
    assert person.answered_at is None


def test_a_tampered_link_answers_in_the_readers_language(client):
    page = client.get(reverse("outcomes:substantiate", args=["junk"]), HTTP_ACCEPT_LANGUAGE="th")
    assert page.status_code == 404
    assert 'lang="th"' in page.content.decode()


@pytest.mark.parametrize("cut", [1, 10, 30])
def test_a_link_cut_short_answers_in_the_substantiators_language(client, cut):
    """A mail program that wraps the link cuts its signature: the page that says so is in
    the substantiator's language (read from the link), whatever the browser's language."""
    person = factories.SubstantiatorFactory(language="th")
    token = substantiation.make_link_token(person)[:-cut]
    page = client.post(
        reverse("outcomes:substantiate", args=[token]),
        {"agreement": "fully", "knows_contribution": "yes"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == 404
    assert page.context["problem"] == "tampered"
    assert '<html lang="th"' in page.content.decode()
    assert Substantiator.objects.get(pk=person.pk).answered_at is None


def test_a_link_whose_language_is_not_ours_answers_in_the_readers_language(client):
    forged = signing.b64_encode(b'{"s": 1, "l": "xx"}').decode() + ":abc:def"
    page = client.get(reverse("outcomes:substantiate", args=[forged]), HTTP_ACCEPT_LANGUAGE="ms")
    assert page.status_code == 404
    assert '<html lang="ms"' in page.content.decode()


def test_a_link_to_a_deleted_outcome_records_nothing(client):
    person = factories.SubstantiatorFactory()
    token = substantiation.make_link_token(person)
    Outcome.all_objects.filter(pk=person.outcome_id).update(deleted_at=person.added_at)
    assert _answer(client, token).status_code == 410
    assert Substantiator.objects.get(pk=person.pk).answered_at is None


def test_a_missing_answer_is_said_next_to_the_field_and_nothing_is_recorded(client):
    person = factories.SubstantiatorFactory(language="id")
    token = substantiation.make_link_token(person)
    page = client.post(reverse("outcomes:substantiate", args=[token]), {"changes": "kept"})
    assert page.status_code == 200
    assert page.context["form"].errors["agreement"]
    assert "kept" in page.content.decode()  # what they typed stays
    assert 'aria-invalid="true"' in page.content.decode()
    assert Substantiator.objects.get(pk=person.pk).answered_at is None


# --- Staff: whom to ask ------------------------------------------------------------------


def test_asking_twice_asks_nobody_twice(staff_client):
    outcome = factories.OutcomeFactory()
    someone = core.ParticipantFactory(preferred_language="id")
    fields = {
        "participants": [someone.pk],
        "name_0": "Helen Marsh",
        "email_0": "h.marsh@example.org",
        "language_0": "en",
    }
    _ask(staff_client, outcome, **fields)
    assert Substantiator.objects.filter(outcome=outcome).count() == 2
    assert len(mail.outbox) == 2
    assert {m.extra_headers["Content-Language"] for m in mail.outbox} == {"id", "en"}
    # Again, with the address in other capitals: nothing new, nothing sent.
    _ask(staff_client, outcome, **{**fields, "email_0": "H.MARSH@example.org"})
    assert Substantiator.objects.filter(outcome=outcome).count() == 2
    assert len(mail.outbox) == 2


def test_an_outside_address_is_validated_and_deduplicated_in_the_form(staff_client):
    outcome = factories.OutcomeFactory()
    url = reverse("outcomes:substantiation", args=[outcome.pk])
    key = staff_client.get(url).context["form"]["send_key"].value()
    page = staff_client.post(
        url,
        {
            "send_key": key,
            "name_0": "A",
            "email_0": "not an address",
            "language_0": "en",
            "name_1": "B",
            "email_1": "b@example.org",
            "language_1": "en",
            "name_2": "B again",
            "email_2": "B@Example.ORG",
            "language_2": "th",
        },
    )
    form = page.context["form"]
    assert "email_0" in form.errors
    assert "email_2" in form.errors
    assert "email_1" not in form.errors
    assert not Substantiator.objects.exists()
    assert not mail.outbox


def test_the_participant_search_finds_people_and_sends_nothing(staff_client):
    outcome = factories.OutcomeFactory()
    core.ParticipantFactory(full_name="Aminah Rahman")
    url = reverse("outcomes:substantiation", args=[outcome.pk])
    page = staff_client.post(url, {"person_q": "Aminah", "find_people": "1"})
    assert "Aminah Rahman" in page.content.decode()
    assert not Substantiator.objects.exists()


def test_the_staff_page_is_for_staff_and_a_deleted_outcome_answers_404(
    client, participant_client, staff_client
):
    outcome = factories.OutcomeFactory()
    url = reverse("outcomes:substantiation", args=[outcome.pk])
    assert client.get(url).status_code == 302  # to sign-in
    assert participant_client.get(url).status_code == 403
    Outcome.all_objects.filter(pk=outcome.pk).update(deleted_at=outcome.created_at)
    assert staff_client.get(url).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_staff_substantiation_page_query_count(staff_client, django_assert_num_queries, count):
    outcome = factories.OutcomeFactory()
    for _ in range(count):
        factories.SubstantiatorFactory(outcome=outcome, participant=core.ParticipantFactory())
    url = reverse("outcomes:substantiation", args=[outcome.pk])
    staff_client.get(url)
    # The user, their participant record, their roles (with two-factor), the outcome with
    # its country, the state's counts, the substantiators with their participants.
    with django_assert_num_queries(6):
        response = staff_client.get(url)
    assert len(response.context["substantiators"]) == count


# --- The reminder ------------------------------------------------------------------------


def test_one_reminder_after_the_set_time(settings):
    settings.SUBSTANTIATION_REMINDER_DAYS = 14
    old = timezone.now() - dt.timedelta(days=15)
    waiting = factories.SubstantiatorFactory(sent_at=old, language="th")
    factories.SubstantiatorFactory(sent_at=old, agreement="fully", answered_at=old)  # answered
    factories.SubstantiatorFactory(sent_at=timezone.now())  # asked recently
    assert remind_substantiators() == 1
    assert remind_substantiators() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [waiting.email]
    assert mail.outbox[0].extra_headers["Content-Language"] == "th"
    assert Substantiator.objects.get(pk=waiting.pk).reminded_at is not None


# --- Protected names ---------------------------------------------------------------------

HIDDEN = "Hemi Tamatea"
HIDDEN_THAI = "เฮมิ ตามาเตอา"
REAL = "Pimchanok Lanternveil"
PSEUDONYM = "River"
SHY = "Aminah Rahman"  # named, but has not agreed to be named in reports
GONE = "Wiremu Kahurangi"  # erased


@pytest.fixture
def protected(db, admin_user):
    core.ParticipantFactory(
        full_name=HIDDEN,
        display_name="Koru Shade",
        other_names=HIDDEN_THAI,
        visibility=Visibility.HIDDEN,
    )
    core.ParticipantFactory(
        full_name=REAL, display_name=PSEUDONYM, visibility=Visibility.PSEUDONYMOUS
    )
    shy = core.ParticipantFactory(full_name=SHY, consent_named_in_reports=False)
    gone = core.ParticipantFactory(full_name=GONE, email="wiremu@example.org")
    erase_person(participant=gone, by=admin_user)
    core.ParticipantFactory(
        full_name="Somchai Jaidee", display_name="Ton", visibility=Visibility.PSEUDONYMOUS
    )
    named = core.ParticipantFactory(full_name="Budi Santoso", consent_named_in_reports=True)
    outcome = factories.OutcomeFactory(
        title=f"{HIDDEN} and {REAL} led the reform",
        what_changed=f"{SHY} and {GONE} changed the rules; Budi Santoso helped. {HIDDEN_THAI}",
        who_changed=f"Mr {REAL.split()[1]} and {PSEUDONYM}",
        significance=f"Khun {HIDDEN.split()[0]} said so.",
        contribution="The platform convened them.",
        # In Thai: a Latin-recorded real name written in Thai script ("Khun Somchai").
        what_changed_th=f"คุณสมชายและ{HIDDEN_THAI}เปลี่ยนระเบียบ",
    )
    outcome.champions.set([shy, named])
    return outcome


@pytest.mark.parametrize("language", ["en", "th"])
def test_the_page_never_shows_a_protected_name(client, protected, language):
    person = factories.SubstantiatorFactory(outcome=protected, language=language)
    page = client.get(
        reverse("outcomes:substantiate", args=[substantiation.make_link_token(person)])
    ).content.decode()
    # The pseudonym itself may be read (the brief: real names of pseudonymous people are
    # protected); here "River" is a common word and stays.
    for name in (HIDDEN, HIDDEN_THAI, "Koru Shade", REAL, SHY, GONE):
        assert name not in page, name
    for part in ("Hemi", "Tamatea", "Lanternveil", "Aminah", "Wiremu", "Somchai", "เฮมิ", "สมชาย"):
        assert part not in page, part
    if language == "en":
        assert "Budi Santoso" in page  # named, and agreed to be named
    else:
        assert "เปลี่ยนระเบียบ" in page  # the Thai text, its names replaced
    assert "The platform convened them." in page


def test_the_email_never_shows_a_protected_name(staff_client, protected):
    _ask(staff_client, protected, name_0="Helen", email_0="h@example.org", language_0="en")
    message = mail.outbox[0]
    for part in ("Hemi", "Lanternveil"):
        assert part not in message.subject
        assert part not in message.body


def test_the_confirmation_step_shows_the_email_without_protected_names(staff_client, protected):
    first, _second = _ask(staff_client, protected, name_0="H", email_0="h@x.org", language_0="th")
    preview = first.context["preview"]
    assert preview.total == 1
    assert preview.languages[0].code == "th"
    assert "Hemi" not in preview.languages[0].subject


def test_the_language_switcher_overrides_the_persons_language(client, settings):
    person = factories.SubstantiatorFactory(language="th")
    token = substantiation.make_link_token(person)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ms"
    page = client.get(reverse("outcomes:substantiate", args=[token]))
    assert 'lang="ms"' in page.content.decode()


def test_erasing_a_participant_substantiator_leaves_no_trace_of_them(admin_user):
    person = core.ParticipantFactory(full_name="Wiremu Kahurangi", email="Wiremu@Example.org")
    row = factories.SubstantiatorFactory(
        participant=person,
        name=person.full_name,
        email=person.email,
        email_key=person.email.casefold(),
        agreement="partly",
        answered_at=timezone.now(),
        changes="As Wiremu I would add the date.",
    )
    erase_person(participant=person, by=admin_user)
    row = Substantiator.objects.get(pk=row.pk)
    for value in (row.name, row.email, row.email_key, row.changes):
        assert "wiremu" not in value.casefold()
    assert row.agreement == "partly"  # the answer still counts


def test_a_request_whose_task_was_lost_is_sent_once_by_beat():
    from outcomes.tasks import requeue_unsent_substantiation

    lost = factories.SubstantiatorFactory(mail_status="queued", sent_at=None)
    Substantiator.objects.filter(pk=lost.pk).update(
        added_at=timezone.now() - dt.timedelta(minutes=30)
    )
    factories.SubstantiatorFactory(mail_status="queued", sent_at=None)  # just queued
    assert requeue_unsent_substantiation() == 1
    assert requeue_unsent_substantiation() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [lost.email]
