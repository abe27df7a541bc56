"""Defining functions and assigning holders: bad input gets a clear message and writes nothing."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from acculture.frameworks.models import Competence
from acculture.functions.models import Function, Holding
from acculture.functions.services import FunctionRefused, function_save, holding_create, holdings_import
from acculture.people.models import AuditEvent
from tests.conftest import make_person
from tests.functions.conftest import hold, make_function


def save(cast, framework, **changes):
    values = dict(
        organisation=cast.org, name="Records officer", framework=framework, overall_level=Decimal("3.0"),
        minimums={}, actor=cast.hr.user,
    )  # fmt: skip
    return function_save(**{**values, **changes})


def test_saving_a_function_writes_its_requirements_and_is_audited(cast, framework):
    c11 = Competence.objects.get(framework=framework, code="1.1")
    function = save(cast, framework, minimums={c11: Decimal("3.5")})
    assert [(r.competence.code, r.minimum_level) for r in function.competence_requirements.all()] == [
        ("1.1", Decimal("3.5"))
    ]
    assert AuditEvent.objects.filter(
        action="functions.function_saved", subject=f"function:{function.pk}"
    ).exists()


def test_saving_again_replaces_the_requirements(cast, framework):
    c11, c12 = Competence.objects.filter(framework=framework, code__in=["1.1", "1.2"]).order_by("code")
    function = save(cast, framework, minimums={c11: Decimal("3.5")})
    save(cast, framework, function=function, overall_level=None, minimums={c12: Decimal("2.0")})
    function.refresh_from_db()
    assert function.overall_level is None
    assert [r.competence.code for r in function.competence_requirements.all()] == ["1.2"]


def test_a_level_out_of_range_is_refused_and_nothing_is_written(cast, framework):
    with pytest.raises(FunctionRefused, match="between 0 and 8"):
        save(cast, framework, overall_level=Decimal("8.5"))
    c11 = Competence.objects.get(framework=framework, code="1.1")
    with pytest.raises(FunctionRefused, match=r"1\.1 must be between 0 and 8"):
        save(cast, framework, minimums={c11: Decimal("-1")})
    assert not Function.objects.exists()


def test_a_function_without_any_minimum_is_refused(cast, framework):
    with pytest.raises(FunctionRefused, match="at least one minimum"):
        save(cast, framework, overall_level=None)


def test_two_functions_of_one_organisation_cannot_share_a_name(cast, framework):
    save(cast, framework)
    with pytest.raises(FunctionRefused, match="already exists"):
        save(cast, framework, name="records OFFICER")
    assert Function.objects.count() == 1


def test_holding_a_function_twice_is_refused(cast, framework):
    function = make_function(cast.org, framework, overall=3)
    holding_create(function=function, person=cast.employee, started_on=date(2026, 1, 5), actor=cast.hr.user)
    with pytest.raises(FunctionRefused, match="Emma Employee already holds this function"):
        holding_create(
            function=function, person=cast.employee, started_on=date(2026, 2, 1), actor=cast.hr.user
        )
    assert Holding.objects.get().started_on == date(2026, 1, 5)


def test_a_person_of_another_organisation_cannot_hold_the_function(cast, framework):
    function = make_function(cast.org, framework, overall=3)
    with pytest.raises(FunctionRefused):
        holding_create(function=function, person=cast.outsider, started_on=date(2026, 1, 5), actor=None)
    assert not Holding.objects.exists()


def upload(function, text: str, filename="holders.csv", actor=None):
    return holdings_import(
        function=function, data=text.encode(), filename=filename, actor=actor, today=date(2026, 6, 1)
    )


def test_a_file_of_holders_assigns_everyone_with_their_start_date(cast, framework):
    function = make_function(cast.org, framework, overall=3)
    report = upload(function, "employee_number;start_date\nE001;01/03/2026\nM001;\n", actor=cast.hr.user)
    assert (report.ok, report.created) == (True, 2)
    started = dict(Holding.objects.values_list("person__employee_number", "started_on"))
    assert started == {"E001": date(2026, 3, 1), "M001": date(2026, 6, 1)}
    assert AuditEvent.objects.filter(action="functions.holders_imported").count() == 1


def test_a_bad_row_names_its_line_and_column_and_nothing_is_written(cast, framework):
    function = make_function(cast.org, framework, overall=3)
    hold(function, cast.manager)
    report = upload(
        function,
        "employee_number,start_date\nE001,2026-03-01\nZ999,2026-03-01\nE001,2026-03-02\nM001,\nCHAMPION,31/02/2026\nO001,\n",
    )
    problems = [(p.line, p.column, p.value) for p in report.problems]
    assert problems == [
        (3, "employee_number", "Z999"),
        (4, "employee_number", "E001"),
        (5, "employee_number", "M001"),
        (6, "start_date", "31/02/2026"),
        (7, "employee_number", "O001"),  # another organisation's employee number is unknown here
    ]
    messages = [p.message for p in report.problems]
    assert "No one in your organisation has this employee number." in messages[0]
    assert "already on line 2" in messages[1]
    assert "Marc Manager already holds this function." in messages[2]
    assert "not a valid date" in messages[3]
    assert str(report.problems[0]).startswith("line 3, column employee_number ('Z999')")
    assert list(Holding.objects.values_list("person__employee_number", flat=True)) == ["M001"]


def test_an_unknown_column_or_a_missing_employee_number_column_stops_the_file(cast, framework):
    function = make_function(cast.org, framework, overall=3)
    report = upload(function, "matricule,start_date\nE001,\n")
    assert {(p.line, p.column) for p in report.problems} == {(1, "matricule"), (1, "employee_number")}
    assert not Holding.objects.exists()


def test_an_inactive_person_cannot_be_assigned_from_a_file(cast, framework):
    function = make_function(cast.org, framework, overall=3)
    gone = make_person(cast.org, "GONE", "Gone", "Person", account=False)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    report = upload(function, "employee_number\nGONE\n")
    assert "inactive" in report.problems[0].message
    assert not Holding.objects.exists()


def test_an_excel_file_of_holders_is_read_like_a_csv(cast, framework):
    function = make_function(cast.org, framework, overall=3)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["employee_number", "start_date"])
    sheet.append(["E001", date(2026, 4, 1)])
    sheet.append(["NOPE", None])
    data = io.BytesIO()
    workbook.save(data)
    report = holdings_import(function=function, data=data.getvalue(), filename="h.xlsx", actor=None)
    assert [(p.line, p.column) for p in report.problems] == [(3, "employee_number")]
    assert not Holding.objects.exists()
    sheet.delete_rows(3)
    data = io.BytesIO()
    workbook.save(data)
    report = holdings_import(function=function, data=data.getvalue(), filename="h.xlsx", actor=None)
    assert report.created == 1 and Holding.objects.get().started_on == date(2026, 4, 1)


def test_uploading_the_same_file_twice_adds_nobody_the_second_time(cast, framework):
    function = make_function(cast.org, framework, overall=3)
    assert upload(function, "employee_number\nE001\n").created == 1
    second = upload(function, "employee_number\nE001\n")
    assert second.created == 0 and "already holds" in second.problems[0].message
    assert Holding.objects.count() == 1
