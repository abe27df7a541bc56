"""An organisation in memory for the privacy tests: the same Tree and Population the
dashboard builds from the database, without the database."""

from datetime import date

import numpy as np

from acculture.insights.population import HIERARCHY, Population, Tree
from acculture.insights.selectors import Scope, build_dashboard
from acculture.people.models import Organisation, Site, Unit

TODAY = date(2026, 11, 15)
CODES = ["1.1", "1.2"]


def make_world(parents, people, sites=3):
    """`parents[i]`: the index of unit i's parent (an earlier unit) or None; `people`: tuples
    (unit index or None, site index or None, hierarchy index, age, overall level or None,
    level of 1.2 measured or not)."""
    units, children, parent = {}, {None: []}, {}
    for i, above in enumerate(parents):
        pk = i + 1
        parent_pk = None if above is None else above + 1
        depth = 0 if parent_pk is None else units[parent_pk].depth + 1
        path = f"U{pk}" if parent_pk is None else f"{units[parent_pk].path} / U{pk}"
        units[pk] = Unit(pk=pk, name=f"U{pk}", path=path, parent_id=parent_pk, depth=depth)
        parent[pk] = parent_pk
        children.setdefault(parent_pk, []).append(pk)
    ordered = sorted(units, key=lambda pk: units[pk].path)
    for key in children:
        children[key].sort(key=lambda pk: units[pk].path)
    tree = Tree(keys=[*ordered, None], units=units, parent=parent, children=children)
    position = tree.position()
    site_objects = [Site(pk=100 + s, name=f"Site {s}") for s in range(sites)]
    overall = np.array([np.nan if p[4] is None else p[4] for p in people], dtype=float)
    levels = np.column_stack(
        [overall, np.array([o if p[5] else np.nan for p, o in zip(people, overall, strict=True)])]
    ) if people else np.zeros((0, 2))  # fmt: skip
    population = Population(
        codes=CODES,
        names=["One", "Two"],
        node=np.array([position[None if p[0] is None else p[0] + 1] for p in people], dtype=np.int64),
        site=np.array([0 if p[1] is None else 100 + p[1] for p in people], dtype=np.int64),
        hierarchy=np.array([p[2] % len(HIERARCHY) for p in people], dtype=np.int64),
        birth_year=np.array([TODAY.year - p[3] for p in people], dtype=np.int64),
        overall=overall,
        levels=levels,
    )
    return tree, site_objects, population


def board(tree, sites, population, unit_id=None, site=None, least=5):
    scope = Scope(Organisation(name="Test"))
    return build_dashboard(
        scope, tree, sites, population, unit_id=unit_id, site=site, today=TODAY, least=least
    )


def views(tree, sites, population, least=5):
    """Every page an attacker can open: each unit, with and without each site filter."""
    for unit_id in tree.keys:
        for site in [None, *sites]:
            yield unit_id, site, board(tree, sites, population, unit_id, site, least)
