from collections import Counter

from django.core.management import call_command

from acculture.people.demo import DEMO_PASSWORD, demo_build, demo_rows
from acculture.people.models import Person, Site, Unit


def test_the_demo_rows_describe_a_realistic_public_body():
    rows = demo_rows(1200)
    assert len(rows) == 1200
    levels = Counter(r["hierarchy_level"] for r in rows)
    assert levels["executive"] >= 5 and levels["middle_manager"] >= 10 and levels["staff"] > 1000
    assert len({r["site"] for r in rows}) == 5
    assert 30 <= len({r["unit_path"] for r in rows}) <= 50
    years = [int(r["birth_year"]) for r in rows]
    assert min(years) < 1965 and max(years) > 2000
    assert rows == demo_rows(1200)  # deterministic


def test_building_the_demo_twice_changes_nothing_the_second_time(db):
    organisation, accounts = demo_build(size=300)
    before = list(Person.objects.order_by("pk").values())
    units = Unit.objects.count()
    demo_build(size=300)
    assert list(Person.objects.order_by("pk").values()) == before
    assert Unit.objects.count() == units
    assert Site.objects.filter(organisation=organisation).count() == 5
    assert len(accounts) == 8


def test_every_demo_account_reaches_its_home_page(client, db):
    _org, accounts = demo_build(size=300)
    for _label, email in accounts:
        client.logout()
        response = client.post("/login/", {"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        home = client.get("/", follow=True)
        assert home.status_code == 200, email


def test_the_demo_command_builds_without_serving(db, capsys):
    call_command("demo", size=100, no_serve=True)
    out = capsys.readouterr().out
    assert "cdo@demo.acculture.example" in out
    assert Person.objects.count() == 100
