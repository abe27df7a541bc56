"""The dashboard's figures, computed in one pass over the scope's people.

One query reads every active person of the scope with their current profile (unit,
site, hierarchy level, birth year, overall level, the levels per competence as bytes);
numpy sums them per unit, and the unit sums are rolled up the tree. Every figure then
goes through `insights.privacy`: the statuses of the groups are computed for the whole
scope, so that a group has the same status on every page, export and report.

Which group a figure belongs to:
- participation (assessed, share assessed): all active people of the group;
- levels (mean level, distribution, illiteracy rate): the people of the group with a
  profile; the illiteracy rate also counts the never-assessed, so it is shown only
  when both the group and its assessed people may be shown.
"""

import math
from dataclasses import dataclass, field

import numpy as np
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from acculture.insights import privacy
from acculture.insights.activity import campaigns_table, learning_table, trend_table
from acculture.insights.models import LOW_LEVEL_BELOW
from acculture.insights.population import (
    ASSESSED,
    HIERARCHY,
    LOW,
    OVERALL,
    PEOPLE,
    Tree,
    crosstab,
    kept,
    node_sums,
    population_for,
    tree_for,
)
from acculture.insights.tables import Column, Row, Table, level, pct
from acculture.people.models import Organisation, Site, Unit
from acculture.people.policy import Actor, Perm

# Age brackets for "the digital-natives myth": (label, lowest age, highest age).
BRACKETS = [
    (gettext_lazy("Under 30"), 0, 29),
    (gettext_lazy("30 to 39"), 30, 39),
    (gettext_lazy("40 to 49"), 40, 49),
    (gettext_lazy("50 to 59"), 50, 59),
    (gettext_lazy("60 and over"), 60, 200),
]
BANDS = [  # (label, lowest whole level, highest whole level) for the distribution
    (gettext_lazy("Below 1"), 0, 0),
    (gettext_lazy("1–2"), 1, 2),
    (gettext_lazy("3–4"), 3, 4),
    (gettext_lazy("5–6"), 5, 6),
    (gettext_lazy("7–8"), 7, 8),
]


# --- Scope ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What an actor may see: the whole organisation, or some units (a manager's)."""

    organisation: Organisation
    unit_ids: frozenset[int] | None = None

    @property
    def whole(self) -> bool:
        return self.unit_ids is None

    @property
    def label(self) -> str:
        return self.organisation.name if self.whole else _("Your units")


def scope_for(actor: Actor) -> Scope | None:
    """The CDO sees the organisation; a manager the units of the people below them."""
    if actor.can(Perm.INSIGHTS_ORGANISATION):
        return Scope(actor.organisation)
    if actor.can(Perm.INSIGHTS_UNITS):
        from acculture.assessments.campaign_selectors import units_headed_by

        return Scope(actor.organisation, frozenset(units_headed_by(actor.person)))
    return None


# --- Population: insights/population.py; tables: insights/tables.py; trend, campaigns and
# learning time: insights/activity.py ------------------------------------------------------

# --- Statuses ------------------------------------------------------------------------------


@dataclass
class Statuses:
    people: dict
    assessed: dict
    competences: list[dict]


def _statuses(tree: Tree, sums: np.ndarray, k: int, *, inside=None, root_shown=(True, True)) -> Statuses:
    """Statuses of every node for the people, the assessed and each competence. With
    `inside` (the sums of a filter), the statuses of the filtered tree (privacy rule 3)."""
    keys = tree.keys

    def sizes(matrix, column):
        return {key: int(matrix[i, column]) for i, key in enumerate(keys)}

    def settle(column, shown=True):
        if inside is None:
            return privacy.tree_statuses(tree.children, sizes(sums, column))
        return privacy.filtered_tree_statuses(
            tree.children, sizes(sums, column), sizes(inside, column), root_shown=shown
        )

    people = settle(PEOPLE, root_shown[0])
    assessed = settle(ASSESSED, root_shown[1])
    source = sums if inside is None else inside
    competences = []
    for c in range(k):
        if np.array_equal(source[:, 4 + c], source[:, ASSESSED]) and (
            inside is None or np.array_equal(sums[:, 4 + c], sums[:, ASSESSED])
        ):
            competences.append(assessed)  # the same people: the same statuses
        else:
            competences.append(settle(4 + c, root_shown[1]))
    return Statuses(people, assessed, competences)


# --- The dashboard -------------------------------------------------------------------------


