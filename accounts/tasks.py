"""Background work for accounts: the e-mail that lets a new person choose a password, the
notices of the accounts page, and beat's search for those a lost task never sent."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from common.mail import MAIL_TASK_OPTIONS, failure_text

from . import managing
from .models import AccountAction, User
from .services import send_account_invitation as send

logger = logging.getLogger(__name__)


@shared_task(name="accounts.send_account_invitation", **MAIL_TASK_OPTIONS)
def send_account_invitation(self, *, user_id: int) -> None:
    # Claim first: a duplicate delivery of this task finds the row claimed and stops.
    claimed = User.objects.filter(pk=user_id, invitation_sent_at__isnull=True).update(
        invitation_sent_at=timezone.now()
    )
    if not claimed:
        logger.info("account invitation for user %s already sent or user gone", user_id)
        return
    user = User.objects.get(pk=user_id)
    try:
        send(user=user)
    except Exception as exc:
        # Release the claim so the retry can send; staff see why on the participant's page.
        User.objects.filter(pk=user_id).update(
            invitation_sent_at=None,
            invitation_failed_at=timezone.now(),
            invitation_error=failure_text(exc),
        )
        raise
    User.objects.filter(pk=user_id).update(invitation_failed_at=None, invitation_error="")


@shared_task(name="accounts.send_account_notice", **MAIL_TASK_OPTIONS)
def send_account_notice(self, *, action_id: int) -> None:
    """The e-mail telling a person what an admin changed on their account (accounts.managing)."""

    # Claim first: a duplicate delivery of this task finds the row claimed and stops.
    claimed = AccountAction.objects.filter(pk=action_id, mail_sent_at__isnull=True).update(
        mail_sent_at=timezone.now()
    )
    if not claimed:
        logger.info("account notice %s already sent or gone", action_id)
        return
    action = AccountAction.objects.select_related("user").get(pk=action_id)
    try:
        managing.send_account_notice(action=action)
    except Exception as exc:
        # Release the claim so the retry can send; why it failed stays on the action.
        AccountAction.objects.filter(pk=action_id).update(
            mail_sent_at=None, mail_failed_at=timezone.now(), mail_error=failure_text(exc)
        )
        raise
    AccountAction.objects.filter(pk=action_id).update(mail_failed_at=None, mail_error="")


@shared_task(name="accounts.requeue_unsent_account_mail", bind=True, acks_late=True)
def requeue_unsent_account_mail(self) -> int:
    return managing.requeue_unsent_account_mail()
