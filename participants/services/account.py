"""An account for a participant: created, and the person invited to choose a password."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import audit
from accounts import services as account_services
from accounts.models import User

from ..models import Participant
from .errors import AccountExistsError, ParticipantError


@transaction.atomic
def create_account_for(*, participant: Participant, by: User | None) -> User:
    """Open an account for this participant and e-mail them the link to choose a password."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.user_id is not None:
        raise AccountExistsError(_("This participant already has an account."))
    if User.objects.filter(email__iexact=participant.email).exists():
        raise ParticipantError(
            _("An account with this e-mail address already exists; ask an admin to link it.")
        )
    user = account_services.create_account(
        email=participant.email,
        name=participant.full_name,
        language=participant.preferred_language,
    )
    participant.user = user
    participant.save(update_fields=["user", "updated_at"])
    audit.record(
        actor=by,
        action="participant.account_created",
        obj=participant,
        changes={"user_id": [None, user.pk]},
    )
    account_services.invite_to_account(user=user)
    return user
