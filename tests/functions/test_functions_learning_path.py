"""The learning path: tutorials aimed just above the person's level and Digital Factory
workshops that target the gap competences, with their next session."""

from datetime import timedelta

from django.utils import timezone

from acculture.factory.models import Factory, Session, Workshop, WorkshopTarget
from acculture.frameworks.models import Competence
from acculture.functions.selectors import eligibility_with_path
from tests.functions.conftest import give_result, make_function


def workshop(org, title, code, framework, level_min=0, level_max=8, active=True):
    found = Workshop.objects.create(
        organisation=org, title=title, description="…", duration_minutes=90, is_active=active
    )
    WorkshopTarget.objects.create(
        workshop=found, competence=Competence.objects.get(framework=framework, code=code),
        level_min=level_min, level_max=level_max,
    )  # fmt: skip
    return found


def test_a_competence_gap_gets_its_tutorial_and_the_workshops_suited_to_the_persons_level(cast, framework):
    function = make_function(cast.org, framework, minimums={"1.1": 4, "1.2": 2})
    give_result(cast.employee, framework, 3.0, {"1.1": 2.6, "1.2": 3.0}, days_ago=1)
    suited = workshop(cast.org, "Search better", "1.1", framework, level_min=2, level_max=3)
    workshop(cast.org, "Expert search", "1.1", framework, level_min=5, level_max=8)  # too far ahead
    workshop(cast.org, "Retired search", "1.1", framework, active=False)
    workshop(cast.other_org, "Elsewhere", "1.1", framework)
    workshop(cast.org, "Met already", "1.2", framework)
    lab = Factory.objects.create(organisation=cast.org, name="Lab")
    start = timezone.now() + timedelta(days=3)
    Session.objects.create(workshop=suited, factory=lab, facilitator=cast.facilitator, starts_at=start,
                           ends_at=start + timedelta(hours=2), capacity=10, status="published")  # fmt: skip
    (step,) = eligibility_with_path(cast.employee, function, "en").path
    assert step.code == "1.1" and str(step.level) == "2.6" and str(step.target) == "4.0"
    assert [t["code"] for t in step.tutorials] == ["tut-1.1"]
    assert [(w["title"], w["next"]) for w in step.workshops] == [("Search better", start)]
    assert step.workshops[0]["url"] == f"/factory/workshops/{suited.pk}/"


def test_an_overall_gap_is_worked_on_the_weakest_competences_first(cast, framework):
    function = make_function(cast.org, framework, overall=3.5)
    give_result(cast.employee, framework, 3.0, {"1.1": 4.0, "1.2": 2.2, "2.1": 3.1}, days_ago=1)
    path = eligibility_with_path(cast.employee, function, "en").path
    assert [step.code for step in path] == ["1.2", "2.1"]  # 1.1 is already above 3.5


def test_nothing_to_learn_when_the_requirement_is_met(cast, framework):
    function = make_function(cast.org, framework, overall=2, minimums={"1.1": 2})
    give_result(cast.employee, framework, 3.0, {"1.1": 3.0}, days_ago=1)
    assert eligibility_with_path(cast.employee, function, "en").path == []


def test_the_path_shows_on_the_eligibility_page_with_the_workshop(cast, framework, login):
    from django.urls import reverse

    function = make_function(cast.org, framework, minimums={"1.1": 4})
    give_result(cast.employee, framework, 3.0, {"1.1": 2.0}, days_ago=1)
    workshop(cast.org, "Search better", "1.1", framework)
    page = login(cast.employee).get(reverse("functions:eligibility", args=[function.pk])).content.decode()
    assert "Digital Factory workshops:" in page and "Search better" in page
