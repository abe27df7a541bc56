"""Programme tiles from the other apps, and HR's function compliance figures."""

from datetime import timedelta

from django.utils import timezone

from acculture.frameworks.models import Framework
from acculture.functions.models import Function, Holding
from acculture.people.models import Person


def make_function(cast, holders: list[Person], level: int = 3) -> Function:
    function = Function.objects.create(
        organisation=cast.org, name="Gestionnaire de dossiers", framework=Framework.objects.get(is_default=True),
        overall_level=level, grace_days=30,
    )  # fmt: skip
    long_ago = timezone.localdate() - timedelta(days=90)
    for person in holders:
        Holding.objects.create(function=function, person=person, started_on=long_ago)
    return function


def test_the_cdo_sees_a_tile_for_each_installed_app(world, cast, login):
    board = login(cast.cdo).get("/insights/").context["board"]
    assert [t.slug for t in board.tiles] == [
        "functions",
        "factory",
        "mentoring",
        "champions",
        "wins",
        "proposals",
    ]
    assert board.missing_tiles == []
    champions = board.tables["champions"].rows[0]
    assert champions.values[1:3] == [25, 1]  # 25 people, one champion in the cast


def test_a_manager_gets_no_organisation_wide_tiles(world, cast, login):
    assert login(cast.manager).get("/insights/").context["board"].tiles == []


def test_function_compliance_counts_holders_who_meet_the_level(world, cast, login):
    # Bureau A: one at 2.0 and seven at 5.0; the function needs level 3.
    make_function(cast, world["people"]["a"])
    response = login(cast.hr).get("/insights/compliance/")
    row = response.context["table"].rows[0]
    assert row.values == ["Gestionnaire de dossiers", 8, 7, 0, 1, 87.5]
    csv = login(cast.hr).get("/insights/export/functions.csv").content.decode()
    assert "Gestionnaire de dossiers,8,7,0,1,87.5" in csv
    assert login(cast.hr).get("/insights/export/units.csv").status_code == 403


def test_a_function_with_few_holders_shows_no_figures(world, cast, login):
    make_function(cast, world["people"]["a"][:4])
    row = login(cast.cdo).get("/insights/").context["board"].tables["functions"].rows[0]
    assert row.status == "small" and row.values[1:] == [None] * 5
