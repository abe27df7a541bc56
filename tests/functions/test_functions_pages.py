"""The pages: HR defines a function and its holders; a person sees their gap and path;
HR sees, filters and downloads who does not meet the requirement (audited)."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from acculture.functions.models import Function, Holding
from acculture.people.models import AuditEvent
from tests.functions.conftest import give_result, hold, make_function
from tests.learning.conftest import make_unit


def function_form(**changes):
    data = {
        "name": "Records officer", "description": "", "overall_level": "3,5", "evidence": "assessment",
        "assessment_months": "12", "grace_days": "90", "level_1.1": "4", "level_1.2": "", "level_2.1": "",
    }  # fmt: skip
    return {**data, **changes}


def test_hr_defines_a_function_with_a_french_decimal_comma(cast, framework, login):
    response = login(cast.hr).post(reverse("functions:create"), function_form())
    function = Function.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "functions:detail", args=[function.pk]
    )
    assert function.overall_level == Decimal("3.5") and function.grace_days == 90
    assert [(r.competence.code, r.minimum_level) for r in function.competence_requirements.all()] == [
        ("1.1", Decimal("4.0"))
    ]


def test_a_level_out_of_range_says_how_to_fix_it_and_writes_nothing(cast, framework, login):
    response = login(cast.hr).post(
        reverse("functions:create"), function_form(**{"overall_level": "9", "level_1.1": "4.25"})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a level between 0 and 8, for example 3.5." in page
    assert "Use at most one decimal, for example 3.5." in page
    assert "<title>Error:" in page
    assert not Function.objects.exists()


def test_a_function_without_any_minimum_is_refused_with_a_message(cast, framework, login):
    response = login(cast.hr).post(
        reverse("functions:create"), function_form(overall_level="", **{"level_1.1": ""})
    )
    assert "Give at least one minimum level" in response.content.decode()
    assert not Function.objects.exists()


def test_hr_changes_a_functions_requirements(cast, framework, login):
    function = make_function(cast.org, framework, overall=3)
    login(cast.hr).post(
        reverse("functions:edit", args=[function.pk]), function_form(name="Archivist", overall_level="2")
    )
    function.refresh_from_db()
    assert (function.name, function.overall_level) == ("Archivist", Decimal("2.0"))


def test_hr_assigns_a_holder_and_a_second_assignment_is_refused(cast, framework, login):
    function = make_function(cast.org, framework, overall=3)
    client = login(cast.hr)
    url = reverse("functions:holder-add", args=[function.pk])
    response = client.post(url, {"employee_number": "E001", "started_on": "2026-03-01"})
    assert response.status_code == 302
    response = client.post(url, {"employee_number": "E001", "started_on": "2026-04-01"})
    assert "Emma Employee already holds this function." in response.content.decode()
    assert Holding.objects.get().started_on.isoformat() == "2026-03-01"


def test_an_unknown_employee_number_is_named_in_the_message(cast, framework, login):
    function = make_function(cast.org, framework, overall=3)
    response = login(cast.hr).post(
        reverse("functions:holder-add", args=[function.pk]),
        {"employee_number": "O001", "started_on": "2026-03-01"},
    )
    assert "No one in your organisation has the employee number O001." in response.content.decode()
    assert not Holding.objects.exists()


def test_hr_uploads_a_file_with_a_bad_row_and_sees_its_line_and_column(cast, framework, login):
    function = make_function(cast.org, framework, overall=3)
    upload = SimpleUploadedFile("holders.csv", b"employee_number,start_date\nE001,\nX42,\n")
    response = login(cast.hr).post(reverse("functions:holder-upload", args=[function.pk]), {"file": upload})
    page = response.content.decode()
    assert "There is 1 problem in the file" in page and "X42" in page and "<td>3</td>" in page
    assert not Holding.objects.exists()


def test_hr_removes_a_holder_with_a_post(cast, framework, login):
    function = make_function(cast.org, framework, overall=3)
    holding = hold(function, cast.employee)
    client = login(cast.hr)
    assert client.get(reverse("functions:holder-remove", args=[function.pk, holding.pk])).status_code == 405
    client.post(reverse("functions:holder-remove", args=[function.pk, holding.pk]))
    assert not Holding.objects.exists()
    assert AuditEvent.objects.filter(
        action="functions.holder_removed", subject=f"person:{cast.employee.pk}"
    ).exists()


def test_another_organisations_cdo_meets_not_found_on_every_change(cast, framework, login):
    function = make_function(cast.org, framework, overall=3)
    holding = hold(function, cast.employee)
    client = login(cast.outsider)
    assert client.post(reverse("functions:edit", args=[function.pk]), function_form()).status_code == 404
    assert client.post(reverse("functions:holder-remove", args=[function.pk, holding.pk])).status_code == 404
    assert (
        client.post(
            reverse("functions:holder-add", args=[function.pk]),
            {"employee_number": "O001", "started_on": "2026-01-01"},
        ).status_code
        == 404
    )
    assert Holding.objects.count() == 1 and Function.objects.get().name == "Records officer"


def test_the_person_sees_their_gap_and_a_tutorial_for_it(cast, framework, login):
    function = make_function(cast.org, framework, overall=2, minimums={"1.1": 4})
    hold(function, cast.employee, days_ago=10)
    give_result(cast.employee, framework, 3.0, {"1.1": 2.5, "1.2": 3.1, "2.1": 3.4}, days_ago=3)
    page = login(cast.employee).get(reverse("functions:eligibility", args=[function.pk])).content.decode()
    assert "Not yet: 1.5 to go" in page
    assert "Your level: 2.5; level needed: 4.0." in page
    assert reverse("content:tutorial", args=["tut-1.1"]) in page
    assert "You have until" in page


def test_my_functions_lists_what_i_hold_and_lets_me_check_any_other(cast, framework, login):
    held = make_function(cast.org, framework, overall=2)
    other = make_function(cast.org, framework, name="Head of unit", overall=5)
    make_function(cast.other_org, framework, name="Elsewhere", overall=1)
    hold(held, cast.employee)
    give_result(cast.employee, framework, 2.5, {}, days_ago=3)
    page = login(cast.employee).get(reverse("functions:mine")).content.decode()
    assert "Records officer" in page and "You meet the requirement" in page
    assert reverse("functions:eligibility", args=[other.pk]) in page
    assert "Elsewhere" not in page


def test_the_home_page_shows_holders_their_card_and_others_what_functions_need(cast, framework, login):
    client = login(cast.employee)
    assert reverse("functions:mine") not in client.get(reverse("home")).content.decode()  # no function yet
    function = make_function(cast.org, framework, overall=2)
    page = client.get(reverse("home")).content.decode()
    assert "See what the functions need" in page and "See my function’s requirements" not in page
    hold(function, cast.employee)
    page = client.get(reverse("home")).content.decode()
    assert "See my function’s requirements" in page and "See what the functions need" not in page


def compliance_setup(cast, framework):
    """Emma overdue (no evidence, 200 days in), Marc in grace (gap, 10 days in), the
    champion compliant; Emma and Marc in Direction / Team, the champion elsewhere."""
    function = make_function(cast.org, framework, overall=3, grace_days=90)
    team = make_unit(cast.org, "Direction / Team")
    for person in (cast.employee, cast.manager):
        person.unit = team
        person.save(update_fields=["unit"])
    hold(function, cast.employee, days_ago=200)
    hold(function, cast.manager, days_ago=10)
    hold(function, cast.champion, days_ago=300)
    give_result(cast.manager, framework, 2.4, {}, days_ago=2)
    give_result(cast.champion, framework, 3.8, {}, days_ago=2)
    return function, team


def test_hr_sees_who_does_not_meet_the_requirement_overdue_first_and_the_visit_is_audited(
    cast, framework, login
):
    compliance_setup(cast, framework)
    response = login(cast.hr).get(reverse("functions:compliance"))
    rows = response.context["rows"]
    assert [(r.person.employee_number, r.standing) for r in rows] == [
        ("E001", "overdue"),
        ("M001", "in_grace"),
    ]
    page = response.content.decode()
    assert "Grace period over" in page and "In the grace period" in page and "Champion" not in page
    event = AuditEvent.objects.get(action="functions.compliance_viewed")
    assert (event.actor, event.detail["people"]) == (cast.hr.user, 2)


def test_hr_filters_by_unit_including_units_below_and_by_function(cast, framework, login):
    function, team = compliance_setup(cast, framework)
    sibling = cast.manager.reports.exclude(pk=cast.employee.pk).first()
    sibling.unit = make_unit(cast.org, "Direction / Team B")  # "Team" must not take in "Team B"
    sibling.save(update_fields=["unit"])
    hold(function, sibling)
    client = login(cast.hr)
    by_unit = {
        unit.path: [
            r.person.pk
            for r in client.get(reverse("functions:compliance"), {"unit": unit.pk}).context["rows"]
        ]
        for unit in (team, team.parent)
    }
    assert by_unit == {
        "Direction / Team": [cast.employee.pk, cast.manager.pk],
        "Direction": [cast.employee.pk, cast.manager.pk, sibling.pk],
    }
    other = make_function(cast.org, framework, name="Other", overall=1)
    assert client.get(reverse("functions:compliance"), {"function": other.pk}).context["rows"] == []


def test_the_csv_and_xlsx_downloads_list_the_same_people_and_are_audited(cast, framework, login):
    function, _team = compliance_setup(cast, framework)
    client = login(cast.cdo)
    response = client.get(reverse("functions:compliance-csv"), {"function": function.pk})
    assert response["Content-Disposition"] == 'attachment; filename="function-requirements.csv"'
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0][:3] == ["Employee number", "Last name", "First name"]
    grace_until = (timezone.localdate() - timedelta(days=200) + timedelta(days=90)).isoformat()
    assert lines[1][0] == "E001" and lines[1][6] == grace_until and lines[1][7] == "Grace period over"
    assert lines[2][0] == "M001" and lines[2][10] == "overall: 2.4 / 3.0"
    workbook = load_workbook(io.BytesIO(client.get(reverse("functions:compliance-xlsx")).content))
    values = [[c for c in row] for row in workbook.active.iter_rows(values_only=True)]
    assert [row[0] for row in values] == ["Employee number", "E001", "M001"]
    assert AuditEvent.objects.filter(action="functions.compliance_exported", actor=cast.cdo.user).count() == 2


def test_the_compliance_page_costs_the_same_queries_whatever_the_number_of_holders(
    cast, framework, login, django_assert_max_num_queries
):
    function, _team = compliance_setup(cast, framework)
    client = login(cast.hr)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("functions:compliance"))
    for person in cast.manager.reports.exclude(pk=cast.employee.pk):
        hold(function, person, days_ago=5)
        give_result(person, framework, 1.0, {}, days_ago=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(reverse("functions:compliance")).context["rows"]) == 6


def test_the_eligibility_page_speaks_french_with_decimal_commas(cast, framework, login):
    from django.conf import settings
    from django.utils import translation

    function = make_function(cast.org, framework, overall=2, minimums={"1.1": 4})
    give_result(cast.employee, framework, 3.0, {"1.1": 2.5}, days_ago=3)
    client = login(cast.employee)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    with translation.override("fr"):
        page = client.get(reverse("functions:eligibility", args=[function.pk])).content.decode()
    assert "Pas encore : il manque 1,5" in page
    assert "Votre niveau : 2,5 ; niveau requis : 4,0." in page
    assert "Tutoriel 1.1" in page


def test_the_eligibility_page_costs_a_fixed_number_of_queries(
    cast, framework, login, django_assert_max_num_queries
):
    function = make_function(cast.org, framework, overall=3.5, minimums={"1.1": 4, "1.2": 4, "2.1": 4})
    give_result(cast.employee, framework, 2.0, {"1.1": 2.5, "1.2": 2.0, "2.1": 1.0}, days_ago=3)
    client = login(cast.employee)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("functions:eligibility", args=[function.pk]))
    assert len(response.context["eligibility"].path) == 3


def test_a_long_list_comes_in_pages_that_keep_the_filters_and_the_download_has_every_row(
    cast, framework, login
):
    from acculture.functions.views import COMPLIANCE_PAGE_SIZE
    from acculture.people.models import Person

    function = make_function(cast.org, framework, overall=3)
    people = Person.objects.bulk_create(
        Person(organisation=cast.org, employee_number=f"L{i:03}", first_name="L", last_name=f"P{i:03}",
               email=f"l{i}@agence.example")
        for i in range(COMPLIANCE_PAGE_SIZE + 5)
    )  # fmt: skip
    Holding.objects.bulk_create(
        Holding(function=function, person=p, started_on=timezone.localdate()) for p in people
    )
    client = login(cast.hr)
    first = client.get(reverse("functions:compliance"), {"function": function.pk})
    assert len(first.context["page"].object_list) == COMPLIANCE_PAGE_SIZE
    assert f"?function={function.pk}&amp;page=2" in first.content.decode()
    second = client.get(reverse("functions:compliance"), {"function": function.pk, "page": 2})
    assert len(second.context["page"].object_list) == 5
    download = client.get(reverse("functions:compliance-csv"), {"function": function.pk})
    assert len(download.content.decode("utf-8-sig").strip().splitlines()) == 1 + COMPLIANCE_PAGE_SIZE + 5
