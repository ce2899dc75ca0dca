"""Background work for accounts: the e-mail that lets a new person choose a password, the
notices of the accounts page, and beat's search for those a lost task never sent."""

from __future__ import annotations

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from common.deliveries import send_claimed
from common.mail import MAIL_TASK_OPTIONS

from . import managing
from .models import AccountAction, User
from .services import send_account_invitation as send


@shared_task(name="accounts.send_account_invitation", **MAIL_TASK_OPTIONS)
def send_account_invitation(self, *, user_id: int) -> None:
    # Staff see why it failed on the participant's page.
    send_claimed(
        User.objects,
        pk=user_id,
        unclaimed=Q(invitation_sent_at__isnull=True),
        claim={"invitation_sent_at": timezone.now()},
        release={"invitation_sent_at": None},
        send=lambda user: send(user=user),
        error_fields=("invitation_failed_at", "invitation_error"),
    )


@shared_task(name="accounts.send_account_notice", **MAIL_TASK_OPTIONS)
def send_account_notice(self, *, action_id: int) -> None:
    """The e-mail telling a person what an admin changed on their account (accounts.managing)."""
    # Why it failed stays on the action (the accounts page says so).
    send_claimed(
        AccountAction.objects,
        pk=action_id,
        unclaimed=Q(mail_sent_at__isnull=True),
        claim={"mail_sent_at": timezone.now()},
        release={"mail_sent_at": None},
        send=lambda action: managing.send_account_notice(action=action),
        related=("user",),
        error_fields=("mail_failed_at", "mail_error"),
    )


@shared_task(name="accounts.requeue_unsent_account_mail", bind=True, acks_late=True)
def requeue_unsent_account_mail(self) -> int:
    return managing.requeue_unsent_account_mail()
