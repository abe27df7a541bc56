"""The permission matrix: every URL pattern and every API operation × every role.

The test walks the URL configuration and the OpenAPI document, so a new page or
operation without an entry here fails the build: whoever adds it must decide, in one
place, who may use it. Outcomes are what a GET gets: a status code, or LOGIN for a
redirect to the sign-in page. Changes (POST) are checked in each app's own tests.
"""

import importlib
import json
import pkgutil
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from acculture.people.models import StaffImport
from tests.permissions.common import (
    API_OWNER_ONLY,
    API_STAFF,
    LOGIN,
    ROLES,
    STAFF,
    ApiEntry,
    Entry,
    everyone,
    only,
)


def staff_import(cast):
    return {
        "pk": StaffImport.objects.create(
            organisation=cast.org, filename="s.csv", content=b"x", status="checked"
        ).pk
    }


def content_item(cast):
    """One item to preview; items belong to no organisation (content/)."""
    from acculture.content.models import Item
    from acculture.frameworks.models import Competence, Domain, Framework

    framework, _ = Framework.objects.get_or_create(
        code="matrix", version="1", defaults={"name_fr": "M", "name_en": "M"}
    )
    domain, _ = Domain.objects.get_or_create(
        framework=framework, code="1", defaults={"name_fr": "D", "name_en": "D"}
    )
    competence, _ = Competence.objects.get_or_create(framework=framework, domain=domain, code="1.1")
    Item.objects.get_or_create(
        code="matrix-001",
        defaults={"competence": competence, "level": 1, "type": "single", "status": "live", "stem_fr": "Q ?",
                  "stem_en": "Q?", "choices": [{"id": "a", "fr": "A", "en": "A", "why": "Key."}],
                  "answer": {"key": ["a"]}},
    )  # fmt: skip
    return {"code": "matrix-001"}


def employee_assessment(completed: bool):
    """An assessment of the employee's: a finished one, or one in progress with one answer."""

    def make(cast):
        from django.test import override_settings

        from acculture.assessments.models import Assessment
        from acculture.assessments.services import assessment_start, response_submit
        from acculture.frameworks.models import Framework
        from tests.assessments.conftest import make_bank

        status = "completed" if completed else "in_progress"
        if found := Assessment.objects.filter(person=cast.employee, status=status).first():
            return {"pk": found.pk}
        if not Framework.objects.filter(code="test").exists():
            make_bank(codes=("1.1",), per_level=1, levels=(2, 3))
        with override_settings(ASSESSMENT_RETAKE_DAYS=0):
            assessment = assessment_start(person=cast.employee)
        while True:
            assessment = response_submit(
                assessment_id=assessment.pk, person=cast.employee, position=assessment.current_position,
                item_code=assessment.current_item.code, response="b", idempotency_key=str(assessment.current_position),
            ).assessment  # fmt: skip
            if assessment.status == "completed" or not completed:
                return {"pk": assessment.pk}

    return make


def employee_token(cast) -> int:
    from acculture.people.models import ApiToken
    from acculture.people.services import api_token_create

    found = ApiToken.objects.filter(person=cast.employee).first()
    return (found or api_token_create(person=cast.employee, name="matrix")[0]).pk


def campaign(launched: bool):
    """A campaign of the cast's organisation; the launched one invites everyone, and the
    manager's team sits in one unit so that the manager has units to follow."""

    def make(cast):
        from datetime import timedelta

        from django.utils import timezone

        from acculture.assessments.campaign_services import campaign_launch
        from acculture.assessments.models import Campaign
        from acculture.frameworks.models import Framework
        from acculture.people.models import Person, Unit
        from tests.assessments.conftest import make_bank

        title = "Matrix launched" if launched else "Matrix draft"
        if found := Campaign.objects.filter(organisation=cast.org, title=title).first():
            return {"pk": found.pk}
        framework = Framework.objects.filter(code="test").first() or make_bank(
            codes=("1.1",), per_level=1, levels=(2, 3)
        )
        unit, _ = Unit.objects.get_or_create(organisation=cast.org, path="Team", defaults={"name": "Team"})
        Person.objects.filter(
            pk__in=[cast.manager.pk, *cast.manager.reports.values_list("pk", flat=True)]
        ).update(unit=unit)
        today = timezone.localdate()
        found = Campaign.objects.create(
            organisation=cast.org, title=title, framework=framework, opens_on=today,
            closes_on=today + timedelta(days=30),
        )  # fmt: skip
        if launched:
            campaign_launch(campaign=found, actor=None)
        return {"pk": found.pk}

    return make


def tutorial_code(cast):
    from acculture.content.models import Tutorial
    from acculture.frameworks.models import Framework
    from tests.assessments.conftest import make_bank

    if not Framework.objects.filter(code="test").exists():
        make_bank(codes=("1.1",), per_level=1, levels=(2, 3))
    return {"code": Tutorial.objects.first().code}


def pending_declaration(cast):
    """A declaration of the employee's waiting for their manager (Marc)."""
    from django.utils import timezone

    from acculture.learning.models import TimeEntry

    found = TimeEntry.objects.filter(person=cast.employee, status="pending").first() or TimeEntry.objects.create(
        person=cast.employee, source="declared", minutes=30, date=timezone.localdate(), description="Matrix",
        status="pending",
    )  # fmt: skip
    return {"pk": found.pk}


