"""The pure matching: optimal on small cohorts (checked by brute force), every hard rule
kept on any cohort (hypothesis), the reasons, and no Django in the module."""

import itertools
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acculture.mentoring import matching
from acculture.mentoring.matching import Cohort


def brute_force(cohort: Cohort) -> tuple[int, float]:
    """The best (pairs, total score) over every assignment of mentees to mentor slots or
    to nobody, by enumerating permutations of the columns."""
    ok = matching.feasibility(cohort)
    score = matching.scores(cohort)
    capacity = cohort.mentor_capacity.copy()
    locked_mentees = {j for _i, j in cohort.locked}
    for i, _j in cohort.locked:
        capacity[i] -= 1
    base_score = sum(score[j, i] for i, j in cohort.locked)
    slots = [i for i, c in enumerate(capacity) for _ in range(max(0, c))]
    free = [j for j in range(cohort.sizes[1]) if j not in locked_mentees]
    columns = slots + [None] * len(free)
    best = (0, 0.0)
    for chosen in set(itertools.permutations(columns, len(free))):
        pairs = [(i, j) for i, j in zip(chosen, free, strict=True) if i is not None]
        if all(ok[j, i] and (i, j) not in set(cohort.forbidden) for i, j in pairs):
            value = (len(pairs), round(float(sum(score[j, i] for i, j in pairs)), 9))
            best = max(best, value)
    return best[0] + len(cohort.locked), round(best[1] + base_score, 9)


def rounded(value: tuple[int, float]) -> tuple[int, float]:
    return value[0], round(value[1], 9)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("dense", [True, False])
def test_the_assignment_is_optimal_on_small_cohorts_as_brute_force_finds(seed, dense):
    rng = np.random.default_rng(seed)
    cohort = matching.random_cohort(
        int(rng.integers(2, 5)), int(rng.integers(2, 5)), competences=5, seed=seed
    )
    pairs = matching.assign(cohort, dense=dense, candidates=2)
    assert matching.violations(cohort, pairs) == []
    assert rounded(matching.objective(cohort, pairs)) == brute_force(cohort)


def test_it_matches_one_more_mentee_rather_than_a_better_score_elsewhere():
    # Mentor 0 is excellent for mentee 0 and fair for mentee 1; mentor 1 suits mentee 0 only.
    cohort = tiny(strength=[[8, 8], [1, 1]], goals=[[1, 0], [0, 1]], mentee_languages=[1, 1],
                  mentor_languages=[1, 1], forbidden=[(1, 1)])  # fmt: skip
    pairs = matching.assign(cohort)
    assert sorted(pairs) == [(0, 1), (1, 0)]


def test_locked_pairs_stay_and_use_the_mentors_capacity():
    cohort = tiny(strength=[[8, 8], [2, 2]], goals=[[1, 0], [0, 1]], locked=[(1, 0)])
    pairs = matching.assign(cohort)
    assert (1, 0) in pairs and (0, 1) in pairs


def test_pairs_in_one_reporting_line_are_found_at_any_distance_and_both_ways():
    # 1 manages 2 who manages 3; 4 stands apart.
    manager_of = {1: None, 2: 1, 3: 2, 4: None}
    conflicts = matching.reporting_line_conflicts(mentor_ids=[3, 4], mentee_ids=[1, 2], manager_of=manager_of)
    assert conflicts == [(0, 0), (0, 1)]
    assert matching.reporting_line_conflicts([1], [3], manager_of) == [(0, 0)]


def test_a_cycle_in_the_reporting_lines_does_not_loop_forever():
    assert matching.reporting_line_conflicts([1], [2], {1: 2, 2: 1}) == [(0, 0)]


def test_the_reasons_name_the_strong_goals_strongest_first_and_the_common_slots():
    cohort = tiny(strength=[[6, 7.5]], goals=[[1, 1]])
    cohort.mentor_slots[0] = [True, True, False]
    cohort.mentee_slots[0] = [False, True, True]
    reasons = matching.explain(cohort, 0, 0)
    assert reasons.strong_goals == [(1, 7.5), (0, 6.0)]
    assert reasons.common_slots == [1]
    assert reasons.common_languages == 1


