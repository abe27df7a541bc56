"""The demo: champions at several sites with profiles, a nomination waiting for the CDO,
and the circle's categories and threads in both spaces; a second run changes nothing."""

from acculture.champions.demo import demo_build as champions_demo
from acculture.champions.models import ChampionProfile, Nomination
from acculture.circle.demo import demo_build as circle_demo
from acculture.circle.models import Category, Notification, Post, Thread
from acculture.people.demo import demo_build as people_demo
from acculture.people.models import Person, Role


def test_the_demo_builds_the_network_and_the_circle_once(db):
    organisation, _accounts = people_demo(size=80, seed=7)
    assert champions_demo(organisation, seed=7).startswith("Champions:")
    assert circle_demo(organisation, seed=7).startswith("Circle:")
    demo_champion = Person.objects.get(email="champion@demo.acculture.example")
    assert ChampionProfile.objects.get(person=demo_champion).how_i_help
    champions = Person.objects.filter(organisation=organisation, role_grants__role=Role.CHAMPION)
    assert champions.values("site").distinct().count() >= 2
    assert ChampionProfile.objects.filter(person__in=champions).count() == champions.count()
    assert Nomination.objects.filter(organisation=organisation, status="pending").count() == 1
    assert set(Category.objects.values_list("space", flat=True)) == {"open", "champions"}
    assert Thread.objects.count() == 4 and Post.objects.count() > 4
    assert Notification.objects.filter(person__email="employee@demo.acculture.example").exists()
    counts = (champions.count(), Nomination.objects.count(), Post.objects.count())
    champions_demo(organisation, seed=7)
    circle_demo(organisation, seed=7)
    assert (champions.count(), Nomination.objects.count(), Post.objects.count()) == counts
