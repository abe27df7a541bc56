"""The people of a dashboard's scope as numpy arrays, its unit tree, and what each server
process keeps between pages (the last populations read, the activity tables for a minute).

`insights.selectors` builds every figure from these; nothing here decides what is shown.
"""

from __future__ import annotations

import time as time_module
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from acculture.frameworks.models import Competence, Framework
from acculture.insights import privacy
from acculture.insights.models import LOW_LEVEL_BELOW, MISSING, Profile
from acculture.people.models import HierarchyLevel, Person, Unit

if TYPE_CHECKING:
    from acculture.insights.selectors import Scope

HIERARCHY = list(HierarchyLevel)


@dataclass
class Population:
    """The active people of a scope as numpy arrays, one entry per person."""

    codes: list[str]
    names: list[str]
    node: np.ndarray  # position of the person's unit among the scope's nodes; the root last
    site: np.ndarray  # site id, 0 for none
    hierarchy: np.ndarray  # index in HIERARCHY
    birth_year: np.ndarray  # 0 when unknown
    overall: np.ndarray  # NaN when never assessed
    levels: np.ndarray  # (people, competences), NaN when not measured
    hire_month: np.ndarray | None = None  # the month of hire for this year's hires, else 0

    @property
    def assessed(self) -> np.ndarray:
        return ~np.isnan(self.overall)


class UnitInfo(NamedTuple):
    """What the dashboard needs of a unit."""

    pk: int
    name: str
    path: str
    parent_id: int | None
    depth: int


@dataclass
class Tree:
    keys: list[int | None]  # unit ids in path order; None (the scope's root) last
    units: dict[int, Unit]
    parent: dict[int | None, int | None]
    children: dict[int | None, list[int]]

    @property
    def root_position(self) -> int:
        return len(self.keys) - 1

    def position(self) -> dict[int | None, int]:
        return {key: i for i, key in enumerate(self.keys)}

    def branch(self, key: int | None) -> list[int | None]:
        found, stack = [], [key]
        while stack:
            here = stack.pop()
            found.append(here)
            stack.extend(self.children.get(here, ()))
        return found

    def roll_up(self, table: np.ndarray) -> np.ndarray:
        """Add each node's row to its parent's, deepest first, so that every row holds its
        whole branch (rows in `keys` order); in place, and returned."""
        position = self.position()
        for key in sorted(self.keys[:-1], key=lambda pk: -self.units[pk].depth):
            table[position[self.parent[key]]] += table[position[key]]
        return table

    def ancestors(self, key: int | None) -> list[int | None]:
        chain = []
        while key is not None:
            key = self.parent[key]
            chain.append(key)
        return list(reversed(chain))


def tree_for(scope: Scope) -> Tree:
    """The scope's units; a unit's nearest ancestor in the scope is its parent (one query)."""
    # Plain tuples, not model instances: 3,000 units cost a tenth of the time this way.
    units = {
        row[0]: UnitInfo(*row)
        for row in Unit.objects.filter(organisation=scope.organisation).values_list(
            "pk", "name", "path", "parent_id", "depth"
        )
    }
    in_scope = set(units) if scope.whole else set(scope.unit_ids) & set(units)
    parent: dict[int | None, int | None] = {}
    children: dict[int | None, list[int]] = {None: []}
    ordered = sorted(in_scope, key=lambda pk: units[pk].path)
    for pk in ordered:
        above = units[pk].parent_id
        while above is not None and above not in in_scope:
            above = units[above].parent_id if above in units else None
        parent[pk] = above
        children.setdefault(above, []).append(pk)
    return Tree(keys=[*ordered, None], units=units, parent=parent, children=children)


def framework_codes() -> tuple[Framework | None, list[str], list[str]]:
    framework = Framework.objects.filter(is_default=True).first()
    if framework is None:
        return None, [], []
    competences = list(Competence.objects.filter(framework=framework).order_by("order", "pk"))
    return framework, [c.code for c in competences], [c.name for c in competences]


