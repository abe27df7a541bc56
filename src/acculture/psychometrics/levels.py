"""The level scale: θ ↔ CRCN level 0–8 (one decimal) and the four named bands.

Authored level L (1–8) of an item gives its prior difficulty b(L) = SPACING · (L − 3.5),
so a typical member of staff (θ = 0) sits at level 3.5 and each level is 0.7 logits. A
person reaches level L on a competence when θ ≥ cut_L = b(L), i.e. when a typical level-L
item would be answered correctly with probability ≥ ½. Between cuts the level is linear
in θ: level(θ) = L + (θ − cut_L) / (cut_{L+1} − cut_L), floored to one decimal so that a
displayed "3.0" is always reached. Below cut_1 the level runs from 0 at cut_1 − (cut_2 −
cut_1); above cut_8 it stays at 8.0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from acculture.psychometrics.model import FloatArray

SPACING = 0.7
CENTRE = 3.5
BANDS: tuple[tuple[str, int, int], ...] = (
    ("novice", 1, 2),
    ("independent", 3, 4),
    ("advanced", 5, 6),
    ("expert", 7, 8),
)


def authored_difficulty(level: int | float) -> float:
    """Prior difficulty for an item authored at level L ∈ [1, 8]: b = 0.7 (L − 3.5)."""
    if not 1 <= level <= 8:
        raise ValueError(f"Authored level must be between 1 and 8, got {level}")
    return SPACING * (level - CENTRE)


@dataclass(frozen=True)
class LevelScale:
    """Cut points cut_1 < … < cut_8 on a competence's θ scale (data, one per level)."""

    cuts: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.cuts) != 8:
            raise ValueError(f"A level scale needs 8 cut points, got {len(self.cuts)}")
        if any(not math.isfinite(c) for c in self.cuts) or any(
            b <= a for a, b in zip(self.cuts, self.cuts[1:], strict=False)
        ):
            raise ValueError(f"Cut points must be finite and strictly increasing: {self.cuts}")

    @classmethod
    def default(cls) -> LevelScale:
        """cut_L = b(L) = 0.7 (L − 3.5), L = 1…8."""
        return cls(tuple(authored_difficulty(level) for level in range(1, 9)))

    @classmethod
    def from_list(cls, cuts: Sequence[float]) -> LevelScale:
        return cls(tuple(float(c) for c in cuts))

    def _knots(self) -> tuple[FloatArray, FloatArray]:
        c = np.array(self.cuts)
        thetas = np.concatenate([[c[0] - (c[1] - c[0])], c])
        return thetas, np.arange(0.0, 9.0)

    def level(self, theta: float) -> float:
        """Continuous level in [0, 8] floored to one decimal (see module docstring)."""
        thetas, levels = self._knots()
        x = float(np.interp(theta, thetas, levels))
        return math.floor(x * 10 + 1e-9) / 10

    def levels(self, theta: FloatArray) -> FloatArray:
        """Vectorised `level` for an array of θ."""
        thetas, levels = self._knots()
        return np.floor(np.interp(theta, thetas, levels) * 10 + 1e-9) / 10

    def theta(self, level: float) -> float:
        """Inverse of `level`: the θ at which a level (0–8) is reached."""
        if not 0 <= level <= 8:
            raise ValueError(f"Level must be between 0 and 8, got {level}")
        thetas, levels = self._knots()
        return float(np.interp(level, levels, thetas))


def band(level: float) -> str | None:
    """Named band: 1–2 novice, 3–4 independent, 5–6 advanced, 7–8 expert; None below 1."""
    whole = math.floor(level)
    for name, low, high in BANDS:
        if low <= whole <= high:
            return name
    return None
