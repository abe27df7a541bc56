"""The privacy guard: every aggregate that leaves insights is decided here (DESIGN.md, Privacy).

It builds on the small-group rule of `people.privacy.groups_to_hide` and applies it to
the shapes the dashboard shows, so that no figure of fewer than `minimum()` people can
be read or worked out by subtraction:

1. **A tree of groups** (the unit tree of a scope). Each shown node's figures are the
   sum of its own people and its children's. Top down, a child is hidden when it is
   small, and shown children are hidden too (smallest first) until the node minus its
   shown children is 0 or at least the minimum people. A hidden node hides its whole
   branch. Then every nonempty "remainder" of the tree has at least the minimum people,
   and any sum or difference of shown figures is a union of remainders: never fewer
   than the minimum people.

2. **A partition** (sites, hierarchy levels, age brackets of a scope): the same rule
   with the scope as the total and the people in no category as the remainder.

3. **A filtered tree** (the unit tree restricted to one site). The same unit seen with
   and without the filter gives, by difference, its people *outside* the site. So the
   filtered tree is settled twice — on the people in the site and on the people
   outside it — and a node is shown only where both settlements and the unfiltered
   tree show it; hiding in one re-runs the others until nothing changes. The filtered
   root is the site itself: shown only if the sites table shows it.

Example, minimum 5: a bureau of 12 people, 7 at Lyon and 5 at Nantes, shows its figures;
filtered on Lyon it shows the 7, since the 5 left are a group of 5. With 10 at Lyon and 2
at Nantes, the Lyon view hides the bureau: 12 − 10 would give the 2 at Nantes.

Every status is computed from the whole scope, not from the page asked for, so a group
has one status on every page, export, API answer and report.
"""

from collections.abc import Hashable, Mapping, Sequence
from typing import Literal

from django.conf import settings

from acculture.people.privacy import groups_to_hide

Status = Literal["shown", "small", "protected", "empty"]
ABSOLUTE_MINIMUM = 3  # DESIGN.md: the minimum group size is never below 3


def minimum() -> int:
    """The minimum group size in force (ACCULTURE_MIN_GROUP_SIZE, never below 3)."""
    return max(ABSOLUTE_MINIMUM, int(settings.MIN_GROUP_SIZE))


def partition_statuses(total: int, sizes: Sequence[int], least: int | None = None) -> list[Status]:
    """Statuses of the parts of a total (rule 2). A total under the minimum hides them all."""
    least = least or minimum()
    if total < least:
        return ["empty" if size == 0 else "small" for size in sizes]
    nonzero = [i for i, size in enumerate(sizes) if size > 0]
    hidden = groups_to_hide(total, [sizes[i] for i in nonzero], least)
    statuses: list[Status] = ["empty"] * len(sizes)
    for position, index in enumerate(nonzero):
        if position not in hidden:
            statuses[index] = "shown"
        else:
            statuses[index] = "small" if sizes[index] < least else "protected"
    return statuses


def tree_statuses(
    children: Mapping[Hashable, Sequence[Hashable]],
    sizes: Mapping[Hashable, int],
    *,
    root: Hashable = None,
    forced: frozenset | set = frozenset(),
    least: int | None = None,
) -> dict[Hashable, Status]:
    """Statuses of every node of a tree (rule 1). `sizes` are whole-branch sizes, the root
    included; `forced` nodes are hidden whatever their size (they count in the remainder)."""
    least = least or minimum()
    statuses: dict[Hashable, Status] = {}

    def hide(node: Hashable, status: Status) -> None:
        stack = [node]
        while stack:
            here = stack.pop()
            statuses[here] = "empty" if sizes.get(here, 0) == 0 else status
            stack.extend(children.get(here, ()))

    root_size = sizes.get(root, 0)
    if root_size == 0:
        hide(root, "empty")
        return statuses
    if root_size < least:
        hide(root, "small")
        return statuses
    if root in forced:
        hide(root, "protected")
        return statuses
    statuses[root] = "shown"
    stack = [root]
    while stack:
        node = stack.pop()
        kids = [kid for kid in children.get(node, ()) if sizes.get(kid, 0) > 0]
        for kid in children.get(node, ()):
            if sizes.get(kid, 0) == 0:
                hide(kid, "empty")
        # A forced child is passed as size 0: hidden, and its people stay in the remainder.
        given = [0 if kid in forced else sizes[kid] for kid in kids]
        hidden = groups_to_hide(sizes[node], given, least)
        for index, kid in enumerate(kids):
            if index in hidden:
                hide(kid, "small" if sizes[kid] < least else "protected")
            else:
                statuses[kid] = "shown"
                stack.append(kid)
    return statuses


