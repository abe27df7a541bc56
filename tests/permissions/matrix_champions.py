"""Champions: the directory and one's own status for all staff; putting a report forward
for managers; the profile for champions; decisions, suggestions and coverage for the CDO."""

from tests.permissions.common import API_STAFF, LOGIN, STAFF, ApiEntry, Entry, everyone, only

STAFF_PAGE = {**STAFF, "anonymous": LOGIN, "platform_admin": 302}


def pending_nomination(cast):
    from acculture.champions.models import Nomination

    found = Nomination.objects.filter(
        person=cast.employee, status="pending"
    ).first() or Nomination.objects.create(
        organisation=cast.org,
        person=cast.employee,
        source="self",
        nominated_by=cast.employee,
        reason="Matrix",
    )
    return {"pk": found.pk}


MATRIX = {
    "champions:directory": Entry(STAFF_PAGE),
    "champions:me": Entry(STAFF_PAGE),
    # Only a champion has a profile to change; every other member of staff is refused.
    # POST only: a champion steps down (tests/champions).
    "champions:step-down": Entry({**everyone(405), "anonymous": LOGIN, "platform_admin": 302}),
    "champions:profile": Entry({**everyone(403), "anonymous": LOGIN, "platform_admin": 302, "champion": 200}),
    # POST only; someone else's nomination is a 404 (tests/champions).
    "champions:withdraw": Entry(
        {**everyone(405), "anonymous": LOGIN, "platform_admin": 302}, lambda cast: {"pk": 1}
    ),
    "champions:nominate": Entry(only({"manager": 200})),
    "champions:manage": Entry(only({"cdo": 200, "outsider": 200})),
    "champions:decide": Entry(only({"cdo": 200, "outsider": 404}), pending_nomination),
    "champions:suggestions": Entry(only({"cdo": 200, "outsider": 200})),
    "champions:suggest": Entry(only({"cdo": 405, "outsider": 405}), lambda cast: {"pk": cast.employee.pk}),
    "champions:coverage": Entry(only({"cdo": 200, "outsider": 200})),
}

API_MATRIX = {
    ("get", "/api/v1/champions/directory"): API_STAFF,
    ("get", "/api/v1/champions/coverage"): ApiEntry(
        {**everyone(403), "anonymous": 401, "platform_admin": 404, "cdo": 200, "outsider": 200}
    ),
}
