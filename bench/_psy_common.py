"""Shared helpers for the psychometrics benchmarks (bench-only: may import anything)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from acculture.psychometrics.model import ItemBank, random_bank

SEED = 20261129


def bank_1d(items: int = 1000, seed: int = SEED) -> ItemBank:
    return random_bank(np.random.default_rng(seed), items=items, competences=1)


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def answer(rng: np.random.Generator, theta: float, a: float, b: float) -> bool:
    return bool(rng.random() < 1.0 / (1.0 + np.exp(-a * (theta - b))))


def interpolate_length(rmse: list[float], length: list[float], target: float) -> float:
    """Mean length needed for `target` RMSE, linear in (RMSE, length) between sweep points."""
    order = np.argsort(rmse)
    return float(np.interp(target, np.array(rmse)[order], np.array(length)[order]))