# The last populations read, per process, keyed by what they were read from (see
# `_version`): a page after the first reads two aggregates instead of 100,000 rows.
_POPULATIONS: OrderedDict = OrderedDict()
KEPT_POPULATIONS = 8


def _version(people, organisation) -> tuple:
    """A fingerprint of everything the population holds: who is active, in which unit,
    site and hierarchy level, born when, and the profiles. Weighted sums rather than a
    last-modified date, because bulk updates (the staff import) do not touch
    `updated_at`; a profile only ever changes with a later assessment."""
    weights = {
        "n": Count("pk"),
        "unit": Sum(F("pk") * Coalesce("unit_id", 0)),
        "site": Sum(F("pk") * Coalesce("site_id", 0)),
        "born": Sum(F("pk") * Coalesce("birth_year", 0)),
        "hired": Sum(F("pk"), filter=Q(hire_date__year=timezone.localdate().year)),
        **{f"h{i}": Sum(F("pk"), filter=Q(hierarchy_level=level)) for i, level in enumerate(HIERARCHY)},
    }
    # Both read from the (organisation, assessed_at) index alone.
    profiles = Profile.objects.filter(organisation=organisation).aggregate(
        n=Count("assessed_at"), last=Max("assessed_at")
    )
    framework = Framework.objects.filter(is_default=True).values_list("pk", "loaded_at").first()
    return (*people.aggregate(**weights).values(), *profiles.values(), framework)


ACTIVITY_SECONDS = 60
_ACTIVITY: dict = {}


def kept(scope: Scope, name: str, build):
    """`build()`, or its value from less than ACTIVITY_SECONDS ago for the same scope,
    language and minimum group size (the tables hold translated titles and statuses)."""
    from django.utils.translation import get_language

    key = (
        scope.organisation.pk,
        scope.unit_ids,
        name,
        get_language(),
        privacy.minimum(),
        timezone.localdate(),
    )
    now = time_module.monotonic()
    found = _ACTIVITY.get(key)
    if found is not None and now - found[0] < ACTIVITY_SECONDS:
        return found[1]
    value = build()
    _ACTIVITY[key] = (now, value)
    if len(_ACTIVITY) > 64:  # forget the oldest half: a handful of scopes are ever in use at once
        for stale in sorted(_ACTIVITY, key=lambda k: _ACTIVITY[k][0])[:32]:
            _ACTIVITY.pop(stale, None)
    return value


def population_for(scope: Scope, tree: Tree) -> Population:
    """The scope's people, from this process's last read when nothing has changed since."""
    people = Person.objects.filter(organisation=scope.organisation, is_active=True)
    if not scope.whole:
        people = people.filter(unit_id__in=[k for k in tree.keys if k is not None])
    key = (scope.organisation.pk, scope.unit_ids, tuple(tree.keys), _version(people, scope.organisation))
    try:
        found = _POPULATIONS[key]
        _POPULATIONS.move_to_end(key)
        return found
    except KeyError:  # not kept, or dropped by another thread a moment ago
        pass
    population = _read_population(tree, people)
    _POPULATIONS[key] = population
    while len(_POPULATIONS) > KEPT_POPULATIONS:
        _POPULATIONS.popitem(last=False)
    return population


