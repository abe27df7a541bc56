"""Django's ModelBackend, except that the account of a signed-in request is read together
with its member of staff, their organisation, unit and site: policy.actor_for needs them on
every page, and one query instead of two is felt on the pages a candidate loads at every
question (bench/profile_answer_cycle.py). That read runs on every request, so it is
compiled once per process (acculture.prepared)."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from acculture.people.models import User
from acculture.prepared import PreparedRead

ACCOUNT = PreparedRead(
    lambda pk: User._default_manager.select_related(
        "person__organisation", "person__unit", "person__site"
    ).filter(pk=pk),
    pk=-917_000_001,
)


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = ACCOUNT.first(pk=User._meta.pk.to_python(user_id))
        except ValidationError:
            return None
        if user is None:
            return None
        return user if self.user_can_authenticate(user) else None
