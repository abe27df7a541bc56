"""(c) Gating at a cut: the sequential rule (SPRT) against fixed-length tests of 10–40 items.

1,000 items, one competence, people N(0, 1), cut θ = 0.5. SPRT: α = β = 0.05, indifference
±0.25, items most informative at the cut, 5–40 items, truncated decision θ̂ ≥ cut.
Fixed-length tests are adaptive (max information at θ̂) and decide θ̂ ≥ cut.
"""

from __future__ import annotations

import numpy as np

from acculture.psychometrics.posterior import Prior
from acculture.psychometrics.session import Design
from acculture.psychometrics.simulation import run
from acculture.psychometrics.stopping import GateRule
from bench._psy_common import SEED, bank_1d
from bench._report import table, write_section

PEOPLE = 4000
CUT = 0.5
DELTA = 0.25


def scores(theta: np.ndarray, passed: np.ndarray) -> tuple[float, float]:
    right = passed == (theta >= CUT)
    outside = np.abs(theta - CUT) > DELTA
    return float(right.mean()), float(right[outside].mean())


def main() -> None:
    bank = bank_1d()
    prior = Prior.equicorrelated(1, 0.0)
    theta = np.random.default_rng(SEED + 1).standard_normal((PEOPLE, 1))
    rows = []
    rule = GateRule(cut=CUT, delta=DELTA, alpha=0.05, beta=0.05, min_items=5, max_items=40)
    gate = Design(kind="gate", gate=rule, estimator="eap")
    res = run(bank, prior, gate, theta, np.random.default_rng(SEED))
    acc, acc_out = scores(theta[:, 0], res.passed == 1.0)
    rows.append(
        [
            "SPRT (α = β = 0.05, ±0.25)",
            res.length.mean(),
            np.percentile(res.length, 95),
            acc,
            acc_out,
        ]
    )
    print(rows[-1], flush=True)
    for length in (10, 15, 20, 25, 30, 40):
        fixed = Design(kind="fixed", max_items=length, estimator="eap")
        res = run(bank, prior, fixed, theta, np.random.default_rng(SEED))
        acc, acc_out = scores(theta[:, 0], res.estimate[:, 0] >= CUT)
        rows.append([f"fixed {length}", float(length), float(length), acc, acc_out])
        print(rows[-1], flush=True)
    md = (
        "## Psychometrics (c): gating, sequential vs fixed length\n\n"
        f"Cut θ = {CUT}, {PEOPLE} people N(0, 1), 1,000 items (a ~ U(0.8, 2.0), b ~ N(0, 1.2)), "
        "EAP scoring. Accuracy = share of correct pass/fail decisions; outside = people more "
        f"than {DELTA} from the cut.\n\n"
        + table(["rule", "mean length", "p95 length", "accuracy", "accuracy outside ±0.25"], rows)
    )
    write_section("psychometrics-gate", md)


if __name__ == "__main__":
    main()
