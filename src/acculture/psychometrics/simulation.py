"""Replay synthetic people through the same `Session` engine and report what happened."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from acculture.psychometrics.levels import LevelScale
from acculture.psychometrics.model import FloatArray, ItemBank
from acculture.psychometrics.posterior import Prior
from acculture.psychometrics.session import Design, Session

Progress = Callable[[int, int], None]


@dataclass
class Run:
    """Raw outcome of a simulation: per person true θ, θ̂, SD, length, gate decision."""

    theta: FloatArray
    estimate: FloatArray
    sd: FloatArray
    length: FloatArray
    passed: FloatArray
    administered: FloatArray
    step_ns: FloatArray
    pool: FloatArray


def draw_people(rng: np.random.Generator, prior: Prior, people: int) -> FloatArray:
    """True abilities θ ~ N(μ, Σ) (rows: people)."""
    chol = np.linalg.cholesky(prior.cov)
    return prior.mean + rng.standard_normal((people, prior.k)) @ chol.T


def run(
    bank: ItemBank,
    prior: Prior,
    design: Design,
    theta: FloatArray,
    rng: np.random.Generator,
    *,
    progress: Progress | None = None,
    offered: FloatArray | None = None,
) -> Run:
    """Give each row of `theta` a full test; answers are drawn from the 2PL model."""
    people, k = theta.shape
    estimate = np.zeros((people, k))
    sd = np.zeros((people, k))
    length = np.zeros(people)
    passed = np.full(people, np.nan)
    administered = np.zeros(bank.size)
    steps: list[int] = []
    a, b, comp = bank.a, bank.b, bank.competence
    clock = time.perf_counter_ns
    for p in range(people):
        session = Session(bank, prior, design)
        session.offered = offered
        th = theta[p]
        draws = rng.random(design.max_items * 2 + 8)
        j = 0
        while True:
            decision = session.decision()
            if decision.stop:
                break
            t0 = clock()
            item = session.next_item(rng)
            if item is None:
                break
            u = draws[j] < 1.0 / (1.0 + math.exp(-a[item] * (th[comp[item]] - b[item])))
            j += 1
            session.record(item, bool(u))
            steps.append(clock() - t0)
            administered[item] += 1
        post = session.posterior
        estimate[p] = post.mean
        sd[p] = post.sd
        length[p] = session.n_scored
        if design.kind == "gate":
            decision = session.decision()
            kk = design.gate_competence
            passed[p] = (
                float(decision.passed)
                if decision.passed is not None
                else float(post.mean[kk] >= design.gate.cut)  # type: ignore[union-attr]
            )
        if progress is not None and (p + 1) % 100 == 0:
            progress(p + 1, people)
    pool = bank.scored_pool(design.mode).astype(np.float64)
    return Run(theta, estimate, sd, length, passed, administered, np.array(steps, float), pool)


def report(result: Run, design: Design, scale: LevelScale | None = None) -> dict[str, Any]:
    """Summary: accuracy, length, exposure and step time (see `acculture simulate --json`)."""
    scale = scale or LevelScale.default()
    people = len(result.length)
    err = result.estimate - result.theta
    measured = range(result.theta.shape[1])
    if design.kind == "gate":
        measured = range(design.gate_competence, design.gate_competence + 1)
    rmse_k = [float(np.sqrt(np.mean(err[:, k] ** 2))) for k in measured]
    out: dict[str, Any] = {
        "design": design.kind,
        "examinees": people,
        "items_mean": float(result.length.mean()),
        "items_p95": float(np.percentile(result.length, 95)),
        "items_max": int(result.length.max()),
        "rmse_mean": float(np.mean(rmse_k)),
        "rmse_by_competence": rmse_k,
        "bias_mean": float(np.mean([err[:, k].mean() for k in measured])),
        "sd_mean": float(np.mean([result.sd[:, k].mean() for k in measured])),
    }
    if design.kind == "gate":
        assert design.gate is not None
        true_theta = result.theta[:, design.gate_competence]
        truth = true_theta >= design.gate.cut
        right = (result.passed == 1.0) == truth
        outside = np.abs(true_theta - design.gate.cut) > design.gate.delta
        out["accuracy"] = float(right.mean())
        out["accuracy_outside_indifference"] = float(right[outside].mean()) if outside.any() else None
    else:
        true_level = np.floor(scale.levels(result.theta))
        est_level = np.floor(scale.levels(result.estimate))
        out["accuracy"] = float((true_level == est_level).mean())
        out["accuracy_outside_indifference"] = None
    pool = result.pool > 0
    rate = result.administered / max(people, 1)
    out["max_exposure"] = float(rate[pool].max()) if pool.any() else 0.0
    out["never_used_share"] = float((result.administered[pool] == 0).mean()) if pool.any() else 0.0
    steps_us = result.step_ns / 1000.0
    out["step_us_median"] = float(np.median(steps_us)) if len(steps_us) else 0.0
    out["step_us_p95"] = float(np.percentile(steps_us, 95)) if len(steps_us) else 0.0
    return out


def sympson_hetter_rates(
    bank: ItemBank,
    prior: Prior,
    design: Design,
    *,
    r_max: float,
    people: int = 500,
    iterations: int = 8,
    rng: np.random.Generator,
    progress: Progress | None = None,
) -> ItemBank:
    """Exposure-control rates kᵢ by simulation (Sympson & Hetter 1985) so that
    P(administer i) = P(select i) · kᵢ ≤ r_max.

    Each round simulates `people` tests with the current rates, estimates P(Sᵢ) (how often
    item i was put to the lottery) and sets kᵢ ← min(kᵢ, r_max / P(Sᵢ)), starting from 1.
    """
    if not 0 < r_max <= 1:
        raise ValueError(f"Exposure target must be in (0, 1], got {r_max}")
    from dataclasses import replace

    sh_design = replace(design, selection=replace(design.selection, sympson_hetter=True))
    current = bank
    for it in range(iterations):
        theta = draw_people(rng, prior, people)
        offered = np.zeros(bank.size)
        run(current, prior, sh_design, theta, rng, offered=offered)
        p_select = offered / people
        # Rates only go down: letting them rise again made popular items oscillate
        # between rounds instead of settling under the target.
        rates = np.minimum(current.exposure, r_max / np.maximum(p_select, r_max))
        current = current.with_exposure(rates)
        if progress is not None:
            progress(it + 1, iterations)
    return current


def simulate(
    bank: ItemBank,
    prior: Prior,
    design: Design,
    *,
    people: int,
    rng: np.random.Generator,
    true_prior: Prior | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Draw `people` from `true_prior` (default: the prior), run them, return `report`."""
    theta = draw_people(rng, true_prior or prior, people)
    return report(run(bank, prior, design, theta, rng, progress=progress), design)
