"""Whole-cohort matching of mentors and mentees: pure numpy/scipy, no Django.

The model (docs/mentoring.md has it with a worked example):

    score(mentor i, mentee j) = W_STRENGTH · strength(i, j) + W_OVERLAP · overlap(i, j)
                              + W_UNIT · [units differ] + W_SITE · [mentee meets on site ∧ same site]

- strength(i, j): the mentor's measured level (0–8) on each of the mentee's goals that
  the mentor offers to teach, averaged over the mentee's goals and divided by 8, so 1.0
  is a mentor at level 8 on every goal and a goal the mentor does not teach counts 0.
- overlap(i, j): the share of the mentee's weekly slots the mentor is also free in.

A pair is infeasible (never proposed) when the mentor is not strictly below the mentee
in the hierarchy, is in the mentee's reporting line (either manages the other, at any
distance), shares no language with the mentee, or was excluded by the CDO. A mentor
with capacity c takes at most c mentees: each mentor is c identical "slots".

The assignment is lexicographic: first as many mentees matched as possible, then the
largest total score. Each slot and each mentee also has a "nobody" column whose cost
is larger than any total score difference, so one more pair always wins over a better
score elsewhere, and the problem always has a full solution.

Small cohorts use `scipy.optimize.linear_sum_assignment` on the dense mentees × (slots +
nobody) matrix: exact. Large cohorts keep, for each mentee, its `k` best feasible mentors
and, for each mentor, its `k` best feasible mentees (so a mentor everyone likes does not
crowd the others out of every list), and solve the sparse problem with
`scipy.sparse.csgraph.min_weight_full_bipartite_matching`. The benchmark measures how
close that is to the exact optimum (bench/bench_mentoring.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

W_STRENGTH = 1.0
W_OVERLAP = 0.5
W_UNIT = 0.1
W_SITE = 0.2
MAX_LEVEL = 8.0
MAX_SCORE = W_STRENGTH + W_OVERLAP + W_UNIT + W_SITE
# Above this many cells (mentees × columns) the sparse, pruned problem is solved instead.
DENSE_LIMIT = 4_000_000
CANDIDATES = 24
STRONG_LEVEL = 5  # a goal the mentor is at least this level on is named in the reasons


@dataclass
class Cohort:
    """Everything the matching needs, as arrays: M mentors, E mentees, K competences,
    S weekly slots. Ranks: a higher number is more senior. Units and sites are integer
    ids, -1 when unknown (unknown never counts as "same"). Languages are bit masks."""

    mentor_strength: np.ndarray  # (M, K) measured level 0–8, 0 when unknown
    mentor_teaches: np.ndarray  # (M, K) bool
    mentor_slots: np.ndarray  # (M, S) bool
    mentor_languages: np.ndarray  # (M,) int
    mentor_capacity: np.ndarray  # (M,) int ≥ 0
    mentor_rank: np.ndarray  # (M,) int
    mentor_unit: np.ndarray  # (M,) int
    mentor_site: np.ndarray  # (M,) int
    mentee_goals: np.ndarray  # (E, K) bool
    mentee_slots: np.ndarray  # (E, S) bool
    mentee_languages: np.ndarray  # (E,) int
    mentee_rank: np.ndarray  # (E,) int
    mentee_unit: np.ndarray  # (E,) int
    mentee_site: np.ndarray  # (E,) int
    mentee_on_site: np.ndarray  # (E,) bool
    forbidden: list[tuple[int, int]] = field(default_factory=list)  # (mentor, mentee)
    locked: list[tuple[int, int]] = field(default_factory=list)  # (mentor, mentee), kept as they are

    @property
    def sizes(self) -> tuple[int, int]:
        return len(self.mentor_rank), len(self.mentee_rank)


@dataclass(frozen=True)
class Reasons:
    """Why a pair was proposed, as indices the caller turns into words."""

    strong_goals: list[tuple[int, float]]  # (competence index, mentor level), strongest first
    common_slots: list[int]
    common_languages: int  # bit mask
    same_site: bool
    different_unit: bool


def reporting_line_conflicts(
    mentor_ids: list[int], mentee_ids: list[int], manager_of: Mapping[int, int | None]
) -> list[tuple[int, int]]:
    """(mentor index, mentee index) for every pair in which one manages the other, at any
    distance up the chain of `manager_of` (person id → their manager's id). Costs the
    length of the chains, not mentors × mentees."""
    mentor_index = {pid: i for i, pid in enumerate(mentor_ids)}
    mentee_index = {pid: j for j, pid in enumerate(mentee_ids)}
    conflicts: set[tuple[int, int]] = set()

    def chain(pid: int) -> Iterable[int]:
        seen = {pid}
        boss = manager_of.get(pid)
        while boss is not None and boss not in seen:  # a cycle in bad data must not loop forever
            seen.add(boss)
            yield boss
            boss = manager_of.get(boss)

    for i, pid in enumerate(mentor_ids):
        for boss in chain(pid):
            if boss in mentee_index:
                conflicts.add((i, mentee_index[boss]))
    for j, pid in enumerate(mentee_ids):
        for boss in chain(pid):
            if boss in mentor_index:
                conflicts.add((mentor_index[boss], j))
    return sorted(conflicts)


def feasibility(cohort: Cohort) -> np.ndarray:
    """(E, M) bool: may mentee j be paired with mentor i? Capacity is not in it."""
    c = cohort
    # Small integer types: these are 25 million cells for a cohort of 5,000 × 5,000.
    ok = c.mentor_rank.astype(np.int8)[None, :] < c.mentee_rank.astype(np.int8)[:, None]
    ok &= (c.mentee_languages.astype(np.uint8)[:, None] & c.mentor_languages.astype(np.uint8)[None, :]) != 0
    ok &= (c.mentor_capacity > 0)[None, :]
    if c.forbidden:
        pairs = np.asarray(c.forbidden, dtype=np.intp)
        ok[pairs[:, 1], pairs[:, 0]] = False
    return ok


def _distinct_unknowns(ids: np.ndarray, start: int) -> np.ndarray:
    """Unknown ids (< 0) become distinct negative numbers, so that an unknown unit or
    site is never "the same" as another: one comparison then says it all."""
    out = np.asarray(ids, dtype=np.int64).copy()
    unknown = out < 0
    out[unknown] = -start - np.arange(unknown.sum())
    return out


def scores(cohort: Cohort, dtype=np.float64) -> np.ndarray:
    """(E, M) score of every pair, feasible or not (see the module docstring)."""
    c = cohort
    n_mentors = len(c.mentor_rank)
    goals = c.mentee_goals.astype(dtype)
    goals /= np.maximum(goals.sum(axis=1, keepdims=True), 1)
    offered = (c.mentor_strength * c.mentor_teaches).astype(dtype) * dtype(W_STRENGTH / MAX_LEVEL)
    total = goals @ offered.T
    slots = c.mentee_slots.astype(dtype)
    slots *= (W_OVERLAP / np.maximum(slots.sum(axis=1, keepdims=True), 1)).astype(dtype)
    total += slots @ c.mentor_slots.astype(dtype).T
    # In place and without float64 temporaries: each of these is a 25-million-cell pass.
    unit_m = _distinct_unknowns(c.mentor_unit, 1)
    unit_e = _distinct_unknowns(c.mentee_unit, 1 + n_mentors)
    np.add(total, dtype(W_UNIT), out=total, where=unit_e[:, None] != unit_m[None, :])
    site_m = _distinct_unknowns(c.mentor_site, 1)
    site_e = np.where(c.mentee_on_site, c.mentee_site, -1)
    site_e = _distinct_unknowns(site_e, 1 + n_mentors)
    np.add(total, dtype(W_SITE), out=total, where=site_e[:, None] == site_m[None, :])
    return total


def assign(
    cohort: Cohort, *, candidates: int = CANDIDATES, dense: bool | None = None
) -> list[tuple[int, int]]:
    """The proposed pairs (mentor index, mentee index), locked pairs included, sorted by
    mentee. Every pair satisfies every hard constraint; no mentor exceeds capacity.

    `dense` forces the exact dense solver (True) or the pruned sparse one (False); by
    default the size decides."""
    c = cohort
    n_mentors, n_mentees = c.sizes
    locked = [(i, j) for i, j in c.locked]
    capacity = c.mentor_capacity.astype(np.int64).copy()
    taken = np.zeros(n_mentees, dtype=bool)
    for i, j in locked:
        capacity[i] -= 1
        taken[j] = True
    capacity = np.maximum(capacity, 0)
    mentees = np.flatnonzero(~taken)
    if n_mentors == 0 or len(mentees) == 0 or capacity.sum() == 0:
        return sorted(locked, key=lambda p: p[1])
    slot_mentor = np.repeat(np.arange(n_mentors), capacity)
    if dense is None:
        dense = len(mentees) * (len(slot_mentor) + len(mentees)) <= DENSE_LIMIT
    ok = feasibility(c)
    # float32 halves the memory and the time of the large case; its 7 significant
    # digits are plenty for scores below 2 once the solver sees the differences.
    score = scores(c, dtype=np.float64 if dense else np.float32)
    if len(mentees) < n_mentees:  # copying 25 million cells only when locks took some rows
        ok, score = ok[mentees], score[mentees]
    if (full := capacity == 0).any():
        ok[:, full] = False
    solve = _solve_dense if dense else _solve_sparse
    found = solve(score, ok, slot_mentor, candidates)
    pairs = locked + [(int(i), int(mentees[row])) for i, row in found]
    return sorted(pairs, key=lambda p: p[1])


def _costs(n_rows: int) -> tuple[float, float]:
    """(offset, nobody): a pair costs offset − score > 0; leaving a mentee alone costs
    `nobody`, more than any possible gain in score over all rows, so the solver first
    matches as many mentees as it can."""
    offset = MAX_SCORE + 1.0
    return offset, offset + MAX_SCORE * n_rows + 1.0


def _solve_dense(score, ok, slot_mentor, _candidates) -> list[tuple[int, int]]:
    n_rows, n_slots = len(score), len(slot_mentor)
    offset, nobody = _costs(n_rows)
    cost = np.full((n_rows, n_slots + n_rows), 2 * nobody)
    pair_cost = np.where(ok, offset - score, 2 * nobody)
    cost[:, :n_slots] = pair_cost[:, slot_mentor]
    cost[np.arange(n_rows), n_slots + np.arange(n_rows)] = nobody
    rows, cols = linear_sum_assignment(cost)
    return [(int(slot_mentor[col]), int(row)) for row, col in zip(rows, cols, strict=True) if col < n_slots]


def _top_k(values: np.ndarray, k: int) -> np.ndarray:
    """Column indices of the k largest values of each row (in no order). Row blocks keep
    the temporaries small (a block of 512 rows of 5,000 is 10 MB, not 200)."""
    n_rows, n = values.shape
    if k >= n:
        return np.broadcast_to(np.arange(n), (n_rows, n)).copy()
    out = np.empty((n_rows, k), dtype=np.int32)
    for start in range(0, n_rows, 512):
        block = values[start : start + 512]
        out[start : start + 512] = np.argpartition(block, n - k, axis=1)[:, n - k :]
    return out


def _solve_sparse(score, ok, slot_mentor, candidates) -> list[tuple[int, int]]:
    n_rows, n_mentors = score.shape
    offset, nobody = _costs(n_rows)
    # Infeasible pairs sink to the bottom of every list, in place (their score is never
    # read again: only feasible edges are kept).
    masked = score
    np.copyto(masked, -np.inf, where=~ok)
    # Candidate edges: each mentee's k best mentors, and each mentor's k best mentees.
    by_row = _top_k(masked, min(candidates, n_mentors))
    rows_a = np.repeat(np.arange(n_rows), by_row.shape[1])
    cols_a = by_row.ravel()
    capacity = np.bincount(slot_mentor, minlength=n_mentors)
    # A mentor's own list is longer by their capacity: they can take that many.
    by_col = _top_k(np.ascontiguousarray(masked.T), min(candidates + int(capacity.max()), n_rows))
    rows_b = by_col.ravel()
    cols_b = np.repeat(np.arange(n_mentors), by_col.shape[1])
    rows = np.concatenate([rows_a, rows_b])
    cols = np.concatenate([cols_a, cols_b])
    keep = ok[rows, cols]
    edge = np.unique(rows[keep].astype(np.int64) * n_mentors + cols[keep])
    rows, cols = edge // n_mentors, edge % n_mentors
    # Each candidate mentor appears once per slot.
    first_slot = np.concatenate([[0], np.cumsum(capacity)[:-1]])
    per_edge = capacity[cols]
    slot_rows = np.repeat(rows, per_edge)
    slot_cols = np.repeat(first_slot[cols], per_edge) + _ranges(per_edge)
    weights = offset - score[slot_rows, np.repeat(cols, per_edge)].astype(np.float64)
    n_slots = len(slot_mentor)
    all_rows = np.concatenate([slot_rows, np.arange(n_rows)])
    all_cols = np.concatenate([slot_cols, n_slots + np.arange(n_rows)])
    all_weights = np.concatenate([weights, np.full(n_rows, nobody)])
    graph = coo_matrix((all_weights, (all_rows, all_cols)), shape=(n_rows, n_slots + n_rows)).tocsr()
    matched = min_weight_full_bipartite_matching(graph)[1]
    return [(int(slot_mentor[col]), int(row)) for row, col in enumerate(matched) if col < n_slots]


def _ranges(lengths: np.ndarray) -> np.ndarray:
    """[0..l0-1, 0..l1-1, …] for the given lengths, without a Python loop."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.arange(total) - starts


def objective(cohort: Cohort, pairs: Iterable[tuple[int, int]]) -> tuple[int, float]:
    """(pairs, total score): what `assign` maximises, in that order."""
    pairs = list(pairs)
    score = scores(cohort)
    return len(pairs), float(sum(score[j, i] for i, j in pairs))


def violations(cohort: Cohort, pairs: Iterable[tuple[int, int]]) -> list[str]:
    """Every broken hard constraint, in words (empty when the pairs are fine)."""
    c = cohort
    ok = feasibility(c)
    problems = []
    load = np.zeros(len(c.mentor_rank), dtype=np.int64)
    seen: set[int] = set()
    for i, j in pairs:
        load[i] += 1
        if j in seen:
            problems.append(f"mentee {j} has two mentors")
        seen.add(j)
        if not ok[j, i] and (i, j) not in set(map(tuple, c.locked)):
            problems.append(f"mentor {i} may not mentor mentee {j}")
    for i in np.flatnonzero(load > c.mentor_capacity):
        problems.append(f"mentor {i} is over capacity")
    return problems


def explain(cohort: Cohort, mentor: int, mentee: int, strong_level: float = STRONG_LEVEL) -> Reasons:
    """The reasons for one pair: the mentee's goals the mentor teaches and is strong on
    (strongest first), their common weekly slots, languages, site and unit."""
    c = cohort
    goals = np.flatnonzero(c.mentee_goals[mentee] & c.mentor_teaches[mentor])
    levels = c.mentor_strength[mentor, goals]
    order = np.argsort(-levels, kind="stable")
    strong = [(int(goals[k]), float(levels[k])) for k in order if levels[k] >= strong_level]
    common = np.flatnonzero(c.mentee_slots[mentee] & c.mentor_slots[mentor])
    site, unit = int(c.mentor_site[mentor]), int(c.mentor_unit[mentor])
    return Reasons(
        strong_goals=strong,
        common_slots=[int(s) for s in common],
        common_languages=int(c.mentee_languages[mentee] & c.mentor_languages[mentor]),
        same_site=bool(site >= 0 and site == int(c.mentee_site[mentee])),
        different_unit=bool(unit < 0 or unit != int(c.mentee_unit[mentee])),
    )


def random_cohort(
    n_mentors: int, n_mentees: int, *, competences: int = 16, slots: int = 10, seed: int = 0,
    max_capacity: int = 2,
) -> Cohort:  # fmt: skip
    """A synthetic cohort for tests and the benchmark: mentors are staff (rank 0)
    offering about a third of the competences, mentees managers (ranks 1–3) with 1–3
    goals, a few pairs in one reporting line (forbidden)."""
    rng = np.random.default_rng(seed)
    k, s = competences, slots
    strength = np.clip(rng.normal(4.5, 1.8, (n_mentors, k)), 0, 8).round(1)
    teaches = rng.random((n_mentors, k)) < 0.35
    goals = np.zeros((n_mentees, k), dtype=bool)
    for j, count in enumerate(rng.integers(1, 4, n_mentees)):
        goals[j, rng.choice(k, count, replace=False)] = True
    languages = np.array([1, 1, 1, 1, 1, 1, 1, 2, 3, 3])
    units = max(1, (n_mentors + n_mentees) // 30)
    forbidden = {
        (int(rng.integers(n_mentors)), int(rng.integers(n_mentees)))
        for _ in range(max(0, (n_mentors * n_mentees) // 20 // max(n_mentors, 1)))
    }
    return Cohort(
        mentor_strength=strength, mentor_teaches=teaches, mentor_slots=rng.random((n_mentors, s)) < 0.4,
        mentor_languages=rng.choice(languages, n_mentors), mentor_capacity=rng.integers(1, max_capacity + 1, n_mentors),
        mentor_rank=np.zeros(n_mentors, dtype=np.int64), mentor_unit=rng.integers(0, units, n_mentors),
        mentor_site=rng.integers(0, 5, n_mentors), mentee_goals=goals, mentee_slots=rng.random((n_mentees, s)) < 0.4,
        mentee_languages=rng.choice(languages, n_mentees), mentee_rank=rng.integers(1, 4, n_mentees),
        mentee_unit=rng.integers(0, units, n_mentees), mentee_site=rng.integers(0, 5, n_mentees),
        mentee_on_site=rng.random(n_mentees) < 0.5, forbidden=sorted(forbidden),
    )  # fmt: skip
