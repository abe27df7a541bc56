"""The authentication backend reads a signed-in request's account with its person, their
organisation, unit and site, so that the actor costs no query of its own."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from acculture.people.backends import AccountBackend
from acculture.people.models import Role
from acculture.people.policy import actor_for


def test_the_account_comes_with_its_person_and_the_actor_needs_no_query(cast):
    user = AccountBackend().get_user(cast.employee.user_id)
    with CaptureQueriesContext(connection) as queries:
        actor = actor_for(user)
        assert actor.person == cast.employee and actor.organisation.name == cast.org.name
        assert actor.person.unit == cast.employee.unit and actor.person.site == cast.employee.site
    assert len(queries) == 0


def test_an_account_without_a_person_is_no_member_of_staff(cast):
    user = AccountBackend().get_user(cast.admin.pk)
    with CaptureQueriesContext(connection) as queries:
        actor = actor_for(user)
        assert actor.person is None and actor.roles == {Role.PLATFORM_ADMIN}
    assert len(queries) == 0


def test_a_person_who_left_or_an_inactive_account_gets_nothing(cast):
    cast.employee.is_active = False
    cast.employee.save()
    assert actor_for(AccountBackend().get_user(cast.employee.user_id)).person is None
    cast.manager.user.is_active = False
    cast.manager.user.save()
    assert AccountBackend().get_user(cast.manager.user_id) is None
    assert AccountBackend().get_user(10**9) is None
