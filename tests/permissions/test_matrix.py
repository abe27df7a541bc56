"""The permission matrix: every URL pattern and every API operation × every role.

The test walks the URL configuration and the OpenAPI document, so a new page or
operation without an entry here fails the build: whoever adds it must decide, in one
place, who may use it. Outcomes are what a GET gets: a status code, or LOGIN for a
redirect to the sign-in page. Changes (POST) are checked in each app's own tests.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from acculture.people.models import StaffImport

ROLES = [
    "anonymous", "employee", "manager", "champion", "facilitator", "proctor", "hr", "cdo",
    "platform_admin", "outsider",
]  # fmt: skip
LOGIN = "login"
STAFF = {r: 200 for r in ROLES if r not in ("anonymous", "platform_admin")}


def everyone(outcome) -> dict:
    return dict.fromkeys(ROLES, outcome)


def only(allowed: dict, others=403, anonymous=LOGIN) -> dict:
    return {**everyone(others), "anonymous": anonymous, **allowed}


@dataclass
class Entry:
    expected: dict
    kwargs: Callable = field(default=lambda cast: {})
    page: bool = True  # an HTML page (checked for accessibility), not a download or a probe


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


def with_position(factory):
    return lambda cast: {**factory(cast), "position": 1}


OWNER_ONLY = {**everyone(404), "anonymous": LOGIN, "platform_admin": 302, "employee": 200}

REVIEWERS = {"cdo": 200, "outsider": 200, "platform_admin": 200}  # items are global: any organisation's CDO

MATRIX: dict[str, Entry] = {
    "home": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}),
    "healthz": Entry(everyone(200), page=False),
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
    "assessments:index": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}),
    "assessments:start": Entry({**everyone(405), "anonymous": LOGIN, "platform_admin": 302}),
    "assessments:progress": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}),
    # A person's own assessment: everyone else, of any role, meets "not found".
    "assessments:question": Entry(OWNER_ONLY, employee_assessment(completed=False)),
    "assessments:feedback": Entry(OWNER_ONLY, with_position(employee_assessment(completed=True))),
    "assessments:results": Entry(OWNER_ONLY, employee_assessment(completed=True)),
    "assessments:review": Entry(OWNER_ONLY, employee_assessment(completed=True)),
    # The technical admin: platform administrators only; everyone else meets its login.
    "admin:index": Entry({**everyone(302), "platform_admin": 200}),
}

# API operations (method, path in the OpenAPI document) → outcome per role.
API_MATRIX: dict[tuple[str, str], dict] = {
    ("get", "/api/v1/people/me"): {**everyone(200), "anonymous": 401, "platform_admin": 404},
}


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


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_outcome_on_every_api_operation(client, cast, role):
    sign_in(client, cast, role)
    seen = {op: client.generic(op[0].upper(), op[1]).status_code for op in API_MATRIX}
    assert seen == {op: expected[role] for op, expected in API_MATRIX.items()}
