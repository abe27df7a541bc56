"""The privacy guard's rules on worked examples (docs/insights.md has the same ones)."""

from django.test import override_settings

from acculture.insights import privacy


def test_a_group_under_the_minimum_is_hidden_and_the_minimum_never_goes_below_three():
    assert privacy.partition_statuses(12, [7, 5], 5) == ["shown", "shown"]
    assert privacy.partition_statuses(12, [8, 4], 5) == ["protected", "small"]
    with override_settings(MIN_GROUP_SIZE=2):
        assert privacy.minimum() == 3
    with override_settings(MIN_GROUP_SIZE=7):
        assert privacy.minimum() == 7


def test_a_parent_and_its_children_never_give_a_small_remainder_by_subtraction():
    # A unit of 12: its head (1 person) and two bureaux of 6 and 5 → 12 − 6 − 5 = the head.
    children = {None: ["a"], "a": ["b", "c"]}
    sizes = {None: 12, "a": 12, "b": 6, "c": 5}
    statuses = privacy.tree_statuses(children, sizes, least=5)
    assert statuses["a"] == "shown"
    assert statuses["c"] == "protected"  # the smallest shown child goes; the remainder is 6
    assert statuses["b"] == "shown"


def test_a_hidden_unit_hides_its_whole_branch():
    children = {None: ["a", "b"], "a": ["a1"]}
    sizes = {None: 14, "a": 9, "a1": 8, "b": 5}
    statuses = privacy.tree_statuses(children, sizes, least=5)
    # 14 − 9 − 5 = 0 so both show; but within a, 9 − 8 = 1 hides a1.
    assert statuses["a1"] == "protected"
    statuses = privacy.tree_statuses(children, {None: 12, "a": 9, "a1": 8, "b": 3}, least=5)
    assert statuses["b"] == "small" and statuses["a"] == "protected" and statuses["a1"] == "protected"


def test_a_unit_filtered_on_a_site_is_hidden_when_the_people_outside_the_site_are_few():
    children = {None: ["bureau"]}
    # 12 people: 7 at Lyon, 5 elsewhere → both halves are groups of 5 or more.
    assert (
        privacy.filtered_tree_statuses(children, {None: 12, "bureau": 12}, {None: 7, "bureau": 7}, least=5)[
            "bureau"
        ]
        == "shown"
    )
    # 10 at Lyon and 2 elsewhere: 12 − 10 would give the 2.
    statuses = privacy.filtered_tree_statuses(
        children, {None: 12, "bureau": 12}, {None: 10, "bureau": 10}, least=5
    )
    assert statuses["bureau"] != "shown"


def test_a_site_view_is_empty_when_the_sites_table_hides_the_site():
    statuses = privacy.filtered_tree_statuses({None: []}, {None: 20}, {None: 8}, root_shown=False, least=5)
    assert statuses[None] == "protected"


def test_a_category_inside_a_unit_with_a_few_more_people_is_hidden():
    # Four executives, all in one unit of 6: the unit minus the executives gives 2 people.
    statuses = privacy.category_statuses(40, [6, 34], node_sizes=[8], overlaps=[[6, 2]], least=5)
    assert statuses[0] == "protected"
    statuses = privacy.category_statuses(40, [6, 34], node_sizes=[20], overlaps=[[6, 14]], least=5)
    assert statuses == ["shown", "shown"]
    assert privacy.nested_conflicts(6, [(8, 6)], least=5) is True
    assert privacy.nested_conflicts(6, [(20, 6)], least=5) is False