def test_the_large_cohort_path_comes_within_a_tenth_of_a_percent_of_the_exact_optimum():
    cohort = matching.random_cohort(400, 400, seed=3)
    exact = matching.objective(cohort, matching.assign(cohort, dense=True))
    pruned_pairs = matching.assign(cohort, dense=False)
    pruned = matching.objective(cohort, pruned_pairs)
    assert matching.violations(cohort, pruned_pairs) == []
    assert pruned[0] == exact[0]
    assert pruned[1] >= exact[1] * 0.999


def test_the_matching_module_never_imports_django():
    code = "import sys, acculture.mentoring.matching; print(any(m.startswith('django') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def tiny(*, strength, goals, mentee_languages=None, mentor_languages=None, forbidden=(), locked=()) -> Cohort:
    """Staff mentors, senior mentees, all free on slot 0, one unit and site each."""
    strength = np.asarray(strength, dtype=float)
    goals = np.asarray(goals, dtype=bool)
    m, e = len(strength), len(goals)
    return Cohort(
        mentor_strength=strength, mentor_teaches=np.ones_like(strength, dtype=bool),
        mentor_slots=np.tile([True, False, False], (m, 1)), mentor_languages=np.asarray(mentor_languages or [1] * m),
        mentor_capacity=np.ones(m, dtype=int), mentor_rank=np.zeros(m, dtype=int), mentor_unit=np.arange(m),
        mentor_site=np.zeros(m, dtype=int), mentee_goals=goals, mentee_slots=np.tile([True, False, False], (e, 1)),
        mentee_languages=np.asarray(mentee_languages or [1] * e), mentee_rank=np.full(e, 2),
        mentee_unit=np.arange(e) + 100, mentee_site=np.zeros(e, dtype=int), mentee_on_site=np.zeros(e, dtype=bool),
        forbidden=list(forbidden), locked=list(locked),
    )  # fmt: skip


@st.composite
def cohorts(draw):
    m = draw(st.integers(0, 7))
    e = draw(st.integers(0, 7))
    k, s = 3, 4

    def bools(shape):
        return np.array(draw(st.lists(st.booleans(), min_size=shape[0] * shape[1], max_size=shape[0] * shape[1])),
                        dtype=bool).reshape(shape)  # fmt: skip

    def ints(n, low, high):
        return np.array(draw(st.lists(st.integers(low, high), min_size=n, max_size=n)), dtype=np.int64)

    forbidden = draw(
        st.lists(st.tuples(st.integers(0, max(m - 1, 0)), st.integers(0, max(e - 1, 0))), max_size=6)
    )
    cohort = Cohort(
        mentor_strength=np.array(draw(st.lists(st.floats(0, 8), min_size=m * k, max_size=m * k))).reshape(m, k),
        mentor_teaches=bools((m, k)), mentor_slots=bools((m, s)), mentor_languages=ints(m, 0, 3),
        mentor_capacity=ints(m, 0, 3), mentor_rank=ints(m, 0, 3), mentor_unit=ints(m, -1, 2), mentor_site=ints(m, -1, 2),
        mentee_goals=bools((e, k)), mentee_slots=bools((e, s)), mentee_languages=ints(e, 0, 3),
        mentee_rank=ints(e, 0, 3), mentee_unit=ints(e, -1, 2), mentee_site=ints(e, -1, 2),
        mentee_on_site=bools((e, 1)).ravel(), forbidden=forbidden if m and e else [],
    )  # fmt: skip
    return cohort


@settings(max_examples=150, deadline=None)
@given(cohorts(), st.booleans())
def test_every_proposed_pair_keeps_every_hard_rule(cohort, dense):
    pairs = matching.assign(cohort, dense=dense, candidates=2)
    ok = matching.feasibility(cohort)
    forbidden = set(cohort.forbidden)
    load = np.zeros(cohort.sizes[0], dtype=int)
    for i, j in pairs:
        assert cohort.mentor_rank[i] < cohort.mentee_rank[j]  # below the mentee
        assert (i, j) not in forbidden  # outside the reporting line, not excluded
        assert cohort.mentor_languages[i] & cohort.mentee_languages[j]  # a common language
        assert ok[j, i]
        load[i] += 1
    assert (load <= cohort.mentor_capacity).all()  # capacity
    assert len({j for _i, j in pairs}) == len(pairs)  # one mentor per mentee
