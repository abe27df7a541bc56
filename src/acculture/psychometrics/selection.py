"""Choosing the next item: Bayesian D-optimality with content balancing and exposure control.

Answering item i on competence k adds Iᵢ(θ̂ₖ) eₖeₖᵀ to the posterior precision H, so
det(H) is multiplied by (1 + Iᵢ(θ̂ₖ) Cₖₖ) (matrix determinant lemma). The item with the
largest Iᵢ(θ̂ₖ) Cₖₖ is the D-optimal choice; with one competence that is maximum information.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from acculture.psychometrics.model import (
    GRID_HIGH,
    GRID_LOW,
    GRID_STEP,
    BoolArray,
    FloatArray,
    IntArray,
    ItemBank,
    grid_index,
)

# How far down the ranking Sympson–Hetter may go before falling back to the best item.
SH_DEPTH = 32
# With one competence the D-optimal weight Cₖₖ does not change the ranking.
_ONE = np.ones(1)


@dataclass(frozen=True)
class SelectionRules:
    """Constraints on the next item.

    - `target_sd`: when set, only competences whose posterior SD is still above it compete
      (all of them again once every SD is below, e.g. while `min_items` is not reached).
    - `at`: evaluate information at this fixed θ instead of θ̂ (gating: items best at the cut).
    - `min_per_competence`/`max_per_competence`: content balance; once the remaining length
      only just covers the missing minimums, only those competences compete.
    - `randomesque`: choose uniformly among the best n eligible items.
    - `sympson_hetter`: administer a selected item only with its bank exposure rate,
      otherwise move down the ranking.
    - `pretest_rate`: probability of seeding an unscored pretest item at each step.
    """

    target_sd: float | None = None
    at: float | None = None
    min_per_competence: int = 0
    max_per_competence: int | None = None
    max_items: int | None = None
    randomesque: int = 1
    sympson_hetter: bool = False
    pretest_rate: float = 0.0
    avoid_same_topic: bool = True


def candidate_scores(
    bank: ItemBank, theta: FloatArray, weight: FloatArray, penalty: FloatArray
) -> FloatArray:
    """Score Iᵢ(θ̂_{k(i)}) · weight_{k(i)} + penaltyᵢ for every item.

    `weight` is Cₖₖ for D-optimality (negative excludes competence k); `penalty` is 0 for
    an available item and −∞ otherwise. Information is read from the bank's grid table.
    """
    table = bank.info_table
    if len(theta) == 1:
        scores = table[grid_index(float(theta[0]))] * float(weight[0])
        scores += penalty
        if weight[0] < 0:
            scores[:] = -np.inf
        return scores
    idx = np.rint((np.clip(theta, GRID_LOW, GRID_HIGH) - GRID_LOW) * (1.0 / GRID_STEP))
    comp = bank.competence
    flat = (idx.astype(np.int64) * bank.size)[comp]
    flat += bank.item_range
    scores = table.reshape(-1).take(flat)
    scores *= weight[comp]
    scores += penalty
    if (weight < 0).any():
        scores[(weight < 0)[comp]] = -np.inf
    return scores


def competence_weights(
    cov: FloatArray,
    counts: IntArray,
    n_scored: int,
    rules: SelectionRules,
) -> FloatArray:
    """Weight Cₖₖ per competence after the SD restriction and content balance (< 0: excluded)."""
    if len(counts) == 1 and rules.max_per_competence is None and rules.min_per_competence == 0:
        return _ONE
    weight = cov.diagonal().copy()
    if rules.target_sd is not None:
        done = weight <= rules.target_sd * rules.target_sd
        if done.any() and not done.all():
            weight[done] = 0.0
    if rules.max_per_competence is not None:
        weight[counts >= rules.max_per_competence] = -1.0
    if rules.min_per_competence > 0 and rules.max_items is not None:
        missing = np.maximum(rules.min_per_competence - counts, 0)
        if 0 < missing.sum() >= rules.max_items - n_scored:
            weight[missing == 0] = -1.0
    return weight


def choose(
    bank: ItemBank,
    scores: FloatArray,
    rng: np.random.Generator,
    rules: SelectionRules,
    last_topic: int = -1,
    offered: FloatArray | None = None,
    rejected: list[int] | None = None,
) -> int | None:
    """Pick the item: best score, or uniformly among the best `randomesque`, after
    Sympson–Hetter filtering; never an item scored −∞ (unavailable or excluded).
    `offered` (simulation only) counts the items put to the Sympson–Hetter lottery; the
    ones that lost it are appended to `rejected`."""
    if rules.avoid_same_topic and last_topic >= 0:
        members = bank.by_topic[last_topic]
        blocked = scores[members].copy()
        scores[members] = -np.inf
        if scores.max() == -np.inf:
            scores[members] = blocked
    if rules.randomesque <= 1 and not rules.sympson_hetter:
        best = int(scores.argmax())
        return best if scores[best] > -np.inf else None
    depth = min(len(scores), max(SH_DEPTH, rules.randomesque) if rules.sympson_hetter else rules.randomesque)
    top = np.argpartition(scores, len(scores) - depth)[len(scores) - depth :]
    top = top[np.argsort(-scores[top], kind="stable")]
    top = top[scores[top] > -np.inf]
    if len(top) == 0:
        return None
    if rules.sympson_hetter:
        ok = rng.random(len(top)) < bank.exposure[top]
        passed = top[ok]
        if len(passed) == 0:
            passed = top[:1]
        pool = passed[: rules.randomesque]
        chosen = int(pool[rng.integers(len(pool))]) if len(pool) > 1 else int(pool[0])
        # Items ranked above the chosen one that lost the lottery were selected too; as in
        # Sympson–Hetter they are set aside for the rest of this person's test.
        rank = int(np.flatnonzero(top == chosen)[0])
        lost = top[: rank + 1][~ok[: rank + 1]]
        if rejected is not None:
            rejected.extend(int(i) for i in lost)
        if offered is not None:
            offered[lost] += 1
            offered[chosen] += 1
        return chosen
    pool = top[: rules.randomesque]
    return int(pool[rng.integers(len(pool))]) if len(pool) > 1 else int(pool[0])


def select_item(
    bank: ItemBank,
    *,
    theta: FloatArray,
    cov: FloatArray,
    penalty: FloatArray,
    counts: IntArray,
    n_scored: int,
    rules: SelectionRules,
    rng: np.random.Generator,
    last_topic: int = -1,
    offered: FloatArray | None = None,
    rejected: list[int] | None = None,
) -> int | None:
    """The next scored item: argmaxᵢ Iᵢ(θ̂ₖ) Cₖₖ over available items under `rules`, or None.

    `penalty` (0 or −∞ per item, see `availability_penalty`) must already exclude seen
    items and items outside the mode's pool.
    """
    weight = competence_weights(cov, counts, n_scored, rules)
    point = theta if rules.at is None else np.full_like(theta, rules.at)
    scores = candidate_scores(bank, point, weight, penalty)
    return choose(bank, scores, rng, rules, last_topic, offered, rejected)


def availability_penalty(available: BoolArray) -> FloatArray:
    """0 where an item may be chosen, −∞ where not (added to scores in one pass)."""
    return np.where(available, 0.0, -np.inf)


def select_pretest(bank: ItemBank, pretest_available: BoolArray, rng: np.random.Generator) -> int | None:
    """A uniformly random unseen pretest item (unscored), or None when there is none."""
    pool = np.flatnonzero(pretest_available)
    return int(pool[rng.integers(len(pool))]) if len(pool) else None


def information_at(bank: ItemBank, item: int, theta: float) -> float:
    """Tabulated Iᵢ(θ) for one item (nearest grid point)."""
    return float(bank.info_table[grid_index(theta), item])