def with_position(factory):
    return lambda cast: {**factory(cast), "position": 1}


OWNER_ONLY = {**everyone(404), "anonymous": LOGIN, "platform_admin": 302, "employee": 200}

CAMPAIGN_MANAGERS = {"hr": 200, "cdo": 200, "outsider": 200}  # their own organisation's list
CAMPAIGN_OWNERS = {"hr": 200, "cdo": 200, "outsider": 404}  # another organisation's CDO: not found
CAMPAIGN_ACTIONS = {"hr": 405, "cdo": 405, "outsider": 405}  # POST only

REVIEWERS = {"cdo": 200, "outsider": 200, "platform_admin": 200}  # items are global: any organisation's CDO

MATRIX: dict[str, Entry] = {
    "home": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}),
    "healthz": Entry(everyone(200), page=False),
    "favicon": Entry(everyone(204), page=False),
    "set-language": Entry(everyone(302)),
    "people:login": Entry({**everyone(302), "anonymous": 200}),
    "people:logout": Entry(everyone(405)),
    "people:password-reset": Entry(everyone(200)),
    "people:password-reset-sent": Entry(everyone(200)),
    "people:password-reset-confirm": Entry(
        everyone(200), lambda cast: {"uidb64": "MQ", "token": "bad-token"}
    ),
    "people:password-reset-complete": Entry(everyone(200)),
    "people:me": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}),
    "people:tokens": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}),
    # A GET is refused for everyone (405); a POST on someone else's token is a 404 (test_tokens).
    "people:token-revoke": Entry(
        {**everyone(405), "anonymous": LOGIN, "platform_admin": 302},
        lambda cast: {"pk": employee_token(cast)},
    ),
    "people:import": Entry(only({"hr": 200, "cdo": 200, "outsider": 200})),
    "people:import-detail": Entry(only({"hr": 200, "cdo": 200, "outsider": 404}), staff_import),
    "people:import-apply": Entry(only({"hr": 405, "cdo": 405, "outsider": 405}), staff_import),
    "people:export": Entry(only({"hr": 200, "cdo": 200, "outsider": 200}), page=False),
    "people:roles": Entry(only({"cdo": 200, "outsider": 200})),
    "people:role-revoke": Entry(only({"cdo": 405, "outsider": 405}), lambda cast: {"pk": 1}),
    "content:item-preview": Entry(only(REVIEWERS), content_item),
    "content:item-status": Entry(only(dict.fromkeys(REVIEWERS, 405)), content_item),
    # Only files an item names are served; this path is named by none.
    "content:attachment": Entry(only({}, others=404), lambda cast: {"path": "none/here.txt"}, page=False),
    "content:tutorial": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}, tutorial_code),
    "assessments:index": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}),
    "assessments:start": Entry({**everyone(405), "anonymous": LOGIN, "platform_admin": 302}),
    "assessments:progress": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}),
    # A person's own assessment: everyone else, of any role, meets "not found".
    "assessments:question": Entry(OWNER_ONLY, employee_assessment(completed=False)),
    "assessments:feedback": Entry(OWNER_ONLY, with_position(employee_assessment(completed=True))),
    "assessments:results": Entry(OWNER_ONLY, employee_assessment(completed=True)),
    "assessments:review": Entry(OWNER_ONLY, employee_assessment(completed=True)),
    "assessments:campaign-list": Entry(only(CAMPAIGN_MANAGERS)),
    "assessments:campaign-create": Entry(only(CAMPAIGN_MANAGERS)),
    "assessments:campaign-detail": Entry(only(CAMPAIGN_OWNERS), campaign(launched=False)),
    "assessments:campaign-edit": Entry(only(CAMPAIGN_OWNERS), campaign(launched=False)),
    "assessments:campaign-competences": Entry(only(CAMPAIGN_OWNERS), campaign(launched=False)),
    "assessments:campaign-audience": Entry(only(CAMPAIGN_OWNERS), campaign(launched=False)),
    "assessments:campaign-launch": Entry(only(CAMPAIGN_ACTIONS), campaign(launched=False)),
    "assessments:campaign-newcomers": Entry(only(CAMPAIGN_ACTIONS), campaign(launched=True)),
    "assessments:campaign-remind": Entry(only(CAMPAIGN_ACTIONS), campaign(launched=True)),
    "assessments:campaign-completion": Entry(only(CAMPAIGN_OWNERS), campaign(launched=True)),
    "assessments:campaign-completion-csv": Entry(only(CAMPAIGN_OWNERS), campaign(launched=True), page=False),
    # Managers follow the campaigns that invited people of their units (aggregates only).
    "assessments:campaign-team": Entry(only({"manager": 200})),
    "assessments:campaign-team-completion": Entry(only({"manager": 200}), campaign(launched=True)),
    # Learning time: a person's own time; managers see their units; the CDO sets policies.
    "learning:index": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}),
    "learning:declare": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}),
    "learning:export-json": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}, page=False),
    "learning:export-csv": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}, page=False),
    "learning:team": Entry(only({"manager": 200})),
    # POST only; a POST on a declaration of someone who is not a direct report is a 404.
    "learning:decide": Entry(only({"manager": 405}), pending_declaration),
    "learning:policies": Entry(only({"cdo": 200, "outsider": 200})),
    "learning:policy-create": Entry(only({"cdo": 200, "outsider": 200})),
    # The technical admin: platform administrators only; everyone else meets its login.
    "admin:index": Entry({**everyone(302), "platform_admin": 200}),
}


