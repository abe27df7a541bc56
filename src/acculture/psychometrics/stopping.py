"""Stopping rules: profile (precision), gating (decision against a cut) and fixed length."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.special import ndtr

from acculture.psychometrics.model import FloatArray

Reason = Literal["continue", "precision", "max_items", "decided", "length"]


@dataclass(frozen=True)
class StopDecision:
    """Whether to stop, why, and for a gate the pass (True) / fail (False) decision."""

    stop: bool
    reason: Reason
    passed: bool | None = None


CONTINUE = StopDecision(False, "continue")


def profile_stop(sd: FloatArray, n: int, *, target_sd: float, min_items: int, max_items: int) -> StopDecision:
    """Stop when n ≥ max_items, or n ≥ min_items and every competence has SD < target_sd."""
    if n >= max_items:
        return StopDecision(True, "max_items")
    if n >= min_items and float(sd.max()) < target_sd:
        return StopDecision(True, "precision")
    return CONTINUE


def fixed_stop(n: int, *, length: int) -> StopDecision:
    """Stop after exactly `length` scored items."""
    return StopDecision(True, "length") if n >= length else CONTINUE


def sprt_increment(a: float, b: float, correct: bool, *, cut: float, delta: float) -> float:
    """Log-likelihood ratio of one answer for θ₊ = cut + δ against θ₋ = cut − δ:
    u log(P₊/P₋) + (1 − u) log((1 − P₊)/(1 − P₋))."""
    hi = a * (cut + delta - b)
    lo = a * (cut - delta - b)
    if correct:
        return _log_sigmoid(hi) - _log_sigmoid(lo)
    return _log_sigmoid(-hi) - _log_sigmoid(-lo)


def _log_sigmoid(z: float) -> float:
    return -math.log1p(math.exp(-z)) if z > -30 else z


def sprt_increments(
    a: FloatArray, b: FloatArray, *, cut: float, delta: float
) -> tuple[FloatArray, FloatArray]:
    """`sprt_increment` for many items at once: (increment if right, increment if wrong)."""
    hi = a * (cut + delta - b)
    lo = a * (cut - delta - b)
    return -np.logaddexp(0.0, -hi) + np.logaddexp(0.0, -lo), -np.logaddexp(0.0, hi) + np.logaddexp(0.0, lo)


def chance_to_pass_at_cap(
    llr: float,
    threshold: float,
    right: FloatArray,
    wrong: FloatArray,
    p: FloatArray,
    weights: FloatArray,
) -> float:
    """Posterior predictive probability that Λ is ≥ `threshold` once the remaining items
    have been answered; `right`/`wrong` are their SPRT increments and p[i, g] = Pᵢ(θ_g).

    θ is integrated over the posterior (nodes θ_g with `weights` summing to 1); given θ the
    remaining increments are independent two-point variables, so their sum is taken as
    normal with mean Σ (P r + (1 − P) w) and variance Σ P (1 − P) (r − w)².
    """
    if len(right) == 0:
        return float(llr >= threshold)
    step = right - wrong
    mean = step @ p
    var = (step * step) @ (p * (1.0 - p))
    z = (llr + float(wrong.sum()) - threshold + mean) / np.sqrt(np.maximum(var, 1e-12))
    return float(weights @ ndtr(z))


@dataclass(frozen=True)
class GateRule:
    """Wald's SPRT with indifference region cut ± δ, truncated at `max_items`, with
    stochastic curtailment and an optional credible-interval rule.

    Pass when Λ ≥ log A = log((1 − β)/α), fail when Λ ≤ log B = log(β/(1 − α)). At
    `max_items` the decision is Λ ≥ (log A + log B) / 2, the midpoint of the two bounds (for
    items at the cut, Λ is an increasing function of the 2PL sufficient statistic Σ aᵢuᵢ, so
    this is close to the maximum-likelihood side of the cut). With `curtail` = γ, also stop
    as soon as the posterior predictive probability that the truncated decision at
    `max_items` would be "pass" is ≥ 1 − γ (pass) or ≤ γ (fail): the remaining items could
    only rarely change the outcome (stochastic curtailment, Lan, Simon & Halperin 1982).
    With `credible` set, also stop as soon as the cut lies outside θ̂ ± z·SD,
    z = Φ⁻¹(1 − credible/2).
    """

    cut: float
    delta: float = 0.25
    alpha: float = 0.035
    beta: float = 0.035
    min_items: int = 5
    max_items: int = 40
    credible: float | None = None
    curtail: float | None = 0.002

    @property
    def upper(self) -> float:
        return math.log((1 - self.beta) / self.alpha)

    @property
    def lower(self) -> float:
        return math.log(self.beta / (1 - self.alpha))

    @property
    def midpoint(self) -> float:
        return (self.upper + self.lower) / 2

    def decide(
        self, llr: float, mean: float, sd: float, n: int, chance_to_pass: float | None = None
    ) -> StopDecision:
        """Apply the rule to the running log-likelihood ratio Λ, the posterior (mean, sd)
        and, for curtailment, the predictive probability of passing at `max_items`."""
        if n >= self.max_items:
            # Truncated: the likelihood ratio's side of the midpoint between the bounds, not
            # θ̂, because a shrunken estimate leans towards the prior mean (often below the cut).
            return StopDecision(True, "max_items", llr >= self.midpoint)
        if n < self.min_items:
            return CONTINUE
        if llr >= self.upper:
            return StopDecision(True, "decided", True)
        if llr <= self.lower:
            return StopDecision(True, "decided", False)
        if self.curtail is not None and chance_to_pass is not None:
            if chance_to_pass >= 1 - self.curtail:
                return StopDecision(True, "decided", True)
            if chance_to_pass <= self.curtail:
                return StopDecision(True, "decided", False)
        if self.credible is not None:
            z = _normal_quantile(1 - self.credible / 2)
            if mean - z * sd > self.cut:
                return StopDecision(True, "decided", True)
            if mean + z * sd < self.cut:
                return StopDecision(True, "decided", False)
        return CONTINUE


def _normal_quantile(p: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(p)
