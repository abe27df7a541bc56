import pytest
from django.urls import reverse

from acculture.people.models import AuditEvent, RoleGrant


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:login"))


@pytest.mark.parametrize(
    ("who", "sees", "does_not_see"),
    [
        ("employee", ["/me/"], ["/staff/import/", "/roles/", "/admin/"]),
        ("manager", ["5 people report to you directly"], ["/staff/import/", "/roles/"]),
        ("hr", ["/staff/import/", "/staff/export.csv"], ["/roles/", "/admin/"]),
        ("cdo", ["/staff/import/", "/roles/"], ["/admin/"]),
    ],
)
def test_each_role_home_page_says_what_they_can_do_next(client, login, cast, who, sees, does_not_see):
    client.post(reverse("set-language"), {"language": "en", "next": "/"})
    login(cast.person(who))
    page = client.get(reverse("home")).content.decode()
    for text in sees:
        assert text in page
    for text in does_not_see:
        assert text not in page


def test_the_platform_admin_without_a_staff_record_is_sent_to_the_admin(client, login, cast):
    login(cast.admin)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_a_person_sees_their_own_details_in_their_language(client, login, cast):
    cast.employee.language = "en"
    cast.employee.save()
    login(cast.employee)
    page = client.get(reverse("people:me")).content.decode()
    assert "E001" in page and "My details" in page


def test_role_management_walks_the_permission_ladder(client, login, cast):
    url = reverse("people:roles")
    assert client.get(url).status_code == 302  # anonymous
    login(cast.hr)
    assert client.get(url).status_code == 403  # wrong role
    login(cast.outsider)  # a CDO, but of another organisation
    response = client.post(url, {"employee_number": "E001", "role": "champion"})
    assert response.status_code == 400
    assert not RoleGrant.objects.filter(person=cast.employee).exists()
    login(cast.cdo)
    response = client.post(url, {"employee_number": "E001", "role": "champion"})
    assert response.status_code == 302
    assert RoleGrant.objects.filter(person=cast.employee, role="champion").exists()
    assert AuditEvent.objects.filter(action="role.grant", subject=f"person:{cast.employee.pk}").count() == 1


def test_granting_the_same_role_twice_changes_nothing_twice(client, login, cast):
    login(cast.cdo)
    for _ in range(2):
        client.post(reverse("people:roles"), {"employee_number": "E001", "role": "proctor"})
    assert RoleGrant.objects.filter(person=cast.employee, role="proctor").count() == 1
    assert AuditEvent.objects.filter(action="role.grant").count() == 1


def test_an_unknown_employee_number_gets_a_clear_error_beside_the_field(client, login, cast):
    client.post(reverse("set-language"), {"language": "en", "next": "/"})
    login(cast.cdo)
    response = client.post(reverse("people:roles"), {"employee_number": "ZZZ", "role": "champion"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Programme roles" in page
    assert 'href="#id_employee_number"' in page
    assert "No active member of staff has this employee number" in page


def test_withdrawing_a_role_of_another_organisation_is_not_found(client, login, cast):
    grant = RoleGrant.objects.get(person=cast.outsider)
    login(cast.cdo)
    assert client.post(reverse("people:role-revoke", args=[grant.pk])).status_code == 404
    own = RoleGrant.objects.get(person=cast.champion)
    assert client.post(reverse("people:role-revoke", args=[own.pk])).status_code == 302
    assert not RoleGrant.objects.filter(pk=own.pk).exists()


def test_a_manager_is_derived_from_reporting_lines_not_granted(client, login, cast):
    login(cast.manager)
    me = client.get("/api/v1/people/me").json()
    assert "manager" in me["roles"] and "employee" in me["roles"]
    login(cast.employee)
    assert client.get("/api/v1/people/me").json()["roles"] == ["employee"]
