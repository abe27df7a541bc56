"""The API: a person's functions and eligibility, never another organisation's."""

from tests.functions.conftest import give_result, hold, make_function


def test_the_eligibility_operation_returns_each_requirement_its_gap_and_a_path(cast, framework, login):
    function = make_function(cast.org, framework, overall=2, minimums={"1.1": 4})
    hold(function, cast.employee, days_ago=5)
    give_result(cast.employee, framework, 3.0, {"1.1": 2.5}, days_ago=2)
    body = login(cast.employee).get(f"/api/v1/functions/{function.pk}/eligibility").json()
    assert body["met"] is False and body["holds"] is True and body["grace_until"]
    assert [(r["competence"], r["met"], r["gap"]) for r in body["requirements"]] == [
        (None, True, "0.0"),
        ("1.1", False, "1.5"),
    ]
    assert body["evidence"]["kind"] == "assessment" and body["evidence"]["counts"] is True
    assert body["path"][0]["competence"] == "1.1"
    assert body["path"][0]["tutorials"][0]["code"] == "tut-1.1"


def test_another_organisations_function_is_not_found(cast, framework, login):
    function = make_function(cast.org, framework, overall=2)
    response = login(cast.outsider).get(f"/api/v1/functions/{function.pk}/eligibility")
    assert response.status_code == 404
    assert login(cast.outsider).get(f"/api/v1/functions/{10**30}/eligibility").status_code in (404, 422)


def test_the_list_and_mine_show_the_callers_organisation_and_holdings(cast, framework, login):
    held = make_function(cast.org, framework, overall=2, minimums={"1.2": 3})
    make_function(cast.org, framework, name="Other", overall=4)
    make_function(cast.other_org, framework, name="Elsewhere", overall=1)
    hold(held, cast.employee)
    client = login(cast.employee)
    listed = client.get("/api/v1/functions/").json()
    assert [(f["name"], f["holds"], f["competences"]) for f in listed] == [
        ("Other", False, {}),
        ("Records officer", True, {"1.2": "3.0"}),
    ]
    mine = client.get("/api/v1/functions/mine").json()
    assert [(m["name"], m["met"], m["evidence"]) for m in mine] == [("Records officer", False, None)]
