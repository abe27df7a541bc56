"""The demo's Digital Factory: built once, a lab per site and an online one, one session nearly full."""

from acculture.factory.demo import demo_build
from acculture.factory.models import Factory, Session, Workshop
from acculture.people.models import Site
from tests.conftest import make_person
from tests.factory.conftest import make_staff


def test_the_demo_builds_labs_workshops_and_a_nearly_full_session_once(cast):
    for name in ("Lyon", "Nantes"):
        Site.objects.create(organisation=cast.org, name=name)
    runner = make_person(cast.org, "DF1", "Facilitator", "Demo")
    runner.email = "facilitator@demo.acculture.example"
    runner.save()
    make_staff(cast.org, 12)
    line = demo_build(cast.org, seed=1)
    assert Factory.objects.filter(organisation=cast.org).count() == 3
    assert Factory.objects.filter(organisation=cast.org, site__isnull=True).count() == 1
    assert len({w.track for w in Workshop.objects.filter(organisation=cast.org)}) == 6
    sessions = list(Session.objects.filter(workshop__organisation=cast.org))
    assert len(sessions) == 12 and {s.facilitator for s in sessions} == {runner}
    assert all(s.status == "published" for s in sessions)
    assert sessions[0].seats_left == 1 and "seats taken" in line
    demo_build(cast.org, seed=1)  # again: nothing new
    assert Session.objects.count() == 12 and Workshop.objects.count() == 8
