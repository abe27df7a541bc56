import io

import pytest

from acculture.people.models import Organisation, Person, Site, Unit
from acculture.people.services import people_export_csv, people_import

FULL_HEADER = (
    "employee_number,first_name,last_name,email,unit_path,site,job_title,hierarchy_level,"
    "manager_employee_number,hire_date,birth_year,language"
)


@pytest.fixture
def org(db):
    return Organisation.objects.create(name="Agence", slug="agence")


def run(org, text, **kwargs):
    return people_import(organisation=org, data=text.encode(), filename="staff.csv", **kwargs)


def test_it_creates_people_units_sites_and_managers_whatever_the_row_order(org):
    report = run(
        org,
        FULL_HEADER
        + "\nB2,Bea,Roy,bea@x.org,DG / DSI / Usages,Lyon,Agent,staff,A1,2020-01-06,1990,en"
        + "\nA1,Ali,Ben,ali@x.org,DG / DSI,Lyon,Chef,middle_manager,,,,fr\n",
    )
    assert report.ok, report.problems
    assert (report.created, report.updated, report.units_created, report.sites_created) == (2, 0, 3, 1)
    bea = Person.objects.get(employee_number="B2")
    assert bea.manager.employee_number == "A1"
    assert bea.unit.path == "DG / DSI / Usages"
    assert bea.unit.parent.path == "DG / DSI"
    assert bea.unit.parent.parent.parent is None
    assert (bea.site.name, bea.language, bea.birth_year, str(bea.hire_date)) == (
        "Lyon",
        "en",
        1990,
        "2020-01-06",
    )


def test_nothing_is_written_when_any_row_is_wrong(org):
    report = run(
        org,
        FULL_HEADER + "\nA1,Ali,Ben,ali@x.org,DG,Lyon,,staff,,,,fr\nA2,Bo,Li,bo@x.org,DG,Lyon,,king,,,,fr\n",
    )
    assert not report.ok
    assert [(p.line, p.column) for p in report.problems] == [(3, "hierarchy_level")]
    assert Person.objects.count() == Unit.objects.count() == Site.objects.count() == 0


def test_an_unknown_manager_is_reported(org):
    report = run(
        org, "employee_number,first_name,last_name,email,manager_employee_number\nA1,Ali,Ben,a@x.org,Z9\n"
    )
    assert [(p.line, p.column, p.value) for p in report.problems] == [(2, "manager_employee_number", "Z9")]


def test_a_reporting_cycle_is_reported_once_with_the_chain(org):
    report = run(
        org,
        "employee_number,first_name,last_name,email,manager_employee_number\n"
        "A1,Ali,Ben,a@x.org,C3\nB2,Bea,Roy,b@x.org,A1\nC3,Cy,Do,c@x.org,B2\nD4,Di,Ev,d@x.org,A1\n",
    )
    assert len(report.problems) == 1
    assert "A1 → C3 → B2 → A1" in report.problems[0].message or "loop" in report.problems[0].message
    assert report.problems[0].line == 2
    assert Person.objects.count() == 0


def test_a_cycle_through_someone_already_in_the_organisation_is_found(org):
    run(
        org,
        "employee_number,first_name,last_name,email,manager_employee_number\nA1,Ali,Ben,a@x.org,\nB2,Bea,Roy,b@x.org,A1\n",
    )
    report = run(
        org, "employee_number,first_name,last_name,email,manager_employee_number\nA1,Ali,Ben,a@x.org,B2\n"
    )
    assert "loop" in report.problems[0].message


def test_duplicate_employee_numbers_and_emails_name_the_first_line(org):
    report = run(org, "employee_number,first_name,last_name,email\nA1,Ali,Ben,a@x.org\nA1,Bea,Roy,A@x.org\n")
    assert [(p.line, p.column, p.message) for p in report.problems] == [
        (3, "employee_number", "This employee number is already on line 2."),
        (3, "email", "This e-mail address is already on line 2."),
    ]


def test_import_then_export_then_import_changes_nothing(org):
    text = (
        FULL_HEADER + "\nA1,Ali,Ben,ali@x.org,DG / DSI,Lyon,Chef,middle_manager,,2019-05-01,1975,fr"
        "\nB2,Bea,Roÿ,bea@x.org,DG / DSI / Usages,Nantes,Agent,staff,A1,2020-01-06,1990,en\n"
    )
    run(org, text)
    out = io.StringIO()
    people_export_csv(organisation=org, out=out)
    assert out.getvalue().splitlines()[0] == FULL_HEADER
    before = list(Person.objects.order_by("pk").values())
    report = run(org, out.getvalue())
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert list(Person.objects.order_by("pk").values()) == before


def test_a_second_import_updates_only_what_changed_and_leaves_absent_columns_alone(org):
    run(org, FULL_HEADER + "\nA1,Ali,Ben,ali@x.org,DG,Lyon,Chef,middle_manager,,2019-05-01,1975,fr\n")
    report = run(org, "employee_number,first_name,last_name,email\nA1,Alice,Ben,ali@x.org\n")
    assert (report.created, report.updated) == (0, 1)
    ali = Person.objects.get()
    assert (ali.first_name, ali.job_title, ali.unit.path, ali.birth_year) == ("Alice", "Chef", "DG", 1975)


def test_deactivate_missing_deactivates_only_people_absent_from_the_file(org):
    run(org, "employee_number,first_name,last_name,email\nA1,Ali,Ben,a@x.org\nB2,Bea,Roy,b@x.org\n")
    report = run(
        org, "employee_number,first_name,last_name,email\nA1,Ali,Ben,a@x.org\n", deactivate_missing=True
    )
    assert report.deactivated == 1
    assert dict(Person.objects.values_list("employee_number", "is_active")) == {"A1": True, "B2": False}


def test_a_dry_run_reports_the_changes_and_writes_nothing(org):
    report = run(
        org, "employee_number,first_name,last_name,email,unit_path\nA1,Ali,Ben,a@x.org,DG\n", dry_run=True
    )
    assert (report.created, report.units_created) == (1, 1)
    assert Person.objects.count() == Unit.objects.count() == 0


def test_an_email_already_used_by_someone_outside_the_file_is_refused(org):
    run(org, "employee_number,first_name,last_name,email\nA1,Ali,Ben,a@x.org\n")
    report = run(org, "employee_number,first_name,last_name,email\nB2,Bea,Roy,a@x.org\n")
    assert [(p.line, p.column) for p in report.problems] == [(2, "email")]


def test_organisations_do_not_see_each_others_managers(org):
    other = Organisation.objects.create(name="Other", slug="other")
    run(other, "employee_number,first_name,last_name,email\nA1,Ali,Ben,a@x.org\n")
    report = run(
        org, "employee_number,first_name,last_name,email,manager_employee_number\nB2,Bea,Roy,b@x.org,A1\n"
    )
    assert report.problems and report.problems[0].column == "manager_employee_number"
