"""A read compiled once (acculture.prepared) gives the objects its queryset gives: every
field converted the same way, every select_related object filled in, on either database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from acculture.people.backends import ACCOUNT
from acculture.people.models import User
from acculture.prepared import PreparedRead
from tests.learning.conftest import make_unit


def fields(obj) -> dict | None:
    return None if obj is None else {name: value for name, value in vars(obj).items() if name != "_state"}


def test_the_account_is_the_one_the_orm_reads_with_its_person_and_places(cast):
    cast.employee.unit = make_unit(cast.org, "Direction / Team")  # and no site: read as None
    cast.employee.save()
    expected = User.objects.select_related("person__organisation", "person__unit", "person__site").get(
        pk=cast.employee.user_id
    )
    with CaptureQueriesContext(connection) as queries:
        account = ACCOUNT.first(pk=cast.employee.user_id)
        person = account.person
        assert fields(account) == fields(expected)
        assert fields(person) == fields(expected.person)
        for place in ("organisation", "unit", "site"):
            assert fields(getattr(person, place)) == fields(getattr(expected.person, place))
    assert len(queries) == 1  # the related objects came with the row
    assert person.unit.path == "Direction / Team" and person.site is None
    assert account._state.adding is False and account._state.db == "default"
    assert ACCOUNT.first(pk=10**9) is None


def test_an_example_value_that_is_not_a_parameter_of_its_own_is_refused(cast):
    # 5 is also the value of the other filter: the compiled SQL could not tell them apart.
    twice = PreparedRead(lambda pk: User.objects.filter(pk=pk, id__gte=5), pk=5)
    with pytest.raises(ValueError, match="must appear once"):
        twice.first(pk=cast.employee.user_id)
