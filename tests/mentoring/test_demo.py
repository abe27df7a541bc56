"""The demo programme: 20 mentors and 15 mentees enrolled, ready to match, built once."""

from acculture.mentoring import matching
from acculture.mentoring.cohorts import cohort_build
from acculture.mentoring.demo import demo_build
from acculture.mentoring.models import Enrolment, Pair, Programme
from acculture.mentoring.services import matching_run
from acculture.people.demo import demo_build as people_demo_build
from tests.mentoring.factories import make_framework


def test_the_demo_enrols_twenty_mentors_and_fifteen_mentees_once_and_matching_keeps_every_rule(db):
    make_framework(default=True)
    organisation, _accounts = people_demo_build(size=400, seed=7)
    assert "20 mentors and 15 mentees" in demo_build(organisation, seed=7)
    demo_build(organisation, seed=7)  # a second run changes nothing
    programme = Programme.objects.get(organisation=organisation)
    roles = sorted(Enrolment.objects.filter(programme=programme).values_list("role", flat=True))
    assert roles.count("mentor") == 20 and roles.count("mentee") == 15
    assert programme.status == "open"
    emails = set(Enrolment.objects.filter(programme=programme).values_list("person__email", flat=True))
    assert {"employee@demo.acculture.example", "manager@demo.acculture.example"} <= emails
    pairs = matching_run(programme=programme, actor=None)
    built = cohort_build(programme)
    index_m = {e.pk: i for i, e in enumerate(built.mentors)}
    index_e = {e.pk: j for j, e in enumerate(built.mentees)}
    assert len(pairs) == 15
    assert (
        matching.violations(built.cohort, [(index_m[p.mentor_id], index_e[p.mentee_id]) for p in pairs]) == []
    )
    assert all(p.reasons["strong"] for p in Pair.objects.filter(programme=programme))
