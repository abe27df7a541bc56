"""The demo programme: open for enrolment in the demo organisation, with 20 mentors and
15 mentees enrolled, ready for the CDO to run the matching.

Matching is on measured levels. People who already have results are enrolled first
(mentors strong enough on some skill); anyone else enrolled, and a mentor without a
strong enough result, is given one demo result, marked as such in the assessment's
engine state. The demo employee mentors and the demo manager is mentored, so that both
demo logins see the programme.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from acculture.assessments.models import Assessment, Result
from acculture.frameworks.models import Framework
from acculture.mentoring import services
from acculture.mentoring.models import SLOTS, Enrolment, Programme
from acculture.people.models import HierarchyLevel, Organisation, Person

DEMO_TITLE = "Mentorat inversé — promotion de démonstration"
DEMO_CHARTER = (
    "Ce qui se dit entre nous reste entre nous. Aucune question n'est bête. "
    "Le mentor ne juge pas ; le mentoré ne note pas son mentor. "
    "Chacun peut mettre fin au binôme en prévenant la direction du numérique."
)
MENTORS, MENTEES = 20, 15


def _band(framework: Framework, level: float) -> str:
    for band in framework.bands.all():
        if band.min_level <= level <= band.max_level + 0.999:
            return band.code
    return ""


def _demo_result(person: Person, framework: Framework, codes: list[str], levels: dict[str, float]) -> None:
    # Half a day ago: later than any demo history (which stops a day ago), so that it is
    # the person's latest result, which the matching reads.
    now = timezone.now() - timedelta(hours=12)
    assessment = Assessment.objects.create(
        person=person, mode=Assessment.Mode.PRACTICE, framework=framework, status=Assessment.Status.COMPLETED,
        started_at=now, completed_at=now, engine_state={"demo": True}, seed=0,
    )  # fmt: skip
    entries = [
        {"competence": code, "theta": round((levels[code] - 4) / 1.5, 2), "sd": 0.45, "level": levels[code],
         "low": max(0.0, levels[code] - 0.8), "high": min(8.0, levels[code] + 0.8),
         "band": _band(framework, levels[code]), "items": 2}
        for code in codes
    ]  # fmt: skip
    overall = round(sum(levels.values()) / len(levels), 1)
    Result.objects.create(assessment=assessment, person=person, framework=framework, completed_at=now,
                          overall_level=overall, overall_band=_band(framework, overall), competences=entries,
                          items_answered=2 * len(codes), seconds_spent=1200)  # fmt: skip


def _pick(rng: random.Random, preferred: list, others: list, count: int) -> list:
    """`count` people: as many as possible from `preferred`, then from `others`."""
    chosen = rng.sample(preferred, min(count, len(preferred)))
    rest = [p for p in others if p not in chosen]
    return chosen + rng.sample(rest, count - len(chosen))


def demo_build(organisation: Organisation, *, seed: int = 2026) -> str | None:
    framework = Framework.objects.filter(is_default=True).first()
    if framework is None:
        return None
    codes = list(framework.competences.order_by("order").values_list("code", flat=True))
    if not codes:
        return None
    rng = random.Random(seed)
    with transaction.atomic():
        programme = Programme.objects.filter(organisation=organisation, title=DEMO_TITLE).first()
        if programme is None:
            today = timezone.localdate()
            programme = services.programme_create(
                organisation=organisation, created_by=None, title=DEMO_TITLE, framework=framework,
                description="Des agents à l'aise avec le numérique accompagnent des cadres, une heure toutes les deux semaines.",
                enrol_until=today + timedelta(days=14), starts_on=today + timedelta(days=14),
                ends_on=today + timedelta(days=14 + 180), meeting_every_days=14, meeting_minutes=60,
                charter=DEMO_CHARTER, answer_within_days=7, mentor_min_level=5,
                mentor_levels=[HierarchyLevel.STAFF],
                mentee_levels=[HierarchyLevel.EXECUTIVE, HierarchyLevel.SENIOR_MANAGER, HierarchyLevel.MIDDLE_MANAGER],
            )  # fmt: skip
            services.programme_open(programme=programme, actor=None)
        elif programme.status == Programme.Status.OPEN and programme.enrol_until < timezone.localdate():
            today = timezone.localdate()  # a demo rebuilt weeks later: open enrolment again
            Programme.objects.filter(pk=programme.pk).update(
                enrol_until=today + timedelta(days=14),
                starts_on=today + timedelta(days=14),
                ends_on=today + timedelta(days=194),
            )
            programme.refresh_from_db()
        if programme.enrolments.exists():
            return f"Mentoring programme “{programme.title}”: {programme.enrolments.count()} people enrolled."
        people = Person.objects.filter(organisation=organisation, is_active=True).order_by("employee_number")
        staff = list(people.filter(hierarchy_level=HierarchyLevel.STAFF).exclude(email__startswith="cdo@"))
        managers = list(
            people.exclude(hierarchy_level=HierarchyLevel.STAFF)
            .exclude(email__startswith="cdo@")
            .exclude(manager__isnull=True)  # the head of everything: every mentor is in their line
        )
        # A very small demo organisation gets a smaller cohort.
        n_mentors, n_mentees = min(MENTORS, len(staff)), min(MENTEES, len(managers))
        if n_mentors < 2 or n_mentees < 2:
            return None
        from acculture.mentoring.cohorts import latest_levels

        # People who already have results come first: mentors strong enough on some skill,
        # mentees with any result; the rest are drawn at random and given a demo result.
        measured = latest_levels([p.pk for p in staff + managers], framework.pk)
        strong = [
            p for p in staff if max(measured.get(p.pk, {}).values(), default=0) >= programme.mentor_min_level
        ]
        first = [p for p in staff if p.email.startswith("employee@")]
        mentors = first + _pick(rng, [p for p in strong if p not in first], [p for p in staff if p not in first],
                                n_mentors - len(first))  # fmt: skip
        lead = [p for p in managers if p.email.startswith("manager@")]
        mentees = lead + _pick(rng, [p for p in managers if p.pk in measured and p not in lead],
                               [p for p in managers if p not in lead], n_mentees - len(lead))  # fmt: skip
        for person in mentors + mentees:
            is_mentor = person in mentors
            levels = {code: round(rng.uniform(4.0, 7.5) if is_mentor else rng.uniform(1.0, 4.0), 1)
                      for code in codes}  # fmt: skip
            if person.pk not in measured or (is_mentor and person not in strong):
                _demo_result(person, framework, codes, levels)
        measured = latest_levels([p.pk for p in mentors], framework.pk)
        for person in mentors:
            teachable = [
                c for c in codes if measured.get(person.pk, {}).get(c, 0) >= programme.mentor_min_level
            ]
            teach = rng.sample(teachable, min(len(teachable), rng.randint(3, 6))) or codes[:1]
            Enrolment.objects.create(
                programme=programme, person=person, role=Enrolment.Role.MENTOR, competences=teach,
                slots=rng.sample(SLOTS, rng.randint(3, 6)), languages=sorted({"fr", person.language}),
                mode=rng.choice(Enrolment.Mode.values), capacity=rng.choice([1, 1, 2]),
            )  # fmt: skip
        for person in mentees:
            Enrolment.objects.create(
                programme=programme, person=person, role=Enrolment.Role.MENTEE,
                competences=rng.sample(codes, rng.randint(1, 3)), slots=rng.sample(SLOTS, rng.randint(3, 6)),
                languages=sorted({"fr", person.language}), mode=rng.choice(Enrolment.Mode.values),
                goals_text="Être plus autonome avec les outils collaboratifs.",
            )  # fmt: skip
    return f"Mentoring programme “{programme.title}”: {n_mentors} mentors and {n_mentees} mentees enrolled."
