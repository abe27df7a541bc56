"""Reads for campaigns: the list, the audience preview and the completion tree.

Completion is shown as aggregates only (DESIGN.md, Privacy), with two rules:

1. A group of fewer than MIN_GROUP_SIZE invited people shows "fewer than N people"
   instead of figures, and so does everything below it.
2. No disclosure by difference. A unit's figures include the people directly in it
   (its head, often) and those of the units below. If the unit's figure minus the sum
   of its shown children leaves a group of 1 to N-1 people (the head alone, or a small
   child hidden by rule 1), the smallest shown child is hidden too ("protected"), and
   so on until what is left is 0 or at least N people. A protected unit hides its whole
   branch, on every page and in the export, so that no other page gives its figure
   back. The same applies at the top, where the "rest" is the people in no unit.

Example (N = 5): a sous-direction of 43 people = its head (1) + bureaux of 20, 15 and 7.
Showing all three would give the head's own figures as 43 - 42. The bureau of 7 is
hidden too: the rest is then 8 people, and nobody's answer can be worked out.

This is deliberately simple; the organisation-wide guard (overlapping groups across
pages and exports) will live in `insights`.
"""

from dataclasses import dataclass, field
from typing import Literal

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from acculture.assessments.models import Assessment, Campaign, Invitation
from acculture.people.models import Organisation, Person, Unit
from acculture.people.privacy import groups_to_hide

Status = Literal["shown", "small", "protected"]


@dataclass
class Figures:
    invited: int = 0
    started: int = 0
    completed: int = 0

    def add(self, other: "Figures") -> None:
        self.invited += other.invited
        self.started += other.started
        self.completed += other.completed

    @property
    def rate(self) -> int:
        """Completion rate in whole per cent."""
        return round(100 * self.completed / self.invited) if self.invited else 0


@dataclass(eq=False)
class Node:
    unit: Unit | None  # None: the whole scope (the organisation, or a manager's units)
    own: Figures = field(default_factory=Figures)
    total: Figures = field(default_factory=Figures)
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = None
    status: Status = "shown"

    @property
    def shown(self) -> bool:
        return self.status == "shown"

    @property
    def drillable(self) -> bool:
        return self.shown and any(child.total.invited for child in self.children)

    def ancestors(self) -> list["Node"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class CompletionTree:
    root: Node
    by_unit: dict[int, Node]
    min_group_size: int

    def node(self, unit_id: int | None) -> Node | None:
        return self.root if unit_id is None else self.by_unit.get(unit_id)


def campaigns_for(organisation: Organisation) -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(organisation=organisation)
        .annotate(invited=Count("invitations", distinct=True))
        .order_by("-created_at")
    )


def audience_size(campaign: Campaign) -> int:
    return campaign.audience().count()


def _figures_by_unit(campaign: Campaign) -> dict[int | None, Figures]:
    sittings = Assessment.objects.filter(campaign=campaign, person_id=OuterRef("person_id"))
    rows = (
        Invitation.objects.filter(campaign=campaign)
        .values("person__unit_id")
        .annotate(
            invited=Count("pk"),
            started=Count("pk", filter=Q(Exists(sittings))),
            completed=Count("pk", filter=Q(Exists(sittings.filter(status=Assessment.Status.COMPLETED)))),
        )
        .order_by()
    )
    return {row["person__unit_id"]: Figures(row["invited"], row["started"], row["completed"]) for row in rows}


def _hide(node: Node, status: Status) -> None:
    for below in node.walk():
        below.status = status


def _settle(node: Node, minimum: int) -> None:
    """Apply the two rules of the module docstring below a shown node."""
    children = [child for child in node.children if child.total.invited]
    sizes = [child.total.invited for child in children]
    hidden = groups_to_hide(node.total.invited, sizes, minimum)
    for index, child in enumerate(children):
        if index not in hidden:
            _settle(child, minimum)
        else:
            _hide(child, "small" if sizes[index] < minimum else "protected")


def completion_tree(campaign: Campaign, *, unit_ids: set[int] | None = None) -> CompletionTree:
    """The campaign's completion per unit, rolled up the unit tree, with small groups
    suppressed. `unit_ids` limits it to some units (a manager's); a unit's nearest
    ancestor in that set becomes its parent. Two queries, whatever the size."""
    minimum = settings.MIN_GROUP_SIZE
    figures = _figures_by_unit(campaign)
    units = {
        unit.pk: unit
        for unit in Unit.objects.filter(organisation_id=campaign.organisation_id).only(
            "pk", "name", "path", "parent_id", "depth"
        )
    }
    in_scope = set(units) if unit_ids is None else unit_ids & set(units)
    root = Node(unit=None)
    if unit_ids is None:
        root.own = figures.get(None, Figures())  # people in no unit
    by_unit = {pk: Node(unit=units[pk], own=figures.get(pk, Figures())) for pk in in_scope}
    for pk, node in sorted(by_unit.items(), key=lambda item: units[item[0]].path):
        parent_id = units[pk].parent_id
        while parent_id is not None and parent_id not in by_unit:
            parent_id = units[parent_id].parent_id if parent_id in units else None
        node.parent = by_unit[parent_id] if parent_id is not None else root
        node.parent.children.append(node)

    def roll_up(node: Node) -> Figures:
        node.total = Figures()
        node.total.add(node.own)
        for child in node.children:
            node.total.add(roll_up(child))
        return node.total

    roll_up(root)
    if root.total.invited < minimum:
        _hide(root, "small")
    else:
        _settle(root, minimum)
    return CompletionTree(root=root, by_unit=by_unit, min_group_size=minimum)


def completion_rows(tree: CompletionTree) -> list[dict]:
    """The export: every unit with invited people, in tree order, figures only where
    they may be shown. Units inside a hidden branch are left out."""
    rows = []

    def visit(node: Node, depth: int) -> None:
        rows.append({"node": node, "depth": depth})
        if node.shown:
            for child in node.children:
                if child.total.invited:
                    visit(child, depth + 1)

    visit(tree.root, 0)
    return rows


# --- Managers ---------------------------------------------------------------------------


def units_headed_by(manager: Person) -> set[int]:
    """The units of the people who report to `manager`, directly or indirectly."""
    units: set[int] = set()
    seen = {manager.pk}
    frontier = [manager.pk]
    while frontier:  # one query per level of the reporting tree
        reports = list(
            Person.objects.filter(manager_id__in=frontier, is_active=True).values_list("pk", "unit_id")
        )
        frontier = [pk for pk, _unit in reports if pk not in seen]
        seen.update(frontier)
        units.update(unit for _pk, unit in reports if unit is not None)
    return units


def campaigns_for_units(organisation: Organisation, unit_ids: set[int]) -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(
            organisation=organisation,
            status=Campaign.Status.LAUNCHED,
            invitations__person__unit_id__in=unit_ids,
        )
        .distinct()
        .order_by("-opens_on")
    )
