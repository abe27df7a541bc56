"""The CDO's coverage against the target ratio, and the suggestions from results and
participation."""

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from acculture.champions import selectors
from acculture.champions.models import Nomination
from acculture.learning.models import TimeEntry
from acculture.people.models import AuditEvent, Person, Role, RoleGrant
from tests.champions.conftest import make_result, make_site
from tests.conftest import make_person
from tests.learning.conftest import make_unit


@override_settings(CHAMPION_RATIO=5, MIN_GROUP_SIZE=5)
def test_coverage_counts_people_and_champions_per_site_against_the_ratio(cast):
    lyon, paris = make_site(cast.org, "Lyon"), make_site(cast.org, "Paris")
    Person.objects.filter(organisation=cast.org).update(site=lyon)  # the 11 people of the cast
    for i in range(6):
        person = make_person(cast.org, f"P{i}", f"Paula{i}", "Paris", account=False)
        Person.objects.filter(pk=person.pk).update(site=paris)
    found = selectors.coverage(cast.org)
    rows = {row.label: row for row in found.sites}
    assert (rows["Lyon"].people, rows["Lyon"].champions, rows["Lyon"].needed, rows["Lyon"].missing) == (
        11,
        1,
        3,
        2,
    )
    assert (rows["Paris"].people, rows["Paris"].champions, rows["Paris"].missing) == (6, 0, 2)
    assert (found.total.people, found.total.champions, found.total.needed) == (17, 1, 4)


@override_settings(MIN_GROUP_SIZE=5)
def test_coverage_hides_small_units_and_those_that_could_be_worked_out(cast):
    big, small = make_unit(cast.org, "Direction A"), make_unit(cast.org, "Direction B")
    people = list(Person.objects.filter(organisation=cast.org).order_by("pk"))  # 11
    Person.objects.filter(pk__in=[p.pk for p in people[:8]]).update(unit=big)
    Person.objects.filter(pk__in=[p.pk for p in people[8:]]).update(unit=small)  # 3 people
    rows = {row.label: row for row in selectors.coverage(cast.org).units}
    assert rows["Direction B"].shown is False and rows["Direction B"].small is True
    # 11 − 8 = 3 people would be worked out from the total: the big unit is hidden too.
    assert rows["Direction A"].shown is False and rows["Direction A"].small is False


def test_the_coverage_page_walks_the_permission_ladder_and_drills_into_a_unit(cast, client, login):
    url = reverse("champions:coverage")
    assert "/login/" in client.get(url)["Location"]
    assert login(cast.manager).get(url).status_code == 403
    unit = make_unit(cast.org, "Direction A / Bureau")
    page = login(cast.cdo).get(url)
    assert page.status_code == 200 and "Direction A" in page.content.decode()
    assert "Bureau" in login(cast.cdo).get(url, {"unit": unit.parent.pk}).content.decode()
    elsewhere = make_unit(cast.other_org, "Elsewhere")
    assert login(cast.cdo).get(url, {"unit": elsewhere.pk}).status_code == 404


def test_suggestions_follow_the_rule_and_leave_out_champions_and_people_waiting(cast, login):
    today = timezone.localdate()
    for person in (cast.employee, cast.hr, cast.facilitator, cast.champion):
        make_result(person, 5.5)
        TimeEntry.objects.create(
            person=person, source="workshop", minutes=150, date=today - timedelta(days=10)
        )
    make_result(cast.proctor, 3.0)  # too low a level
    TimeEntry.objects.create(person=cast.proctor, source="workshop", minutes=500, date=today)
    make_result(cast.manager, 6.0)  # too little time
    TimeEntry.objects.create(person=cast.manager, source="declared", minutes=30, date=today)
    Nomination.objects.create(organisation=cast.org, person=cast.hr, source="self", nominated_by=cast.hr)
    assert [p.pk for p in selectors.suggestions(cast.org)] in (
        [cast.employee.pk, cast.facilitator.pk], [cast.facilitator.pk, cast.employee.pk]
    )  # fmt: skip
    response = login(cast.cdo).get(reverse("champions:suggestions"))
    assert "Emma Employee" in response.content.decode()
    assert AuditEvent.objects.filter(action="champions.suggestions_viewed", actor=cast.cdo.user).exists()
    # The CDO puts a suggested person forward, then decides as for any nomination.
    login(cast.cdo).post(reverse("champions:suggest", args=[cast.employee.pk]))
    assert Nomination.objects.get(person=cast.employee).source == "suggested"
    assert cast.employee.pk not in [p.pk for p in selectors.suggestions(cast.org)]


def test_a_person_of_another_organisation_cannot_be_suggested_forward(cast, login):
    response = login(cast.cdo).post(reverse("champions:suggest", args=[cast.outsider.pk]))
    assert response.status_code == 404
    assert not Nomination.objects.exists()
    assert not RoleGrant.objects.filter(person=cast.outsider, role=Role.CHAMPION).exists()
