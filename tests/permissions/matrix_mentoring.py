"""Reverse mentoring in the permission matrix: a person's own pages, their own pair, and
the CDO's programme pages (another organisation's programme is "not found")."""

from tests.permissions.common import API_STAFF, LOGIN, STAFF, Entry, everyone, only

MEMBER_ONLY = {**everyone(404), "anonymous": LOGIN, "platform_admin": 302, "employee": 200}
CDO_LIST = {"cdo": 200, "outsider": 200}
CDO_OWN = {"cdo": 200, "outsider": 404}
CDO_POST = {"cdo": 405, "outsider": 405}


def programme(cast) -> dict:
    """An open programme of the cast's organisation, in which Emma mentors a leader."""
    from datetime import timedelta

    from django.utils import timezone

    from acculture.mentoring.models import Pair, Programme
    from tests.mentoring.factories import enrol, make_framework, make_leader, make_programme

    found = Programme.objects.filter(organisation=cast.org, title="Matrix programme").first()
    if found is None:
        found = make_programme(cast.org, make_framework(), title="Matrix programme")
        mentor = enrol(found, cast.employee, "mentor")
        mentee = enrol(found, make_leader(cast.org, "MX01", "Matrix", account=False), "mentee")
        Pair.objects.create(programme=found, mentor=mentor, mentee=mentee, status="active",
                            activated_at=timezone.now() - timedelta(days=1),
                            reasons={"strong": [["1.1", 6.0]], "slots": ["mon-am"], "languages": ["fr"]})  # fmt: skip
    return {"pk": found.pk}


def pair(cast) -> dict:
    from acculture.mentoring.models import Pair

    programme(cast)
    return {"pk": Pair.objects.get(programme__title="Matrix programme", mentor__person=cast.employee).pk}


def enrol_as_mentor(cast) -> dict:
    return {**programme(cast), "role": "mentor"}


def midpoint_feedback(cast) -> dict:
    return {**pair(cast), "kind": "midpoint"}


MATRIX = {
    "mentoring:index": Entry({**STAFF, "anonymous": LOGIN, "platform_admin": 302}),
    # Staff-level people may mentor; the manager (middle manager) may not on that side.
    "mentoring:enrol": Entry(
        {**STAFF, "manager": 403, "outsider": 404, "anonymous": LOGIN, "platform_admin": 302}, enrol_as_mentor
    ),
    # A pair's pages: its two members only; everyone else meets "not found".
    "mentoring:pair-detail": Entry(MEMBER_ONLY, pair),
    "mentoring:pair-answer": Entry({**everyone(405), "anonymous": LOGIN, "platform_admin": 302}, pair),
    "mentoring:meeting-create": Entry(MEMBER_ONLY, pair),
    "mentoring:feedback": Entry(MEMBER_ONLY, midpoint_feedback),
    "mentoring:programme-list": Entry(only(CDO_LIST)),
    "mentoring:programme-create": Entry(only(CDO_LIST)),
    "mentoring:programme-detail": Entry(only(CDO_OWN), programme),
    "mentoring:programme-edit": Entry(only(CDO_OWN), programme),
    "mentoring:programme-action": Entry(only(CDO_POST), programme),
    "mentoring:matching": Entry(only(CDO_OWN), programme),
    "mentoring:swap": Entry(only(CDO_POST), programme),
    "mentoring:proposal-action": Entry(only(CDO_POST), pair),
    "mentoring:report": Entry(only(CDO_OWN), programme),
    "mentoring:feedback-list": Entry(only(CDO_OWN), programme),
}

API_MATRIX = {
    ("get", "/api/v1/mentoring/pairs"): API_STAFF,
}
