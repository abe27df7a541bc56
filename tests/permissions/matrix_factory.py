"""The Digital Factory's entries of the permission matrix."""

from tests.permissions.common import API_OWNER_ONLY, API_STAFF, LOGIN, STAFF, ApiEntry, Entry, everyone, only

STAFF_PAGE = {**STAFF, "anonymous": LOGIN, "platform_admin": 302}
OTHER_ORG = {**STAFF_PAGE, "outsider": 404}  # an object of the cast's organisation
POST_ONLY = {**everyone(405), "anonymous": LOGIN, "platform_admin": 302}
RUNNERS = {"facilitator": 200, "cdo": 200, "outsider": 200}  # their own organisation's list
SESSION_RUNNERS = {"facilitator": 200, "cdo": 200, "outsider": 404}
MANAGERS = {"cdo": 200, "outsider": 200}


def _objects(cast):
    """A workshop; an upcoming session; a past one the employee attended; a past one
    nobody registered for. Built once per test (the matrix calls this for every entry)."""
    from datetime import timedelta

    from django.utils import timezone

    from acculture.factory import services
    from acculture.factory.models import Registration, Session, Workshop
    from tests.factory.conftest import make_session, make_workshop, started

    workshop = Workshop.objects.filter(organisation=cast.org, title="Matrix").first()
    if workshop is None:
        workshop = make_workshop(cast.org, "Matrix")
        make_session(cast, workshop=workshop)
        attended = make_session(cast, workshop=workshop, days=8)
        registration = services.registration_create(session=attended, person=cast.employee)
        started(attended, minutes=120)
        services.attendance_record(session=attended, attended={registration.pk}, actor=None)
        closed = make_session(cast, workshop=workshop, days=9)
        started(closed, minutes=30)
    sessions = list(Session.objects.filter(workshop=workshop).order_by("pk"))
    now = timezone.now()
    assert sessions[0].starts_at > now and sessions[1].starts_at < now - timedelta(minutes=60)
    registration = Registration.objects.get(session=sessions[1], person=cast.employee)
    return {"workshop": workshop, "upcoming": sessions[0], "attended": sessions[1], "closed": sessions[2],
            "registration": registration}  # fmt: skip


def upcoming(cast):
    return {"pk": _objects(cast)["upcoming"].pk}


def attended(cast):
    return {"pk": _objects(cast)["attended"].pk}


def workshop(cast):
    return {"pk": _objects(cast)["workshop"].pk}


def lab(cast):
    return {"pk": _objects(cast)["upcoming"].factory_id}


MATRIX = {
    "factory:index": Entry(STAFF_PAGE),
    "factory:calendar": Entry(STAFF_PAGE),
    "factory:workshops": Entry(STAFF_PAGE),
    "factory:workshop-detail": Entry(OTHER_ORG, workshop),
    "factory:session-detail": Entry(OTHER_ORG, upcoming),
    # POST only; what a POST does is tested in tests/factory/test_pages.py.
    "factory:session-register": Entry(POST_ONLY, upcoming),
    "factory:session-cancel": Entry(POST_ONLY, upcoming),
    "factory:session-accept": Entry(POST_ONLY, upcoming),
    "factory:session-ics": Entry(OTHER_ORG, upcoming, page=False),
    # Only an attendee has a feedback form: everyone else meets "not found".
    "factory:session-feedback": Entry(
        {**everyone(404), "anonymous": LOGIN, "platform_admin": 302, "employee": 200}, attended
    ),
    "factory:run": Entry(only(RUNNERS)),
    "factory:session-create": Entry(only(RUNNERS)),
    "factory:session-manage": Entry(only(SESSION_RUNNERS), upcoming),
    "factory:session-publish": Entry(only({"facilitator": 405, "cdo": 405, "outsider": 405}), upcoming),
    "factory:session-attendance": Entry(only(SESSION_RUNNERS), attended),
    "factory:session-withdraw": Entry(only(SESSION_RUNNERS), upcoming),
    "factory:session-edit": Entry(only(SESSION_RUNNERS), upcoming),
    "factory:manage": Entry(only(MANAGERS)),
    "factory:lab-create": Entry(only(MANAGERS)),
    "factory:lab-edit": Entry(only({"cdo": 200, "outsider": 404}), lab),
    "factory:workshop-create": Entry(only(MANAGERS)),
    "factory:workshop-edit": Entry(only({"cdo": 200, "outsider": 404}), workshop),
}

API_CAST_ORG = {**API_STAFF, "outsider": 404}
P = "/api/v1/factory"

API_MATRIX = {
    ("get", f"{P}/workshops"): API_STAFF,
    ("get", f"{P}/workshops/{{workshop_id}}"): ApiEntry(
        API_CAST_ORG, lambda cast: {"workshop_id": _objects(cast)["workshop"].pk}
    ),
    ("get", f"{P}/sessions"): API_STAFF,
    ("get", f"{P}/sessions/{{session_id}}"): ApiEntry(
        API_CAST_ORG, lambda cast: {"session_id": _objects(cast)["upcoming"].pk}
    ),
    ("get", f"{P}/sessions/{{session_id}}/attendees"): ApiEntry(
        {**API_OWNER_ONLY, "facilitator": 200, "cdo": 200},
        lambda cast: {"session_id": _objects(cast)["upcoming"].pk},
    ),
    ("get", f"{P}/registrations"): API_STAFF,
    # A session that has started: registering is refused (409) and changes nothing.
    ("post", f"{P}/sessions/{{session_id}}/registrations"): ApiEntry(
        {**API_CAST_ORG, **{r: 409 for r in STAFF if r != "outsider"}},
        lambda cast: {"session_id": _objects(cast)["closed"].pk},
        body={},
    ),
    # The employee's seat in a past session: too late to cancel (409); accepting a seat
    # already held returns it unchanged (200). Anyone else's registration is not found.
    ("post", f"{P}/registrations/{{registration_id}}/cancel"): ApiEntry(
        {**API_OWNER_ONLY, "employee": 409},
        lambda cast: {"registration_id": _objects(cast)["registration"].pk},
        body={},
    ),
    ("post", f"{P}/registrations/{{registration_id}}/accept"): ApiEntry(
        {**API_OWNER_ONLY, "employee": 200},
        lambda cast: {"registration_id": _objects(cast)["registration"].pk},
        body={},
    ),
}