@dataclass
class Dashboard:
    scope: Scope
    minimum: int
    node: int | None
    node_unit: Unit | None
    ancestors: list
    site: Site | None
    sites: list[Site]
    codes: list[str]
    names: list[str]
    headline: dict
    tables: dict[str, Table]
    trend: list[dict]
    distribution: list[dict]
    tiles: list = field(default_factory=list)
    missing_tiles: list = field(default_factory=list)
    people_by_site: dict = field(default_factory=dict)  # site id (0: none) → active people
    sums: object = None  # the whole-branch sums per node (numpy), for the figures added after

    @property
    def competence_labels(self) -> list[str]:
        return [f"{code}: {name}" for code, name in zip(self.codes, self.names, strict=True)]


def _figures_row(label, sums_row, people_status, assessed_status, **extra) -> Row:
    """people, assessed, % assessed, % in the first band or never assessed, mean level."""
    people, assessed, low, overall = (sums_row[i] for i in (PEOPLE, ASSESSED, LOW, OVERALL))
    shown_people = people_status == "shown"
    shown_levels = assessed_status in ("shown", "empty") and shown_people
    values = [
        int(people) if shown_people else None,
        int(assessed) if shown_people else None,
        pct(assessed, people) if shown_people else None,
        pct(people - assessed + low, people) if shown_levels else None,
        level(overall, assessed) if assessed_status == "shown" and shown_people else None,
    ]
    status = people_status if not shown_people else "shown"
    return Row(label=label, values=values, status=status, **extra)


def figure_columns() -> list[Column]:
    return [
        Column("people", _("People"), "int"),
        Column("assessed", _("Assessed"), "int"),
        Column("assessed_pct", _("Assessed (%)"), "pct"),
        Column("illiteracy_pct", _("Levels 1–2 or not assessed (%)"), "pct"),
        Column("mean_level", _("Mean level (0–8)"), "level"),
    ]


def dashboard_for(
    scope: Scope, *, unit_id: int | None = None, site_id: int | None = None, today=None
) -> Dashboard:
    """Every figure of the scope's dashboard at a node of its unit tree, optionally for one
    site. Raises Http404 for a unit or site outside the scope."""
    today = today or timezone.localdate()
    least = privacy.minimum()
    tree = tree_for(scope)
    if unit_id is not None and unit_id not in tree.parent:
        raise Http404("No such unit in this scope.")
    sites = list(Site.objects.filter(organisation=scope.organisation).order_by("name"))
    site = None
    if site_id is not None:
        site = next((s for s in sites if s.pk == site_id), None)
        if site is None:
            raise Http404("No such site.")
    population = population_for(scope, tree)
    board = build_dashboard(
        scope, tree, sites, population, unit_id=unit_id, site=site, today=today, least=least
    )
    sums = board.sums
    trend = trend_table(scope, tree, population, sums, today, least)
    board.tables["trend"] = trend
    board.trend = [
        {"label": r.values[0], "illiteracy": r.values[4], "mean": r.values[5]} for r in trend.rows if r.shown
    ]
    # Counts of activity (campaigns, learning time, the programme tiles) scan big tables
    # and change slowly: each is kept for a minute per scope and process.
    board.tables["campaigns"] = kept(scope, "campaigns", lambda: campaigns_table(scope, tree, least))
    board.tables["learning"] = kept(
        scope, "learning", lambda: learning_table(scope, tree, population, today, least)
    )
    if scope.whole:  # the programme's activity: whole-organisation figures, for the CDO
        from acculture.insights.tiles import programme_tiles

        tiles = kept(
            scope, "tiles",
            lambda: programme_tiles(scope.organisation, people_by_site=board.people_by_site, sites=sites),
        )  # fmt: skip
        board.tiles = tiles.tables
        board.missing_tiles = tiles.missing
        board.tables.update({table.slug: table for table in tiles.tables})
    return board


