"""The dashboard page: what the CDO and a manager see, drill-down, filters, and the
number of queries whatever the size of the organisation."""

import pytest

URL = "/insights/"  # a literal: reversing at import time would load every app's URLs before the database


def figures_of(response, name):
    """The units table row of `name`, as the page's Table row."""
    table = response.context["board"].tables["units"]
    return next(row for row in table.rows if row.label == name)


def test_the_cdo_reads_the_organisations_figures(world, cast, login):
    response = login(cast.cdo).get(URL)
    assert response.status_code == 200
    headline = response.context["board"].headline["row"]
    # 25 people: 19 assessed; illiterate = 6 never assessed + the one at 2.0 = 7 → 28 %.
    assert headline.values[:4] == [25, 19, 76.0, 28.0]
    assert b"Levels 1\xe2\x80\x932 or not assessed" in response.content
    assert b"<svg" in response.content and b"<script" not in response.content.split(b"<svg", 1)[1]


def test_the_cdo_drills_down_into_a_unit_and_sees_the_units_inside(world, cast, login):
    client = login(cast.cdo)
    top = client.get(URL)
    direction = figures_of(top, "Direction")
    assert direction.drillable
    inside = client.get(URL, {"unit": world["direction"].pk})
    a, b = figures_of(inside, "Bureau A"), figures_of(inside, "Bureau B")
    assert a.values[1:6] == [14, 14, 100.0, 7.1, 4.36]  # (2 + 7 × 5 + 6 × 4) / 14
    assert b.values[1:6] == [6, 5, 83.3, 16.7, 3.0]
    assert f'href="?unit={world["a"].pk}"'.encode() in inside.content
    cell = client.get(URL, {"unit": world["a"].pk})
    assert figures_of(cell, "Cellule A1").values[5] == 4.0
    assert [u.name for u in cell.context["board"].ancestors] == ["Direction"]


def test_a_site_filter_that_would_leave_one_person_outside_shows_nothing(world, cast, login):
    # Bureau A has 14 people, 13 of them at Lyon: Lyon's figures minus A's would give the one at Nantes.
    response = login(cast.cdo).get(URL, {"unit": world["direction"].pk, "site": world["lyon"].pk})
    board = response.context["board"]
    assert board.headline["row"].values[0] is None
    assert all(v is None for row in board.tables["units"].rows for v in row.values[1:])
    sites = {row.label: row for row in board.tables["sites"].rows}
    assert sites["Lyon"].status == "protected"
    assert b"not shown, so that a smaller group cannot be worked out" in response.content


def test_a_manager_sees_only_their_units(world, cast, login):
    client = login(cast.manager)
    response = client.get(URL)
    board = response.context["board"]
    assert [row.label for row in board.tables["units"].rows] == ["Bureau B"]
    assert board.headline["row"].values[:2] == [6, 5]
    assert b"Bureau A" not in response.content
    assert client.get(URL, {"unit": world["a"].pk}).status_code == 404


def test_a_manager_whose_team_is_in_no_unit_gets_an_empty_dashboard(cast, login):
    client = login(cast.manager)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["board"].headline["row"].status == "empty"
    assert client.get("/api/v1/insights/dashboard").status_code == 200


def test_another_organisations_unit_or_site_is_not_found(world, cast, login):
    client = login(cast.outsider)
    assert client.get(URL).status_code == 200
    assert client.get(URL, {"unit": world["a"].pk}).status_code == 404
    assert client.get(URL, {"site": world["lyon"].pk}).status_code == 404
    assert client.get(URL, {"unit": "x"}).status_code == 404


def test_people_without_the_dashboard_are_refused(world, cast, login):
    for who in (cast.employee, cast.hr, cast.champion):
        assert login(who).get(URL).status_code == 403


def test_the_ages_show_a_mean_and_a_confidence_interval(world, cast, login):
    from acculture.people.models import Person

    Person.objects.filter(organisation=cast.org).update(birth_year=1990)
    ages = login(cast.cdo).get(URL).context["board"].tables["ages"]
    row = ages.rows[0]
    assert row.label == "30 to 39" and row.values[1] == 19
    mean, low, high = row.values[2:5]
    assert low < mean < high


@pytest.mark.parametrize("extra_units", [0, 12])
def test_the_dashboard_takes_the_same_number_of_queries_whatever_the_size(
    world, cast, login, django_assert_num_queries, extra_units
):
    from acculture.people.models import Person
    from tests.conftest import make_person
    from tests.insights.conftest import give_result
    from tests.learning.conftest import make_unit

    for u in range(extra_units):
        unit = make_unit(cast.org, f"Direction / Extra {u}")
        for i in range(6):
            person = make_person(cast.org, f"X{u}-{i}", f"X{i}", f"Extra{u}", account=False)
            Person.objects.filter(pk=person.pk).update(unit=unit)
            give_result(person, 4.0)
    from acculture.insights.population import forget_kept

    forget_kept()
    client = login(cast.cdo)
    with django_assert_num_queries(30):  # the figures and the programme tiles
        assert client.get(URL, {"unit": world["direction"].pk}).status_code == 200
    with django_assert_num_queries(10):  # the people and the activity counts kept from the last read
        assert client.get(URL, {"unit": world["direction"].pk}).status_code == 200


def test_a_new_result_or_a_move_shows_at_once_despite_the_last_read_being_kept(world, cast, login):
    from acculture.people.models import Person
    from tests.insights.conftest import give_result

    client = login(cast.cdo)
    assert client.get(URL).context["board"].headline["row"].values[1] == 19
    give_result(cast.employee, 6.0)
    assert client.get(URL).context["board"].headline["row"].values[1] == 20
    # A bulk update (as the staff import makes) does not touch updated_at: still seen.
    Person.objects.filter(pk__in=[p.pk for p in world["people"]["a1"]]).update(unit=world["b"])
    inside = client.get(URL, {"unit": world["direction"].pk})
    assert figures_of(inside, "Bureau B").values[1] == 12


def test_a_month_in_which_only_a_few_people_were_assessed_is_not_shown(world, cast, login):
    from django.utils import timezone

    from acculture.insights.models import MonthlyFigure
    from acculture.insights.services import previous_months

    before, last = previous_months(timezone.localdate(), 2)
    # Two months side by side: 18 then 20 assessed; only 2 people changed in the second,
    # so its figures minus the first's would give those two people's levels.
    MonthlyFigure.objects.create(organisation=cast.org, month=before, people=25, assessed=18, low=6,
                                 level_sum=70.0, changed=18)  # fmt: skip
    MonthlyFigure.objects.create(organisation=cast.org, month=last, people=25, assessed=20, low=7,
                                 level_sum=76.0, changed=2)  # fmt: skip
    trend = {row.label: row for row in login(cast.cdo).get(URL).context["board"].tables["trend"].rows}
    assert trend[before.strftime("%Y-%m")].shown
    assert trend[last.strftime("%Y-%m")].status == "protected"
    assert trend[last.strftime("%Y-%m")].values[1:] == [None] * 5
