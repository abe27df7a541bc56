"""The small-group rule every aggregate shown to someone else follows (DESIGN.md, Privacy).

A group of fewer than MIN_GROUP_SIZE people is never shown. Nor may its figure be worked
out by difference: when a total is shown beside some of its parts, the people in the
parts not shown must themselves be at least the minimum, or the smallest shown part is
hidden too, until they are. Worked example, minimum 5: a unit of 12 with sub-units of
7, 4 and 1 person → 4 and 1 are small; 12 − 7 = 5 people are hidden, enough, so 7 stays.
With sub-units of 9 and 3: 3 is small, 12 − 9 = 3 < 5, so 9 is hidden as well.
"""

from collections.abc import Sequence


def groups_to_hide(total: int, sizes: Sequence[int], minimum: int) -> set[int]:
    """Indices of the parts of `total` (of `sizes` people each) that must not be shown."""
    hidden = {i for i, size in enumerate(sizes) if size < minimum}
    shown = [i for i in range(len(sizes)) if i not in hidden]
    rest = total - sum(sizes[i] for i in shown)
    while 0 < rest < minimum and shown:
        smallest = min(shown, key=lambda i: sizes[i])  # the first of equals, in the given order
        shown.remove(smallest)
        hidden.add(smallest)
        rest += sizes[smallest]
    return hidden