def _read_population(tree: Tree, people) -> Population:
    """One query, read with a plain cursor: Django's row converters alone would cost more
    than the rest of the page on 100,000 people. Every column is a number, a short text
    or the levels' bytes, which the database driver gives as they are."""
    framework, codes, names = framework_codes()
    query = people.order_by().values_list(
        "unit_id", "site_id", "hierarchy_level", "birth_year",
        "profile__overall_level", "profile__levels", "profile__framework_id", "pk",
    )  # fmt: skip
    try:
        sql, params = query.query.sql_with_params()
    except EmptyResultSet:  # a manager whose reports are in no unit: nobody to read
        rows = []
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    columns = list(zip(*rows, strict=True)) if rows else [()] * 8
    k = len(codes)
    width = max(k, 1)
    framework_id = framework.pk if framework else None
    blank = bytes([MISSING]) * width
    blobs = [
        bytes(blob)[:width].ljust(width, b"\xff") if blob is not None and fid == framework_id else blank
        for blob, fid in zip(columns[5], columns[6], strict=True)
    ]
    raw = np.frombuffer(b"".join(blobs), dtype=np.uint8).reshape(len(rows), width)[:, :k]
    levels = np.where(raw == MISSING, np.nan, raw / 10.0)
    # People → their unit's position in the tree, through the distinct unit ids only.
    position = tree.position()
    unit_ids = np.nan_to_num(np.array(columns[0], dtype=np.float64), nan=-1).astype(np.int64)
    distinct, inverse = np.unique(unit_ids, return_inverse=True)
    node = np.array([position.get(int(u), tree.root_position) for u in distinct], dtype=np.int64)[inverse]
    hierarchy_index = {level.value: i for i, level in enumerate(HIERARCHY)}
    return Population(
        codes=codes,
        names=names,
        node=node.reshape(len(rows)),
        site=np.nan_to_num(np.array(columns[1], dtype=np.float64)).astype(np.int64),
        hierarchy=np.array([hierarchy_index.get(h, len(HIERARCHY) - 1) for h in columns[2]], dtype=np.int64),
        birth_year=np.nan_to_num(np.array(columns[3], dtype=np.float64)).astype(np.int64),
        overall=np.array(columns[4], dtype=np.float64),
        levels=levels,
        hire_month=_hire_months(people, columns[7], timezone.localdate().year),
    )


def _hire_months(people, person_ids, year: int) -> np.ndarray:
    """The month of hire for people hired in `year`, else 0: one query for this year's
    hires only (a date column read for everyone would be 100,000 date conversions)."""
    months = np.zeros(len(person_ids), dtype=np.int64)
    hired = dict(people.filter(hire_date__year=year).values_list("pk", "hire_date"))
    if hired:
        for i, pk in enumerate(person_ids):
            if pk in hired:
                months[i] = hired[pk].month
    return months


# Columns of the per-node sums: people, assessed, low, sum of overall levels, then for each
# competence the people measured and the sum of their levels.
PEOPLE, ASSESSED, LOW, OVERALL = 0, 1, 2, 3


def node_sums(population: Population, tree: Tree, mask: np.ndarray | None = None) -> np.ndarray:
    """Whole-branch sums per node (rows in tree.keys order)."""
    n_nodes = len(tree.keys)
    k = len(population.codes)
    keep = np.ones(len(population.node), dtype=bool) if mask is None else mask
    node = population.node[keep]
    assessed = population.assessed[keep]
    overall = np.nan_to_num(population.overall[keep])
    levels = population.levels[keep]
    sums = np.zeros((n_nodes, 4 + 2 * k))
    sums[:, PEOPLE] = np.bincount(node, minlength=n_nodes)
    sums[:, ASSESSED] = np.bincount(node, weights=assessed, minlength=n_nodes)
    sums[:, LOW] = np.bincount(node, weights=assessed & (overall < LOW_LEVEL_BELOW), minlength=n_nodes)
    sums[:, OVERALL] = np.bincount(node, weights=overall, minlength=n_nodes)
    for c in range(k):
        measured = ~np.isnan(levels[:, c])
        sums[:, 4 + c] = np.bincount(node, weights=measured, minlength=n_nodes)
        sums[:, 4 + k + c] = np.bincount(node, weights=np.nan_to_num(levels[:, c]), minlength=n_nodes)
    return tree.roll_up(sums)


def crosstab(
    population: Population, tree: Tree, categories: np.ndarray, count: int, weights=None
) -> np.ndarray:
    """(nodes × categories) whole-branch counts of people in each category."""
    n_nodes = len(tree.keys)
    flat = np.bincount(population.node * count + categories, weights=weights, minlength=n_nodes * count)
    return tree.roll_up(flat.reshape(n_nodes, count))


def forget_kept() -> None:
    """Drop everything this process keeps (tests and benchmarks that need a fresh read)."""
    _POPULATIONS.clear()
    _ACTIVITY.clear()