def api_assessment(completed: bool):
    factory = employee_assessment(completed)
    return lambda cast: {"assessment_id": factory(cast)["pk"]}


# API operations (method, path in the OpenAPI document) → outcome per role.
API_MATRIX: dict[tuple[str, str], dict | ApiEntry] = {
    ("get", "/api/v1/people/me"): API_STAFF,
    # No such campaign in anyone's organisation: staff get 404 and nothing starts.
    ("post", "/api/v1/assessments/start"): ApiEntry(
        {**API_STAFF, **dict.fromkeys(STAFF, 404)}, body={"campaign": 10**9}
    ),
    ("get", "/api/v1/assessments/results"): API_STAFF,
    ("get", "/api/v1/assessments/{assessment_id}/question"): ApiEntry(
        {**API_OWNER_ONLY, "employee": 200}, api_assessment(completed=False)
    ),
    # An answer to a question long past: the owner gets 409 (stale) and nothing is recorded.
    ("post", "/api/v1/assessments/{assessment_id}/answers"): ApiEntry(
        {**API_OWNER_ONLY, "employee": 409},
        api_assessment(completed=False),
        body={"position": 999, "item": "none", "answer": "b"},
        headers={"Idempotency-Key": "matrix"},
    ),
    ("get", "/api/v1/assessments/{assessment_id}/result"): ApiEntry(
        {**API_OWNER_ONLY, "employee": 200}, api_assessment(completed=True)
    ),
    ("get", "/api/v1/learning/entries"): API_STAFF,
    # Time declared in the future is refused (409), so the call changes nothing.
    ("post", "/api/v1/learning/entries"): ApiEntry(
        {**API_STAFF, **dict.fromkeys(STAFF, 409)},
        body={"date": "2999-01-01", "minutes": 30, "description": "Matrix"},
    ),
    ("get", "/api/v1/learning/balance"): API_STAFF,
}


def _merge_app_modules():
    """Add the entries each app keeps in tests/permissions/matrix_<app>.py."""
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module.name.startswith("matrix_"):
            found = importlib.import_module(f"tests.permissions.{module.name}")
            for name in (clash := set(found.MATRIX) & set(MATRIX)):
                raise AssertionError(f"{module.name} repeats the matrix entry {name} ({clash})")
            MATRIX.update(found.MATRIX)
            API_MATRIX.update(getattr(found, "API_MATRIX", {}))


_merge_app_modules()


def url_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in ("admin", "api"):  # admin: one entry; api: the OpenAPI matrix
                continue
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None:
                raise AssertionError(
                    f"The URL pattern {pattern.pattern} has no name: name it and add it to MATRIX."
                )
            names.add(namespace + pattern.name)
    return names


def test_every_url_pattern_has_an_entry_in_the_matrix():
    missing = sorted(url_names() - MATRIX.keys())
    assert missing == [], f"Add these URL names to the permission matrix: {missing}"


def test_every_api_operation_has_an_entry_in_the_matrix(client, db):
    document = client.get("/api/v1/openapi.json").json()
    operations = {(method, path) for path, item in document["paths"].items() for method in item}
    assert sorted(operations - API_MATRIX.keys()) == []


def sign_in(client, cast, role):
    if role == "anonymous":
        return
    user = cast.admin if role == "platform_admin" else cast.person(role).user
    client.force_login(user)


def outcome(response):
    if (
        response.status_code == 302
        and "/login/" in response["Location"]
        and "/admin/" not in response["Location"]
    ):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_outcome_on_every_page(client, cast, role):
    sign_in(client, cast, role)
    seen = {}
    for name, entry in MATRIX.items():
        url = reverse(name, kwargs=entry.kwargs(cast))
        seen[name] = outcome(client.get(url))
    expected = {name: entry.expected[role] for name, entry in MATRIX.items()}
    assert seen == expected


def api_call(client, cast, operation, entry: ApiEntry):
    method, path = operation
    url = path.format(**entry.params(cast))
    if entry.body is None:
        return client.generic(method.upper(), url, headers=entry.headers)
    return client.generic(
        method.upper(), url, json.dumps(entry.body), content_type="application/json", headers=entry.headers
    )


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_outcome_on_every_api_operation(client, cast, role):
    sign_in(client, cast, role)
    entries = {op: e if isinstance(e, ApiEntry) else ApiEntry(e) for op, e in API_MATRIX.items()}
    seen = {op: api_call(client, cast, op, entry).status_code for op, entry in entries.items()}
    assert seen == {op: entry.expected[role] for op, entry in entries.items()}
