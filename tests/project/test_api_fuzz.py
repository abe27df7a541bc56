"""schemathesis against the OpenAPI document: generated requests to every operation, with
a valid token, must never get a server error nor an answer outside the documented schema,
and a rejected request changes nothing."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from acculture.assessments.models import Assessment, Response
from acculture.people.models import ApiToken
from acculture.people.services import api_token_create
from acculture.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """A WSGI request closes the database connection when it ends; the test's transaction
    lives on that connection, so detach the closing as Django's own test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_server_error_or_changes_anything_when_rejected(case, cast):
    from tests.assessments.conftest import make_bank

    if not ApiToken.objects.filter(person=cast.employee).exists():
        make_bank(codes=("1.1",), per_level=1, levels=(2, 3))
    _token_row, token = api_token_create(person=cast.employee, name="fuzz")
    before = (Assessment.objects.count(), Response.objects.count())
    response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
    if response.status_code >= 400:
        assert (Assessment.objects.count(), Response.objects.count()) == before
