"""API authentication: a browser session (with CSRF) or a personal token (Bearer).

Every operation accepts either (`AUTH`); both end with `request.actor` set, so an
operation never needs to know which one was used.
"""

from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from acculture.people.models import ApiToken
from acculture.people.policy import actor_for
from acculture.people.services import api_token_digest

# last_used_at is a hint for the person ("is this script still running?"), not an audit
# trail: writing it on every call would turn each read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=5)


class PersonalToken(HttpBearer):
    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        api_token = (
            ApiToken.objects.select_related("person__user")
            .filter(token_hash=api_token_digest(token), revoked_at__isnull=True)
            .first()
        )
        if api_token is None or api_token.person.user is None:
            return None
        actor = actor_for(api_token.person.user)
        if actor.person is None:  # a person who left, or a deactivated account
            return None
        now = timezone.now()
        if api_token.last_used_at is None or api_token.last_used_at < now - LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = actor.user
        request.actor = actor
        return api_token


bearer = PersonalToken()
# The bearer goes first: ninja's session auth checks CSRF on a POST before it even looks
# for a session cookie, and its failure is an error (403), not "try the next one"; so a
# script's POST with a token and no cookie would never reach the bearer.
AUTH = [bearer, django_auth]
