from datetime import date

from django.test import override_settings
from django.urls import reverse

from acculture.learning.models import AllowancePolicy, TimeEntry
from acculture.people.models import Person
from tests.conftest import make_person
from tests.learning.conftest import make_policy, make_unit, put_team_in


def test_my_learning_time_walks_the_permission_ladder(cast, client, login):
    url = reverse("learning:index")
    assert "/login/" in client.get(url)["Location"]
    assert client.get(url).status_code == 302
    login(cast.admin)
    assert client.get(url)["Location"] == reverse("admin:index")
    make_policy(cast.org, 120, date(2020, 1, 1))
    TimeEntry.objects.create(person=cast.employee, source="declared", minutes=40, date=date.today(),
                             description="Spreadsheets")  # fmt: skip
    page = login(cast.employee).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "My learning time" in html and "Spreadsheets" in html


def test_the_team_page_walks_the_permission_ladder(cast, client, login):
    url = reverse("learning:team")
    assert "/login/" in client.get(url)["Location"]
    assert login(cast.employee).get(url).status_code == 403
    assert login(cast.cdo).get(url).status_code == 403
    assert login(cast.manager).get(url).status_code == 200


def test_the_policies_pages_walk_the_permission_ladder_and_a_policy_is_set(cast, client, login):
    url = reverse("learning:policy-create")
    assert "/login/" in client.get(url)["Location"]
    assert login(cast.manager).get(url).status_code == 403
    assert login(cast.hr).get(url).status_code == 403
    cdo = login(cast.cdo)
    unit = make_unit(cast.org, "Direction")
    response = cdo.post(url, {"unit": unit.pk, "minutes_per_month": "90", "effective_from": "2026-09-01"})
    assert response.status_code == 302
    policy = AllowancePolicy.objects.get()
    assert (policy.unit, policy.minutes_per_month, policy.created_by) == (unit, 90, cast.cdo.user)
    assert "Direction" in cdo.get(reverse("learning:policies")).content.decode()


def test_a_unit_of_another_organisation_cannot_be_chosen(cast, login):
    elsewhere = make_unit(cast.other_org, "Elsewhere")
    response = login(cast.cdo).post(
        reverse("learning:policy-create"),
        {"unit": elsewhere.pk, "minutes_per_month": "90", "effective_from": "2026-09-01"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not AllowancePolicy.objects.exists()


def test_the_team_page_shows_figures_for_groups_of_five_or_more(cast, login):
    put_team_in(cast)
    make_policy(cast.org, 60, date(2020, 1, 1))
    TimeEntry.objects.create(person=cast.employee, source="declared", minutes=45, date=date.today())
    html = login(cast.manager).get(reverse("learning:team")).content.decode()
    assert "Direction / Team" in html
    assert ">45<" in html
    assert "Fewer than" not in html


@override_settings(MIN_GROUP_SIZE=6)
def test_the_team_page_hides_a_group_under_the_minimum(cast, login):
    put_team_in(cast)
    TimeEntry.objects.create(person=cast.employee, source="declared", minutes=45, date=date.today())
    html = login(cast.manager).get(reverse("learning:team")).content.decode()
    assert "Fewer than 6 people" in html
    assert ">45<" not in html


def test_a_unit_that_would_reveal_a_small_one_by_difference_is_hidden_too(cast, login):
    put_team_in(cast, "Direction / Team")
    small = make_unit(cast.org, "Direction / Small")
    boss = make_person(cast.org, "B001", "Bea", "Boss")
    Person.objects.filter(pk=cast.manager.pk).update(manager=boss)
    make_person(cast.org, "S001", "Sam", "Small", manager=boss, account=False)
    Person.objects.filter(employee_number="S001").update(unit=small)
    html = login(boss).get(reverse("learning:team")).content.decode()
    assert "Fewer than 5 people" in html
    assert "Not shown, so that a smaller group cannot be worked out" in html


def test_the_team_page_costs_the_same_queries_whatever_the_team_size(cast, login, django_assert_num_queries):
    unit = put_team_in(cast)
    make_policy(cast.org, 60, date(2020, 1, 1))
    client = login(cast.manager)
    # user with its person, roles (2), the reporting tree (one level and the empty one
    # below it), units, policies, people, used time, pending declarations
    with django_assert_num_queries(10):
        client.get(reverse("learning:team"))
    for i in range(10):
        extra = make_person(cast.org, f"X{i:03}", f"Extra{i}", "Member", manager=cast.manager, account=False)
        extra.unit = make_unit(cast.org, f"Direction / Team {i % 3}") if i % 2 else unit
        extra.save()
        TimeEntry.objects.create(
            person=extra, source="declared", minutes=10, date=date.today(), status="pending"
        )
    with django_assert_num_queries(10):
        response = client.get(reverse("learning:team"))
    assert response.status_code == 200
    assert response.content.decode().count('value="approve"') == 10