def build_dashboard(scope, tree, sites, population, *, unit_id, site, today, least) -> Dashboard:
    """The figures that come from the people alone (no query): a pure function of the
    scope's tree, sites and population, which the privacy tests drive directly."""
    k = len(population.codes)
    sums = node_sums(population, tree)
    whole = _statuses(tree, sums, k)
    position = tree.position()
    root = tree.root_position
    shown_nodes = [position[key] for key, status in whole.people.items() if status == "shown"]
    shown_assessed = [position[key] for key, status in whole.assessed.items() if status == "shown"]

    # Sites, hierarchy levels and age brackets: partitions of the whole scope.
    site_ids = [s.pk for s in sites]
    site_index = {pk: i + 1 for i, pk in enumerate(site_ids)}  # 0: no site
    site_of = np.array([site_index.get(s, 0) for s in population.site], dtype=np.int64)
    site_people = crosstab(population, tree, site_of, len(sites) + 1)
    site_assessed = crosstab(population, tree, site_of, len(sites) + 1, weights=population.assessed)
    site_status_people = privacy.category_statuses(
        int(sums[root, PEOPLE]), [int(x) for x in site_people[root, 1:]],
        sums[shown_nodes, PEOPLE], site_people[shown_nodes, 1:], least,
    )  # fmt: skip
    site_status_assessed = privacy.category_statuses(
        int(sums[root, ASSESSED]), [int(x) for x in site_assessed[root, 1:]],
        sums[shown_assessed, ASSESSED], site_assessed[shown_assessed, 1:], least,
    )  # fmt: skip

    # The node's figures, for the whole scope or for one site.
    if site is not None:
        mask = population.site == site.pk
        inside = node_sums(population, tree, mask)
        s = site_ids.index(site.pk)
        statuses = _statuses(
            tree, sums, k, inside=inside,
            root_shown=(site_status_people[s] == "shown", site_status_assessed[s] == "shown"),
        )  # fmt: skip
        view = inside
    else:
        mask, statuses, view = None, whole, sums
    here = position[unit_id]
    tables: dict[str, Table] = {}

    # Headline and the units below the node.
    headline_row = _figures_row(
        tree.units[unit_id].name if unit_id else scope.label, view[here],
        statuses.people[unit_id], statuses.assessed[unit_id],
    )  # fmt: skip
    units_table = Table(
        "units",
        _("By unit"),
        [Column("unit", _("Unit"), "text"), *figure_columns()]
        + [Column(f"c{code}", code, "level") for code in population.codes],
    )
    for key in tree.children.get(unit_id, []):
        i = position[key]
        if view[i, PEOPLE] == 0:
            continue
        row = _figures_row(
            tree.units[key].name, view[i], statuses.people[key], statuses.assessed[key],
            unit_id=key, depth=tree.units[key].depth,
        )  # fmt: skip
        row.drillable = row.shown and bool(tree.children.get(key))
        for c in range(k):
            ok = statuses.competences[c][key] == "shown" and row.shown
            row.values.append(level(view[i, 4 + k + c], view[i, 4 + c]) if ok else None)
        row.values.insert(0, tree.units[key].name)
        units_table.rows.append(row)
    tables["units"] = units_table

    # Distribution of levels per competence at the node.
    distribution = []
    dist_table = Table(
        "levels",
        _("Levels per competence"),
        [Column("competence", _("Competence"), "text")]
        + [Column(f"band{i}", str(label), "int") for i, (label, _lo, _hi) in enumerate(BANDS)],
    )
    branch = np.isin(population.node, [position[key] for key in tree.branch(unit_id)])
    keep = branch if mask is None else branch & mask
    for c, code in enumerate(population.codes):
        shown = statuses.competences[c][unit_id] == "shown"
        values = population.levels[keep, c]
        values = np.floor(values[~np.isnan(values)] + 1e-9)
        counts = [int(((values >= lo) & (values <= hi)).sum()) for _label, lo, hi in BANDS]
        row = Row(
            label=f"{code} {population.names[c]}",
            values=[f"{code} {population.names[c]}", *(counts if shown else [None] * len(BANDS))],
            status=statuses.competences[c][unit_id],
        )
        dist_table.rows.append(row)
        distribution.append({"code": code, "counts": counts if shown else None})
    tables["levels"] = dist_table

    # Sites (the whole scope).
    site_table = Table("sites", _("By site"), [Column("site", _("Site"), "text"), *figure_columns()])
    for s, found in enumerate(sites):
        if site_people[root, s + 1] == 0:
            continue
        row_sums = np.zeros(4)
        row_sums[PEOPLE] = site_people[root, s + 1]
        row_sums[ASSESSED] = site_assessed[root, s + 1]
        in_site = population.site == found.pk
        row_sums[LOW] = (
            in_site & population.assessed & (np.nan_to_num(population.overall) < LOW_LEVEL_BELOW)
        ).sum()
        row_sums[OVERALL] = np.nan_to_num(population.overall[in_site]).sum()
        row = _figures_row(found.name, row_sums, site_status_people[s], site_status_assessed[s])
        row.values.insert(0, found.name)
        row.unit_id = found.pk
        site_table.rows.append(row)
    tables["sites"] = site_table

    tables["hierarchy"] = _category_table(
        "hierarchy", _("By hierarchy level"), _("Hierarchy level"), [str(h.label) for h in HIERARCHY],
        population.hierarchy, population, tree, sums, shown_nodes, shown_assessed, least,
    )  # fmt: skip
    tables["ages"] = _ages_table(population, tree, sums, shown_assessed, today, least)
    return Dashboard(
        scope=scope,
        minimum=least,
        node=unit_id,
        node_unit=tree.units.get(unit_id),
        ancestors=[tree.units[a] for a in tree.ancestors(unit_id) if a is not None],
        site=site,
        sites=[s for s, found in zip(sites, site_people[root, 1:], strict=True) if found],
        codes=population.codes,
        names=population.names,
        headline={"row": headline_row, "columns": figure_columns()},
        tables=tables,
        trend=[],
        distribution=distribution,
        sums=sums,
        people_by_site={
            0: int(site_people[root, 0]),
            **{pk: int(site_people[root, i + 1]) for i, pk in enumerate(site_ids)},
        },
    )


