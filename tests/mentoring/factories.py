"""Small builders for the mentoring tests: a framework, results, a programme, people."""

from datetime import timedelta

from django.utils import timezone

from acculture.assessments.models import Assessment, Result
from acculture.frameworks.models import Band, Competence, Domain, Framework
from acculture.mentoring.models import Enrolment, Programme
from acculture.people.models import Person
from tests.conftest import make_person

CODES = ("1.1", "1.2", "2.1", "3.1")


def make_framework(codes=CODES, default=False) -> Framework:
    framework = Framework.objects.create(
        code="mentoring-test", version="1", name_fr="Cadre", name_en="Framework", attribution_fr="-",
        attribution_en="-", is_default=default, content_hash="x",
    )  # fmt: skip
    for code, (low, high) in {
        "novice": (0, 2),
        "independent": (3, 4),
        "advanced": (5, 6),
        "expert": (7, 8),
    }.items():
        Band.objects.create(
            framework=framework, code=code, name_fr=code, name_en=code, min_level=low, max_level=high
        )
    domain = Domain.objects.create(framework=framework, code="1", name_fr="Domaine", name_en="Domain")
    for order, code in enumerate(codes):
        Competence.objects.create(framework=framework, domain=domain, code=code, name_fr=f"Compétence {code}",
                                  name_en=f"Skill {code}", order=order)  # fmt: skip
    return framework


def give_result(person: Person, framework: Framework, levels: dict[str, float], when=None) -> Result:
    when = when or timezone.now() - timedelta(days=30)
    assessment = Assessment.objects.create(person=person, mode="practice", framework=framework, status="completed",
                                           started_at=when, completed_at=when, seed=1)  # fmt: skip
    entries = [{"competence": code, "theta": 0.0, "sd": 0.4, "level": level, "low": level - 1, "high": level + 1,
                "band": "", "items": 3} for code, level in levels.items()]  # fmt: skip
    return Result.objects.create(assessment=assessment, person=person, framework=framework, completed_at=when,
                                 overall_level=sum(levels.values()) / len(levels), competences=entries)  # fmt: skip


def make_programme(org, framework, **overrides) -> Programme:
    today = timezone.localdate()
    values = dict(
        title="Pilot", framework=framework, enrol_until=today + timedelta(days=10),
        starts_on=today + timedelta(days=10), ends_on=today + timedelta(days=190), charter="What is said here stays here.",
        mentor_levels=["staff"], mentee_levels=["executive", "senior_manager", "middle_manager"], status="open",
    )  # fmt: skip
    values.update(overrides)
    return Programme.objects.create(organisation=org, **values)


def enrol(programme, person, role, competences=("1.1",), slots=("mon-am", "tue-pm"), languages=("fr",),
          mode="either", capacity=1) -> Enrolment:  # fmt: skip
    return Enrolment.objects.create(programme=programme, person=person, role=role, competences=list(competences),
                                    slots=list(slots), languages=list(languages), mode=mode, capacity=capacity)  # fmt: skip


def make_leader(org, number, first, level="senior_manager", manager=None, account=True) -> Person:
    return make_person(org, number, first, "Leader", level=level, manager=manager, account=account)
