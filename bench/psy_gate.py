"""(c) Gating at a cut: the sequential rule (SPRT) against fixed-length tests of 10–40 items.

1,000 items, one competence, people N(0, 1), cut θ = 0.5, indifference ±0.25, 5–40 items,
items most informative at the cut. The default gate: Wald's SPRT with α = β = 0.035 plus
stochastic curtailment at γ = 0.002, decision at the cap Λ ≥ midpoint of the bounds; the
previous rule (α = β = 0.05, no curtailment) is shown for comparison. Each sequential rule
runs on SEEDS samples of PEOPLE people (the same samples for both rules); the table gives
the mean over samples and the spread of the outside-the-indifference accuracy.
Fixed-length tests are adaptive (max information at θ̂), decide θ̂ ≥ cut, first sample only.
"""

from __future__ import annotations

import numpy as np

from acculture.psychometrics.posterior import Prior
from acculture.psychometrics.session import Design
from acculture.psychometrics.simulation import run
from acculture.psychometrics.stopping import GateRule
from bench._psy_common import SEED, bank_1d
from bench._report import table, write_section

PEOPLE = 10_000
SEEDS = 3
CUT = 0.5
DELTA = 0.25


def scores(theta: np.ndarray, passed: np.ndarray) -> tuple[float, float]:
    right = passed == (theta >= CUT)
    outside = np.abs(theta - CUT) > DELTA
    return float(right.mean()), float(right[outside].mean())


def main() -> None:
    bank = bank_1d()
    prior = Prior.equicorrelated(1, 0.0)
    samples = [np.random.default_rng(SEED + 1 + 100 * s).standard_normal((PEOPLE, 1)) for s in range(SEEDS)]
    rules = [
        ("SPRT α = β = 0.035 + curtailment γ = 0.002 (default)", GateRule(cut=CUT, delta=DELTA)),
        (
            "SPRT α = β = 0.04 + curtailment γ = 0.002",
            GateRule(cut=CUT, delta=DELTA, alpha=0.04, beta=0.04),
        ),
        (
            "SPRT α = β = 0.05, no curtailment (previous)",
            GateRule(cut=CUT, delta=DELTA, alpha=0.05, beta=0.05, curtail=None),
        ),
    ]
    rows, per_seed = [], []
    for name, rule in rules:
        gate = Design(kind="gate", gate=rule, estimator="eap")
        stats = []
        for s, theta in enumerate(samples):
            res = run(bank, prior, gate, theta, np.random.default_rng(SEED + 100 * s))
            acc, acc_out = scores(theta[:, 0], res.passed == 1.0)
            stats.append((res.length.mean(), np.percentile(res.length, 95), acc, acc_out))
            per_seed.append([name, s + 1, f"{stats[-1][0]:.2f}", f"{acc:.4f}", f"{acc_out:.5f}"])
            print(per_seed[-1], flush=True)
        arr = np.array(stats)
        spread = f"{arr[:, 3].min():.5f}–{arr[:, 3].max():.5f}"
        rows.append(
            [
                name,
                f"{arr[:, 0].mean():.2f}",
                arr[:, 1].mean(),
                f"{arr[:, 2].mean():.4f}",
                f"{arr[:, 3].mean():.5f}",
                spread,
            ]
        )
        print(rows[-1], flush=True)
    theta = samples[0]
    for length in (10, 15, 20, 25, 30, 40):
        fixed = Design(kind="fixed", max_items=length, estimator="eap")
        res = run(bank, prior, fixed, theta, np.random.default_rng(SEED))
        acc, acc_out = scores(theta[:, 0], res.estimate[:, 0] >= CUT)
        rows.append(
            [f"fixed {length}", float(length), float(length), f"{acc:.4f}", f"{acc_out:.5f}", "(sample 1)"]
        )
        print(rows[-1], flush=True)
    md = (
        "## Psychometrics (c): gating, sequential vs fixed length\n\n"
        f"Cut θ = {CUT}, people N(0, 1), 1,000 items (a ~ U(0.8, 2.0), b ~ N(0, 1.2)), cap 40, "
        "EAP scoring. Accuracy = share of correct pass/fail decisions; outside = people more "
        f"than {DELTA} from the cut. Sequential rules: mean over {SEEDS} samples of "
        f"{PEOPLE:,} people ({SEEDS * PEOPLE:,} in all), with the range of the outside accuracy "
        f"across samples; fixed-length tests: sample 1 ({PEOPLE:,} people).\n\n"
        + table(
            ["rule", "mean length", "p95 length", "accuracy", "accuracy outside ±0.25", "outside, range"],
            rows,
        )
        + f"\n\nDefault rule against the targets (≥ 0.95 overall, ≥ 0.995 outside, mean length ≤ 15): "
        f"{rows[0][3]} overall, {rows[0][4]} outside ({rows[0][5]} across samples), {rows[0][1]} items."
        + "\n\nPer sample:\n\n"
        + table(["rule", "sample", "mean length", "accuracy", "accuracy outside ±0.25"], per_seed)
    )
    write_section("psychometrics-gate", md)


if __name__ == "__main__":
    main()
