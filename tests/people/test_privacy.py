from hypothesis import given
from hypothesis import strategies as st

from acculture.people.privacy import groups_to_hide


def test_the_worked_example_of_the_module_docstring():
    assert groups_to_hide(12, [7, 4, 1], 5) == {1, 2}
    assert groups_to_hide(12, [9, 3], 5) == {0, 1}


@given(st.lists(st.integers(min_value=1, max_value=30), max_size=8), st.integers(min_value=0, max_value=10))
def test_what_stays_hidden_is_never_a_group_under_the_minimum_nor_recoverable_by_difference(sizes, outside):
    total = sum(sizes) + outside  # people of the total in no part
    hidden = groups_to_hide(total, sizes, 5)
    assert all(sizes[i] >= 5 for i in range(len(sizes)) if i not in hidden)
    rest = total - sum(sizes[i] for i in range(len(sizes)) if i not in hidden)
    assert rest == 0 or rest >= 5 or len(hidden) == len(sizes)
