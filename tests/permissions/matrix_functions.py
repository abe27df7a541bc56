"""Functions: every member of staff sees their own functions and what any function of
their organisation needs; HR and the CDO define functions, assign holders and see who
does not meet the requirement."""

from tests.permissions.common import API_STAFF, LOGIN, STAFF, ApiEntry, Entry, everyone, only


def a_function(cast):
    """A function of the cast's organisation, required at 3.0 overall, held by the employee."""
    from datetime import date

    from acculture.frameworks.models import Framework
    from acculture.functions.models import Function, Holding
    from tests.assessments.conftest import make_bank

    framework = Framework.objects.filter(code="test").first() or make_bank(
        codes=("1.1",), per_level=1, levels=(2, 3)
    )
    function, _ = Function.objects.get_or_create(
        organisation=cast.org, name="Matrix function", defaults={"framework": framework, "overall_level": 3}
    )
    Holding.objects.get_or_create(
        function=function, person=cast.employee, defaults={"started_on": date(2026, 1, 1)}
    )
    return {"pk": function.pk}


def a_holding(cast):
    from acculture.functions.models import Holding

    pk = a_function(cast)["pk"]
    return {"pk": pk, "holding_pk": Holding.objects.get(function_id=pk, person=cast.employee).pk}


STAFF_PAGE = {**STAFF, "anonymous": LOGIN, "platform_admin": 302}
MANAGERS = {"hr": 200, "cdo": 200, "outsider": 200}  # their own organisation's pages
OWNERS = {"hr": 200, "cdo": 200, "outsider": 404}  # another organisation's function: not found

MATRIX = {
    "functions:mine": Entry(STAFF_PAGE),
    "functions:eligibility": Entry({**STAFF_PAGE, "outsider": 404}, a_function),
    "functions:list": Entry(only(MANAGERS)),
    "functions:create": Entry(only(MANAGERS)),
    "functions:detail": Entry(only(OWNERS), a_function),
    "functions:edit": Entry(only(OWNERS), a_function),
    "functions:holder-add": Entry(only(OWNERS), a_function),
    "functions:holder-upload": Entry(only(OWNERS), a_function),
    # POST only: a GET is refused before anything else (tests/functions check the POST).
    "functions:holder-remove": Entry(only({"hr": 405, "cdo": 405, "outsider": 405}), a_holding),
    "functions:compliance": Entry(only(MANAGERS)),
    "functions:compliance-csv": Entry(only(MANAGERS), page=False),
    "functions:compliance-xlsx": Entry(only(MANAGERS), page=False),
}


def api_function(cast):
    return {"function_id": a_function(cast)["pk"]}


API_MATRIX = {
    ("get", "/api/v1/functions/"): API_STAFF,
    ("get", "/api/v1/functions/mine"): API_STAFF,
    ("get", "/api/v1/functions/{function_id}/eligibility"): ApiEntry(
        {**API_STAFF, "outsider": 404}, api_function
    ),
}

__all__ = ["API_MATRIX", "MATRIX", "everyone"]