def filtered_tree_statuses(
    children: Mapping[Hashable, Sequence[Hashable]],
    sizes: Mapping[Hashable, int],
    inside: Mapping[Hashable, int],
    *,
    root: Hashable = None,
    root_shown: bool = True,
    least: int | None = None,
) -> dict[Hashable, Status]:
    """Statuses of the tree restricted to a filter (rule 3): `sizes` are the unfiltered
    branch sizes, `inside` the branch sizes of the people the filter keeps."""
    least = least or minimum()
    outside = {node: sizes.get(node, 0) - inside.get(node, 0) for node in sizes}
    whole = tree_statuses(children, sizes, root=root, least=least)
    forced = {node for node, status in whole.items() if status != "shown" and inside.get(node, 0)}
    if not root_shown:
        forced.add(root)
    while True:
        kept = tree_statuses(children, inside, root=root, forced=forced, least=least)
        left = tree_statuses(children, outside, root=root, forced=forced, least=least)
        more = {
            node
            for node in kept
            if inside.get(node, 0)
            and (kept[node] != "shown" or left.get(node, "empty") not in ("shown", "empty"))
        }
        if more <= forced:
            return kept
        forced |= more


def nested_conflicts(size: int, others: Sequence[tuple[int, int]], least: int | None = None) -> bool:
    """Whether a category group (a hierarchy level, an age bracket) of `size` people would
    give away a small group by difference with a shown unit that contains it or that it
    contains. `others`: (the unit's size, the people in both) for each shown unit."""
    least = least or minimum()
    for other, both in others:
        if both == size and 0 < other - size < least:  # the group lies inside the unit
            return True
        if both == other and 0 < size - other < least:  # the unit lies inside the group
            return True
    return False


def category_statuses(
    total: int,
    sizes: Sequence[int],
    node_sizes,
    overlaps,
    least: int | None = None,
) -> list[Status]:
    """Statuses of the categories of a partition (rule 2) that also meets the shown units
    of a tree: a category is hidden when it lies inside a shown unit, or holds one, with a
    difference of 1 to minimum − 1 people; then the partition is settled again.

    `node_sizes[j]` is the size of shown unit j, `overlaps[j][c]` the people in both unit
    j and category c (numpy arrays, so that 3,000 units × 20 categories stay cheap)."""
    import numpy as np

    least = least or minimum()
    node_sizes = np.asarray(node_sizes, dtype=np.int64)
    overlaps = np.asarray(overlaps, dtype=np.int64).reshape(len(node_sizes), len(sizes))
    forced: set[int] = set()
    while True:
        given = [0 if c in forced else size for c, size in enumerate(sizes)]
        statuses = partition_statuses(total, given, least)
        for c in forced:
            if sizes[c]:
                statuses[c] = "protected"
        more = set()
        for c, status in enumerate(statuses):
            if status != "shown":
                continue
            both = overlaps[:, c]
            inside = (both == sizes[c]) & (node_sizes - sizes[c] > 0) & (node_sizes - sizes[c] < least)
            holds = (both == node_sizes) & (sizes[c] - node_sizes > 0) & (sizes[c] - node_sizes < least)
            if inside.any() or holds.any():
                more.add(c)
        if not more:
            return statuses
        forced |= more