def _category_table(slug, title, heading, labels, categories, population, tree, sums, shown_nodes,
                    shown_assessed, least) -> Table:  # fmt: skip
    root = tree.root_position
    count = len(labels)
    people = crosstab(population, tree, categories, count)
    assessed = crosstab(population, tree, categories, count, weights=population.assessed)
    status_people = privacy.category_statuses(
        int(sums[root, PEOPLE]),
        [int(x) for x in people[root]],
        sums[shown_nodes, PEOPLE],
        people[shown_nodes],
        least,
    )
    status_assessed = privacy.category_statuses(
        int(sums[root, ASSESSED]), [int(x) for x in assessed[root]],
        sums[shown_assessed, ASSESSED], assessed[shown_assessed], least,
    )  # fmt: skip
    table = Table(slug, title, [Column("category", heading, "text"), *figure_columns()])
    overall = np.nan_to_num(population.overall)
    for c, label in enumerate(labels):
        if people[root, c] == 0:
            continue
        inside = categories == c
        row_sums = np.array(
            [people[root, c], assessed[root, c],
             (inside & population.assessed & (overall < LOW_LEVEL_BELOW)).sum(), overall[inside].sum()]
        )  # fmt: skip
        row = _figures_row(label, row_sums, status_people[c], status_assessed[c])
        row.values.insert(0, label)
        table.rows.append(row)
    return table


def _ages_table(population, tree, sums, shown_assessed, today, least) -> Table:
    """Mean overall level per age bracket with a 95 % confidence interval (Student's t)."""
    from scipy import stats

    root = tree.root_position
    age = np.where(population.birth_year > 0, today.year - population.birth_year, -1)
    bracket = np.full(len(age), len(BRACKETS), dtype=np.int64)  # the last: unknown age
    for b, (_label, low, high) in enumerate(BRACKETS):
        bracket[(age >= low) & (age <= high)] = b
    assessed = crosstab(population, tree, bracket, len(BRACKETS) + 1, weights=population.assessed)
    statuses = privacy.category_statuses(
        int(sums[root, ASSESSED]), [int(x) for x in assessed[root, : len(BRACKETS)]],
        sums[shown_assessed, ASSESSED], assessed[shown_assessed, : len(BRACKETS)], least,
    )  # fmt: skip
    table = Table(
        "ages",
        _("Levels by age"),
        [
            Column("bracket", _("Age"), "text"),
            Column("assessed", _("Assessed"), "int"),
            Column("mean_level", _("Mean level (0–8)"), "level"),
            Column("ci_low", _("95 % interval: from"), "level"),
            Column("ci_high", _("to"), "level"),
        ],
        note=_(
            "The interval holds the mean of the whole bracket with 95 % confidence; where the "
            "intervals of two brackets overlap, the data do not show that they differ."
        ),
    )
    for b, (label, _low, _high) in enumerate(BRACKETS):
        values = population.overall[(bracket == b) & population.assessed]
        n = len(values)
        if n == 0:
            continue
        shown = statuses[b] == "shown"
        if shown and n > 1:
            mean = float(values.mean())
            half = float(stats.t.ppf(0.975, n - 1) * values.std(ddof=1) / math.sqrt(n))
            figures = [n, round(mean, 2), round(max(0.0, mean - half), 2), round(min(8.0, mean + half), 2)]
        else:
            figures = [None] * 4
        table.rows.append(Row(label=str(label), values=[str(label), *figures], status=statuses[b]))
    return table
