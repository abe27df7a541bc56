"""(a) One dimension, 1,000 items: our engine (max information + EAP) against catsim.

Both stop at SD ≤ 0.3 or 40 items and see the same people and answers' random stream.
catsim has no EAP estimator, so it runs its own max-information selector with its
numerical-search ML estimator (Dodd's heuristic for all-right/all-wrong starts); its SD is
1/√(test information at θ̂).
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from acculture.psychometrics.posterior import Prior
from acculture.psychometrics.selection import SelectionRules
from acculture.psychometrics.session import Design
from acculture.psychometrics.simulation import report, run, sympson_hetter_rates
from bench._psy_common import SEED, bank_1d
from bench._report import table, write_section

PEOPLE = 1000
CATSIM_PEOPLE = 300
CUT = 0.5


def catsim_run(bank, theta: np.ndarray, seed: int) -> dict[str, float]:
    from catsim.estimation import NumericalSearchEstimator
    from catsim.item_bank import ItemBank as CatBank
    from catsim.selection import MaxInfoSelector

    cb = CatBank(np.column_stack([bank.a, bank.b]))
    selector, estimator = MaxInfoSelector(), NumericalSearchEstimator()
    rng = np.random.default_rng(seed)
    steps, lengths, est = [], [], []
    used = np.zeros(bank.size)
    for th in theta:
        administered: list[int] = []
        responses: list[bool] = []
        theta_hat = 0.0
        while True:
            t0 = time.perf_counter_ns()
            item = selector.select(item_bank=cb, administered_items=administered, est_theta=theta_hat)
            u = bool(rng.random() < 1 / (1 + np.exp(-bank.a[item] * (th - bank.b[item]))))
            administered.append(item)
            responses.append(u)
            theta_hat = estimator.estimate(
                item_bank=cb,
                administered_items=administered,
                response_vector=responses,
                est_theta=theta_hat,
            )
            steps.append(time.perf_counter_ns() - t0)
            a, b = bank.a[administered], bank.b[administered]
            p = 1 / (1 + np.exp(-a * (theta_hat - b)))
            if len(administered) >= 40 or 1 / np.sqrt(np.sum(a * a * p * (1 - p))) <= 0.3:
                break
        used[administered] += 1
        lengths.append(len(administered))
        est.append(theta_hat)
    est_arr = np.array(est)
    return {
        "step_us_median": float(np.median(steps) / 1000),
        "items_mean": float(np.mean(lengths)),
        "rmse": float(np.sqrt(np.mean((est_arr - theta) ** 2))),
        "accuracy": float(np.mean((est_arr >= CUT) == (theta >= CUT))),
        "max_exposure": float(used.max() / len(theta)),
    }


def ours(bank, prior, design, theta, seed) -> dict[str, float]:
    res = run(bank, prior, design, theta[:, None], np.random.default_rng(seed))
    rep = report(res, design)
    est = res.estimate[:, 0]
    return {
        "step_us_median": rep["step_us_median"],
        "step_us_p95": rep["step_us_p95"],
        "items_mean": rep["items_mean"],
        "rmse": rep["rmse_mean"],
        "accuracy": float(np.mean((est >= CUT) == (theta >= CUT))),
        "max_exposure": rep["max_exposure"],
    }


def main() -> None:
    bank = bank_1d()
    prior = Prior.equicorrelated(1, 0.0)
    theta = np.random.default_rng(SEED + 1).standard_normal(PEOPLE)
    design = Design(kind="profile", target_sd=0.3, max_items=40, estimator="eap")
    mine = ours(bank, prior, design, theta, SEED)
    print("ours", mine, flush=True)
    theirs = catsim_run(bank, theta[:CATSIM_PEOPLE], SEED)
    print("catsim", theirs, flush=True)
    mine_same = ours(bank, prior, design, theta[:CATSIM_PEOPLE], SEED)

    # Exposure control at the same SD target: randomesque 3 + Sympson–Hetter at 0.25.
    rng = np.random.default_rng(SEED + 2)
    ctl = replace(design, selection=SelectionRules(randomesque=3))
    sh_bank = sympson_hetter_rates(bank, prior, ctl, r_max=0.22, people=1000, iterations=8, rng=rng)
    ctl = replace(ctl, selection=replace(ctl.selection, sympson_hetter=True))
    controlled = ours(sh_bank, prior, ctl, theta, SEED)
    print("exposure-controlled", controlled, flush=True)

    rows = [
        [
            "step time median (µs)",
            mine_same["step_us_median"],
            theirs["step_us_median"],
            theirs["step_us_median"] / mine_same["step_us_median"],
        ],
        [
            "mean length",
            mine_same["items_mean"],
            theirs["items_mean"],
            theirs["items_mean"] / mine_same["items_mean"],
        ],
        ["RMSE of θ̂", mine_same["rmse"], theirs["rmse"], theirs["rmse"] / mine_same["rmse"]],
        [
            f"decision accuracy at θ = {CUT}",
            mine_same["accuracy"],
            theirs["accuracy"],
            theirs["accuracy"] / mine_same["accuracy"],
        ],
        [
            "max exposure",
            mine_same["max_exposure"],
            theirs["max_exposure"],
            theirs["max_exposure"] / mine_same["max_exposure"],
        ],
    ]
    exposure_rows = [
        [
            "max information (no control)",
            mine["items_mean"],
            mine["rmse"],
            mine["max_exposure"],
            mine["step_us_median"],
        ],
        [
            "randomesque 3 + Sympson–Hetter 0.25",
            controlled["items_mean"],
            controlled["rmse"],
            controlled["max_exposure"],
            controlled["step_us_median"],
        ],
    ]
    md = (
        "## Psychometrics (a): one dimension, 1,000 items, ours vs catsim\n\n"
        f"Stop at SD ≤ 0.3 or 40 items; {CATSIM_PEOPLE} simulated people N(0, 1) for the "
        "side-by-side "
        "(same people, same seed). Ours: max information + EAP on a 61-point grid; catsim 0.21: "
        "MaxInfoSelector + NumericalSearchEstimator (ML, it has no EAP). "
        "Step = select + update.\n\n"
        + table(["measure", "ours", "catsim", "catsim / ours"], rows)
        + f"\n\nOurs on {PEOPLE} people: step median {mine['step_us_median']:.1f} µs, "
        f"p95 {mine['step_us_p95']:.1f} µs.\n\n"
        f"Exposure control ({PEOPLE} people, same SD target):\n\n"
        + table(["selection", "mean length", "RMSE", "max exposure", "step µs"], exposure_rows)
        + "\n\nLength ratio controlled / uncontrolled: "
        + f"{controlled['items_mean'] / mine['items_mean']:.3f}."
    )
    write_section("psychometrics-cat", md)


if __name__ == "__main__":
    main()
