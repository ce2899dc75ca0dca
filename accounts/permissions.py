"""The one place that answers "who is this user?" for every view.

Staff are members of the `secretariat` group, admins of `platform-admin` (admins can do
everything staff can). A participant is a user linked to a Participant record. Answers are
cached on the request's user object so a page asks the database once, whatever it renders.
Whether the person has set up two-factor (TOTP) comes with the roles in the same query:
every staff page asks both (the notice "set up two-factor", and the rule that staff must).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists

from .roles import ADMIN_GROUP, STAFF_GROUP

if TYPE_CHECKING:
    from django.db.models import Model

_ROLE_CACHE = "_platform_roles"
_PARTICIPANT_CACHE = "_platform_participant"
_TOTP_CACHE = "_platform_has_totp"


def _totp_exists(user):
    return Exists(Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP))


def _group_names(user) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, _ROLE_CACHE, None)
    if cached is None:
        # One row per group, each also saying whether the user has TOTP: staff (who are in
        # a group) get both answers from this one query.
        rows = list(
            user.groups.annotate(has_totp=_totp_exists(user)).values_list("name", "has_totp")
        )
        cached = frozenset(name for name, _has_totp in rows)
        setattr(user, _ROLE_CACHE, cached)
        if rows:
            setattr(user, _TOTP_CACHE, bool(rows[0][1]))
    return cached


def has_two_factor(user) -> bool:
    """Whether the user has set up an authenticator app (TOTP)."""
    if not getattr(user, "is_authenticated", False):
        return False
    _group_names(user)
    if not hasattr(user, _TOTP_CACHE):
        setattr(
            user,
            _TOTP_CACHE,
            Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
        )
    return getattr(user, _TOTP_CACHE)


def needs_two_factor_notice(user) -> bool:
    """Staff and admins are told on every staff page until their own TOTP is set up."""
    return is_staff_member(user) and not has_two_factor(user)


def is_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or ADMIN_GROUP in _group_names(user)


def is_staff_member(user) -> bool:
    """Secretariat staff or admin."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return is_admin(user) or STAFF_GROUP in _group_names(user)


def participant_model() -> type[Model]:
    """The participant record's model (participants.Participant), reached through the
    account's reverse relation `user.participant`: accounts imports nothing of participants,
    which builds on it."""
    return get_user_model()._meta.get_field("participant").related_model


def participant_for(user) -> Model | None:
    """The active participant record (participants.Participant) linked to this user, or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not hasattr(user, _PARTICIPANT_CACHE):
        participant = (
            participant_model()
            .objects.select_related("country", "organisation")
            .filter(user=user, is_active=True)
            .first()
        )
        setattr(user, _PARTICIPANT_CACHE, participant)
    return getattr(user, _PARTICIPANT_CACHE)


def forget_roles(user) -> None:
    """Drop the per-request cache (after a role change within one request)."""
    for attr in (_ROLE_CACHE, _PARTICIPANT_CACHE, _TOTP_CACHE):
        if hasattr(user, attr):
            delattr(user, attr)


def _guard(check: Callable[[Any], bool]) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = _guard(is_staff_member)
admin_required = _guard(is_admin)


def participant_required(view: Callable) -> Callable:
    """Portal views: the signed-in user must be an active participant; sets request.participant."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        participant = participant_for(request.user)
        if participant is None:
            raise PermissionDenied
        request.participant = participant
        return view(request, *args, **kwargs)

    return wrapped
