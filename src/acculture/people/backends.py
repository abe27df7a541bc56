"""Django's ModelBackend, except that the account of a signed-in request is read together
with its member of staff, their organisation, unit and site: policy.actor_for needs them on
every page, and one query instead of two is felt on the pages a candidate loads at every
question (bench/profile_answer_cycle.py)."""

from django.contrib.auth.backends import ModelBackend

from acculture.people.models import User


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        accounts = User._default_manager.select_related(
            "person__organisation", "person__unit", "person__site"
        )
        try:
            user = accounts.get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
