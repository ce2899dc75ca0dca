"""Authentication backends that load a signed-in user with their participant record and roles.

Every signed-in request loads the user from the session, and almost every page then asks
for their participant record and roles. All three are read in one go and kept beside
the session in the cache under the data version (platform_site/page_cache.py and
sessions.py), so a repeat visit reads none of them from the database, in the same round
trip as the session, and any change to them is seen on the next request.
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from platform_site import page_cache
from platform_site.sessions import keep_user_of_this_session, user_of_this_session

from .permissions import remember_participant, remember_roles


class _UserWithParticipant:
    def get_user(self, user_id):
        user = user_of_this_session(user_id)
        if user is None:
            version = page_cache.data_version() if page_cache.enabled() else 0
            user = (
                get_user_model()
                ._default_manager.select_related(
                    "participant", "participant__country", "participant__organisation"
                )
                .filter(pk=user_id)
                .first()
            )
            if user is None:
                return None
            remember_participant(user)
            if page_cache.enabled():
                remember_roles(user)  # to carry them in the cache
                keep_user_of_this_session(user, version=version)
        return user if self.user_can_authenticate(user) else None


class ModelBackend(_UserWithParticipant, DjangoModelBackend):
    pass


class AuthenticationBackend(_UserWithParticipant, AllauthBackend):
    pass
