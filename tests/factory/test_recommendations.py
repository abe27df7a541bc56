"""After a result, workshops on the person's priorities, at their level, near them."""

from acculture.assessments.models import Assessment, Result
from acculture.factory.selectors import workshops_recommended
from acculture.frameworks.models import Competence
from acculture.people.models import Site
from tests.assessments.conftest import make_bank
from tests.factory.conftest import make_lab, make_session, make_workshop


def give_result(person, framework, levels: dict[str, float]) -> Result:
    assessment = Assessment.objects.create(person=person, mode="profile", framework=framework, seed=1,
                                           status="completed")  # fmt: skip
    return Result.objects.create(
        assessment=assessment, person=person, framework=framework, overall_level=3,
        competences=[{"competence": code, "level": level, "low": level - 0.5, "high": level + 0.5,
                      "band": "novice", "items": 4, "theta": 0, "sd": 0.5} for code, level in levels.items()],
    )  # fmt: skip


def test_nothing_is_recommended_before_a_first_result(cast):
    make_bank()
    assert workshops_recommended(cast.employee) == []


def test_workshops_on_the_lowest_competences_at_the_persons_level_with_sessions_near_them_come_first(cast):
    framework = make_bank(codes=("1.1", "1.2", "2.1", "3.1"))
    c = {x.code: x for x in Competence.objects.filter(framework=framework)}
    lyon = Site.objects.create(organisation=cast.org, name="Lyon")
    cast.employee.site = lyon
    cast.employee.save()
    give_result(cast.employee, framework, {"1.1": 1.4, "1.2": 2.2, "2.1": 5.0, "3.1": 3.1})
    passwords = make_workshop(cast.org, "Passwords", targets=[(c["1.1"], 0, 2)])
    search = make_workshop(cast.org, "Search", targets=[(c["1.2"], 0, 3)])
    make_workshop(cast.org, "Experts only", targets=[(c["1.1"], 5, 8)])  # not at her level
    make_workshop(cast.org, "Strength", targets=[(c["2.1"], 0, 8)])  # not a priority
    agile = make_workshop(cast.org, "Agile", targets=[(c["3.1"], 0, 8)], track="agile")
    # Passwords runs only in Paris (not her site); Search in Lyon; Agile online.
    make_session(cast, workshop=passwords, lab=make_lab(cast.org, site_name="Paris"))
    lyon_session = make_session(cast, workshop=search, lab=make_lab(cast.org, site_name="Lyon"))
    online_session = make_session(cast, workshop=agile, lab=make_lab(cast.org, site_name=None))

    found = workshops_recommended(cast.employee)
    assert [r.workshop.title for r in found] == ["Search", "Agile", "Passwords"]
    assert found[0].sessions == [lyon_session] and found[0].competence == "Competence 1.2"
    assert found[1].sessions == [online_session]
    assert found[2].sessions == []  # recommended, but no session near her yet
    assert len(workshops_recommended(cast.employee, limit=1)) == 1


def test_another_organisations_workshops_are_never_recommended(cast):
    framework = make_bank(codes=("1.1",))
    competence = Competence.objects.get(framework=framework, code="1.1")
    give_result(cast.employee, framework, {"1.1": 1.0})
    make_workshop(cast.other_org, "Elsewhere", targets=[(competence, 0, 8)])
    assert workshops_recommended(cast.employee) == []


def test_the_results_page_names_the_workshop_with_its_next_session(cast, login):
    framework = make_bank(codes=("1.1",))
    competence = Competence.objects.get(framework=framework, code="1.1")
    result = give_result(cast.employee, framework, {"1.1": 2.0})
    workshop = make_workshop(cast.org, "Passwords for beginners", targets=[(competence, 0, 3)])
    session = make_session(cast, workshop=workshop, lab=make_lab(cast.org, site_name=None))
    page = login(cast.employee).get(f"/assessments/{result.assessment_id}/results/")
    assert b"Workshops for your priorities" in page.content
    assert b"Passwords for beginners" in page.content
    assert f'href="/factory/sessions/{session.pk}/"'.encode() in page.content
