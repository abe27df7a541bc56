"""The attacker's view: open every page (each unit, each site filter), collect every
figure shown, and try to solve for one person's level or participation by adding and
subtracting the groups the figures are about. Linear algebra says whether it can be
done: a person's value is recoverable exactly when their indicator vector lies in the
span of the shown groups' vectors."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acculture.insights.selectors import BRACKETS
from tests.insights.guard_model import TODAY, make_world, views

LEAST = 5


def members(tree, population, unit_id, site):
    branch = {tree.position()[key] for key in tree.branch(unit_id)}
    inside = np.isin(population.node, list(branch))
    if site is not None:
        inside &= population.site == site.pk
    return inside


def released(tree, sites, population):
    """The groups whose figures some page shows: (domain, vector over people)."""
    groups = []
    assessed = population.assessed
    measured = ~np.isnan(population.levels[:, 1])
    everyone = np.ones(len(population.node), dtype=bool)
    for unit_id, site, board in views(tree, sites, population, LEAST):
        here = members(tree, population, unit_id, site)
        rows = [(board.headline["row"].values, here, 0)]
        rows += [
            (row.values, members(tree, population, row.unit_id, site), 1)
            for row in board.tables["units"].rows
        ]
        rows += [
            (row.values, everyone & (population.site == row.unit_id), 1) for row in board.tables["sites"].rows
        ]
        for row, label in zip(board.tables["hierarchy"].rows, board.tables["hierarchy"].rows, strict=True):
            from acculture.insights.population import HIERARCHY

            h = [str(level.label) for level in HIERARCHY].index(label.label)
            rows.append((row.values, population.hierarchy == h, 1))
        for values, group, offset in rows:
            if values[offset] is not None:
                groups.append(("participation", group))
            if values[offset + 3] is not None or values[offset + 4] is not None:
                groups.append(("overall", group & assessed))
        for c, row in enumerate(board.tables["levels"].rows):
            if row.values[1] is not None:
                groups.append((f"c{c}", here & (assessed if c == 0 else measured)))
        age = TODAY.year - population.birth_year
        for row in board.tables["ages"].rows:
            if row.values[1] is not None:
                low, high = next((lo, hi) for label, lo, hi in BRACKETS if str(label) == row.label)
                groups.append(("overall", assessed & (age >= low) & (age <= high)))
    return groups


def exposed(groups, population):
    """The people whose value in some domain the shown groups give away."""
    domains = {
        "participation": np.ones(len(population.node), dtype=bool),
        "overall": population.assessed,
        "c0": population.assessed,
        "c1": ~np.isnan(population.levels[:, 1]),
    }
    found = []
    for domain, people in domains.items():
        vectors = [g[people].astype(float) for d, g in groups if d == domain and g[people].any()]
        if not vectors:
            continue
        matrix = np.array(vectors)
        rank = np.linalg.matrix_rank(matrix)
        for j in range(int(people.sum())):
            unit = np.zeros(matrix.shape[1])
            unit[j] = 1
            if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
                found.append((domain, j))
    return found


@st.composite
def organisations(draw):
    n_units = draw(st.integers(1, 6))
    parents = [None] + [draw(st.one_of(st.none(), st.integers(0, i - 1))) for i in range(1, n_units)]
    person = st.tuples(
        st.one_of(st.none(), st.integers(0, n_units - 1)),
        st.one_of(st.none(), st.integers(0, 2)),
        st.integers(0, 3),
        st.integers(20, 64),
        st.one_of(st.none(), st.floats(0, 8, allow_nan=False).map(lambda x: round(x, 1))),
        st.booleans(),
    )
    people = draw(st.lists(person, min_size=1, max_size=40))
    return parents, people


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations())
def test_no_combination_of_shown_figures_gives_away_one_persons_value(world):
    parents, people = world
    tree, sites, population = make_world(parents, people)
    groups = released(tree, sites, population)
    assert exposed(groups, population) == []


def test_the_attacker_does_find_a_person_when_the_guard_is_bypassed():
    """The adversary itself works: a unit of 6 and its child of 5, both shown, give the
    sixth person away."""
    tree, _sites, population = make_world(
        [None, 0], [(0, 0, 3, 30, 2.0, True)] + [(1, 0, 3, 30, 4.0, True)] * 5
    )
    everyone = np.ones(6, dtype=bool)
    child = population.node == tree.position()[2]
    assert exposed([("overall", everyone), ("overall", child)], population) == [("overall", 0)]
