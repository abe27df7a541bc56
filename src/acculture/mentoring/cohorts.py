"""From a programme's enrolments to the arrays of `matching`, and the reasons back."""

from dataclasses import dataclass

import numpy as np

from acculture.assessments.models import Result
from acculture.frameworks.models import Competence
from acculture.mentoring import matching
from acculture.mentoring.models import RANK, SLOTS, Enrolment, Pair, Programme
from acculture.people.models import Language, Person

LANGUAGE_BIT = {code: 1 << n for n, code in enumerate(Language.values)}


def latest_levels(person_ids, framework_id: int, *, before=None) -> dict[int, dict[str, float]]:
    """person id → {competence code: level} from each person's latest result in the
    framework (before a moment, when given). People without a result are absent."""
    results = Result.objects.filter(person_id__in=list(person_ids), framework_id=framework_id)
    if before is not None:
        results = results.filter(completed_at__lt=before)
    levels: dict[int, dict[str, float]] = {}
    for person_id, competences in results.order_by("person_id", "-completed_at").values_list(
        "person_id", "competences"
    ):
        if person_id not in levels:
            levels[person_id] = {e["competence"]: float(e["level"]) for e in competences}
    return levels


@dataclass
class Built:
    cohort: matching.Cohort
    mentors: list[Enrolment]
    mentees: list[Enrolment]
    codes: list[str]


def _bits(codes) -> int:
    return sum(LANGUAGE_BIT.get(code, 0) for code in codes)


def cohort_build(programme: Programme) -> Built:
    """The matching problem of a programme as it stands: pairs under way or waiting for
    answers are locked, like pairs the CDO locked; declined, expired and excluded pairs
    are never proposed again."""
    enrolments = list(
        Enrolment.objects.filter(programme=programme, person__is_active=True).select_related("person__site")
    )
    mentors = [e for e in enrolments if e.role == Enrolment.Role.MENTOR]
    mentees = [e for e in enrolments if e.role == Enrolment.Role.MENTEE]
    codes = list(
        Competence.objects.filter(framework_id=programme.framework_id)
        .order_by("order")
        .values_list("code", flat=True)
    )
    column = {code: k for k, code in enumerate(codes)}
    slot_index = {code: s for s, code in enumerate(SLOTS)}
    levels = latest_levels([e.person_id for e in mentors], programme.framework_id)

    def matrix(rows, values_of, width, index) -> np.ndarray:
        out = np.zeros((len(rows), width), dtype=bool)
        for r, row in enumerate(rows):
            for code in values_of(row):
                if code in index:
                    out[r, index[code]] = True
        return out

    strength = np.zeros((len(mentors), len(codes)))
    for i, mentor in enumerate(mentors):
        for code, level in levels.get(mentor.person_id, {}).items():
            if code in column:
                strength[i, column[code]] = level
    site_ids = {p.site_id for e in enrolments if (p := e.person).site_id}
    site = {sid: n for n, sid in enumerate(sorted(site_ids))}
    unit_ids = {e.person.unit_id for e in enrolments if e.person.unit_id}
    unit = {uid: n for n, uid in enumerate(sorted(unit_ids))}

    def ids(rows, attr, table):
        return np.array([table.get(getattr(e.person, attr), -1) for e in rows], dtype=np.int64)

    mentor_index = {e.pk: i for i, e in enumerate(mentors)}
    mentee_index = {e.pk: j for j, e in enumerate(mentees)}
    manager_of = dict(
        Person.objects.filter(organisation_id=programme.organisation_id).values_list("pk", "manager_id")
    )
    forbidden = set(
        matching.reporting_line_conflicts(
            [e.person_id for e in mentors], [e.person_id for e in mentees], manager_of
        )
    )
    locked = []
    for pair in Pair.objects.filter(programme=programme).exclude(status=Pair.Status.ENDED):
        key = (mentor_index.get(pair.mentor_id), mentee_index.get(pair.mentee_id))
        if None in key:
            continue
        if pair.status in (Pair.Status.PUBLISHED, Pair.Status.ACTIVE) or (
            pair.status == Pair.Status.PROPOSED and pair.locked
        ):
            locked.append(key)
        elif pair.status in (Pair.Status.DECLINED, Pair.Status.EXPIRED, Pair.Status.EXCLUDED):
            forbidden.add(key)
    cohort = matching.Cohort(
        mentor_strength=strength,
        mentor_teaches=matrix(mentors, lambda e: e.competences, len(codes), column),
        mentor_slots=matrix(mentors, lambda e: e.slots, len(SLOTS), slot_index),
        mentor_languages=np.array([_bits(e.languages) for e in mentors], dtype=np.int64),
        mentor_capacity=np.array([e.capacity for e in mentors], dtype=np.int64),
        mentor_rank=np.array([RANK[e.person.hierarchy_level] for e in mentors], dtype=np.int64),
        mentor_unit=ids(mentors, "unit_id", unit),
        mentor_site=ids(mentors, "site_id", site),
        mentee_goals=matrix(mentees, lambda e: e.competences, len(codes), column),
        mentee_slots=matrix(mentees, lambda e: e.slots, len(SLOTS), slot_index),
        mentee_languages=np.array([_bits(e.languages) for e in mentees], dtype=np.int64),
        mentee_rank=np.array([RANK[e.person.hierarchy_level] for e in mentees], dtype=np.int64),
        mentee_unit=ids(mentees, "unit_id", unit),
        mentee_site=ids(mentees, "site_id", site),
        mentee_on_site=np.array([e.mode == Enrolment.Mode.ON_SITE for e in mentees], dtype=bool),
        forbidden=sorted(forbidden),
        locked=locked,
    )
    return Built(cohort=cohort, mentors=mentors, mentees=mentees, codes=codes)


def reasons_data(built: Built, i: int, j: int) -> dict:
    """The reasons of one pair as JSON: codes and numbers, put in words when shown."""
    found = matching.explain(built.cohort, i, j)
    mentor, mentee = built.mentors[i].person, built.mentees[j].person
    return {
        "strong": [[built.codes[k], round(level, 1)] for k, level in found.strong_goals],
        "goals": [c for c in built.mentees[j].competences if c in built.codes],
        "slots": [SLOTS[s] for s in found.common_slots],
        "languages": [code for code, bit in LANGUAGE_BIT.items() if found.common_languages & bit],
        "same_site": found.same_site,
        "site": mentor.site.name if found.same_site and mentor.site_id else "",
        "on_site": bool(built.cohort.mentee_on_site[j]),
        "different_unit": found.different_unit,
        "mentor_level": RANK[mentor.hierarchy_level],
        "mentee_level": RANK[mentee.hierarchy_level],
    }
