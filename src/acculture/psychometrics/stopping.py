"""Stopping rules: profile (precision), gating (decision against a cut) and fixed length."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

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


@dataclass(frozen=True)
class GateRule:
    """Wald's SPRT with indifference region cut ± δ, plus a credible-interval rule.

    Pass when Λ ≥ log((1 − β)/α), fail when Λ ≤ log(β/(1 − α)); with `credible` set, also
    stop as soon as the cut lies outside θ̂ ± z·SD, z = Φ⁻¹(1 − credible/2). At max_items
    the decision is Λ ≥ (log A + log B) / 2, the midpoint of the two bounds.
    """

    cut: float
    delta: float = 0.25
    alpha: float = 0.05
    beta: float = 0.05
    min_items: int = 5
    max_items: int = 40
    credible: float | None = None

    @property
    def upper(self) -> float:
        return math.log((1 - self.beta) / self.alpha)

    @property
    def lower(self) -> float:
        return math.log(self.beta / (1 - self.alpha))

    def decide(self, llr: float, mean: float, sd: float, n: int) -> StopDecision:
        """Apply the rule to the running log-likelihood ratio Λ and the posterior (mean, sd)."""
        if n >= self.max_items:
            # Truncated: the likelihood ratio's side of the midpoint between the bounds, not
            # θ̂, because a shrunken estimate leans towards the prior mean (often below the cut).
            return StopDecision(True, "max_items", llr >= (self.upper + self.lower) / 2)
        if n < self.min_items:
            return CONTINUE
        if llr >= self.upper:
            return StopDecision(True, "decided", True)
        if llr <= self.lower:
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
