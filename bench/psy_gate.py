"""(c) Gating at a cut: the sequential rule (SPRT) against fixed-length tests of 10–40 items,
and against the two bounds that say how much accuracy any rule could still win.

1,000 items, one competence, people N(0, 1), cut θ = 0.5, indifference ±0.25, 5–40 items,
items most informative at the cut. The default gate: Wald's SPRT with α = β = 0.035 plus
stochastic curtailment at γ = 0.002, decision at the cap Λ ≥ midpoint of the bounds; the
previous rule (α = β = 0.05, no curtailment) is shown for comparison. Each sequential rule
runs on SEEDS samples of PEOPLE people (the same samples for every rule); the table gives
the mean over samples and the spread of the outside-the-indifference accuracy.
Fixed-length tests are adaptive (max information at θ̂), decide θ̂ ≥ cut, first sample only.

Bounds, on the same samples:
- *everyone answers all 40*: the 40 items most informative at the cut, decision by the
  likelihood ratio. No rule capped at 40 items gets more information about anyone, so this
  is (up to the decision rule) the most accuracy a cap of 40 allows, at 40 items each.
- *Bayes-optimal sequential test*: for the loss "one error per person more than δ from the
  cut, c per item", backward induction over the 2PL sufficient statistic S = Σ aᵢuᵢ on the
  same item sequence gives the stopping rule with the least expected loss (Lewis & Sheehan
  1990, "Using Bayesian decision theory to design a computerized mastery test"); c is
  chosen so that its mean length equals the default rule's. No rule of that mean length
  makes fewer errors outside the indifference region on average.
"""

from __future__ import annotations

import numpy as np

from acculture.psychometrics.model import ItemBank, grid_index
from acculture.psychometrics.posterior import Prior
from acculture.psychometrics.session import Design
from acculture.psychometrics.simulation import run
from acculture.psychometrics.stopping import GateRule
from bench._psy_common import SEED, bank_1d
from bench._report import table, write_section

PEOPLE = 10_000
SEEDS = 5
CUT = 0.5
DELTA = 0.25
CAP = 40
MIN_ITEMS = 5


def scores(theta: np.ndarray, passed: np.ndarray) -> tuple[float, float, int, int]:
    """Accuracy, accuracy outside the indifference region, errors outside, people outside."""
    right = passed == (theta >= CUT)
    outside = np.abs(theta - CUT) > DELTA
    errors = int((~right & outside).sum())
    return float(right.mean()), float(right[outside].mean()), errors, int(outside.sum())


class BayesOptimalGate:
    """The Bayes-optimal truncated sequential test on a fixed item sequence (bench only).

    With the items fixed in advance, the posterior after n answers depends only on
    S = Σ aᵢuᵢ: p(θ | n, S) ∝ φ(θ) exp(θS) / Πᵢ≤ₙ (1 + exp(aᵢ(θ − bᵢ))). The risk of
    stopping is r = min(P(θ > cut + δ), P(θ < cut − δ)) (the error left by the better
    decision) and V_n(S) = min(r_n(S), c + E[V_{n+1}(S + a_{n+1}U)]) backwards from
    V_cap = r_cap. Discrimination is rounded to steps of H so that S lives on a lattice.
    """

    H = 0.02

    def __init__(self, a: np.ndarray, b: np.ndarray, cost: float) -> None:
        self.k = np.rint(a / self.H).astype(np.int64)
        self.a = self.k * self.H
        self.b = b
        self.grid = np.linspace(-5.0, 5.0, 401)
        g = self.grid
        self.lognorm = np.zeros((len(a) + 1, g.size))
        for n in range(len(a)):
            self.lognorm[n + 1] = self.lognorm[n] + np.logaddexp(0.0, self.a[n] * (g - b[n]))
        self.stop = self._backward(cost)

    def _posterior(self, n: int, s: np.ndarray) -> np.ndarray:
        g = self.grid
        lw = -0.5 * g * g + np.outer(s * self.H, g) - self.lognorm[n]
        lw -= lw.max(axis=1, keepdims=True)
        w = np.exp(lw)
        return w / w.sum(axis=1, keepdims=True)

    def _sides(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return w[:, self.grid > CUT + DELTA].sum(axis=1), w[:, self.grid < CUT - DELTA].sum(axis=1)

    def _backward(self, cost: float) -> np.ndarray:
        cap = len(self.k)
        states = np.arange(self.k.sum() + 1)
        stop = np.zeros((cap + 1, states.size), dtype=bool)
        value = np.zeros(states.size)
        for n in range(cap, -1, -1):
            w = self._posterior(n, states)
            hi, lo = self._sides(w)
            risk = np.minimum(hi, lo)
            if n == cap:
                stop[n], value = True, risk
                continue
            p = w @ (1.0 / (1.0 + np.exp(-self.a[n] * (self.grid - self.b[n]))))
            step = self.k[n]
            after_right = np.concatenate([value[step:], np.full(step, value[-1])])
            go_on = cost + p * after_right + (1.0 - p) * value
            stop[n] = (risk <= go_on) if n >= MIN_ITEMS else False
            value = np.where(stop[n], risk, go_on)
        return stop

    def simulate(self, theta: np.ndarray, draws: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(length, passed) for people `theta` answering the sequence until the rule stops;
        the j-th answer is right when draws[:, j] < P_j(θ), as in the engine's simulator."""
        p = 1.0 / (1.0 + np.exp(-np.outer(theta, self.a) + self.a * self.b))
        right = draws[:, : len(self.k)] < p
        s = np.concatenate([np.zeros((theta.size, 1), np.int64), np.cumsum(right * self.k, axis=1)], axis=1)
        length = self.stop[np.arange(len(self.k) + 1), s].argmax(axis=1)
        hi, lo = self._sides(self._posterior_at(length, s[np.arange(theta.size), length]))
        return length, hi > lo

    def _posterior_at(self, n: np.ndarray, s: np.ndarray) -> np.ndarray:
        g = self.grid
        lw = -0.5 * g * g + np.outer(s * self.H, g) - self.lognorm[n]
        lw -= lw.max(axis=1, keepdims=True)
        w = np.exp(lw)
        return w / w.sum(axis=1, keepdims=True)


def engine_draws(seed: int, people: int, design: Design) -> np.ndarray:
    """The uniform numbers `simulation.run` draws for each person with this seed (no other
    draw happens when the gate takes the best item at the cut), so the bound answers with
    the very same answers as the rules it is compared with."""
    rng = np.random.default_rng(seed)
    return np.stack([rng.random(design.max_items * 2 + 8) for _ in range(people)])


def bayes_optimal_at_length(
    bank: ItemBank, samples: list[np.ndarray], draws: list[np.ndarray], length: float
) -> tuple[float, list]:
    """The cost per item whose Bayes-optimal rule has mean length ≈ `length`, and its runs."""
    order = np.argsort(-bank.info_table[grid_index(CUT)], kind="stable")[:CAP]
    a, b = bank.a[order], bank.b[order]
    low, high = -6.0, -2.0  # log10 of the cost per item
    for _ in range(12):
        mid = (low + high) / 2
        rule = BayesOptimalGate(a, b, 10.0**mid)
        mean = np.mean([rule.simulate(t[:, 0], d)[0].mean() for t, d in zip(samples, draws, strict=True)])
        low, high = (mid, high) if mean > length else (low, mid)
    rule = BayesOptimalGate(a, b, 10.0 ** ((low + high) / 2))
    return 10.0 ** ((low + high) / 2), [
        rule.simulate(t[:, 0], d) for t, d in zip(samples, draws, strict=True)
    ]


def summary(name: str, stats: list[tuple[float, float, float, float, int, int]]) -> list[object]:
    arr = np.array(stats, dtype=float)
    errors, outside = arr[:, 4].sum(), arr[:, 5].sum()
    pooled = 1 - errors / outside
    se = np.sqrt(pooled * (1 - pooled) / arr[:, 5].mean())
    return [
        name,
        f"{arr[:, 0].mean():.2f}",
        f"{arr[:, 1].mean():.1f}",
        f"{arr[:, 2].mean():.4f}",
        f"{pooled:.5f}",
        f"{int(errors)} of {int(outside):,}",
        f"{arr[:, 3].min():.5f}–{arr[:, 3].max():.5f}",
        f"{se:.5f}",
        f"{int((arr[:, 3] >= 0.995).sum())} of {len(arr)}",
    ]


def main() -> None:
    bank = bank_1d()
    prior = Prior.equicorrelated(1, 0.0)
    samples = [np.random.default_rng(SEED + 1 + 100 * s).standard_normal((PEOPLE, 1)) for s in range(SEEDS)]
    rules = [
        ("SPRT α = β = 0.035 + curtailment γ = 0.002 (default)", GateRule(cut=CUT, delta=DELTA)),
        (
            "SPRT α = β = 0.05, no curtailment (previous)",
            GateRule(cut=CUT, delta=DELTA, alpha=0.05, beta=0.05, curtail=None),
        ),
        (
            "bound: everyone answers all 40 items most informative at the cut",
            GateRule(cut=CUT, delta=DELTA, alpha=1e-12, beta=1e-12, curtail=None),
        ),
    ]
    rows, per_seed = [], []
    for name, rule in rules:
        gate = Design(kind="gate", gate=rule, estimator="eap")
        stats = []
        for s, theta in enumerate(samples):
            res = run(bank, prior, gate, theta, np.random.default_rng(SEED + 100 * s))
            acc, acc_out, errors, outside = scores(theta[:, 0], res.passed == 1.0)
            stats.append((res.length.mean(), np.percentile(res.length, 95), acc, acc_out, errors, outside))
            per_seed.append([name, s + 1, f"{stats[-1][0]:.2f}", f"{acc:.4f}", f"{acc_out:.5f}", errors])
            print(per_seed[-1], flush=True)
        rows.append(summary(name, stats))
        print(rows[-1], flush=True)
    default_length = float(rows[0][1])
    gate = Design(kind="gate", gate=rules[0][1], estimator="eap")
    draws = [engine_draws(SEED + 100 * s, PEOPLE, gate) for s in range(SEEDS)]
    cost, runs = bayes_optimal_at_length(bank, samples, draws, default_length)
    name = f"bound: Bayes-optimal sequential test at the same mean length (cost per item {cost:.2g})"
    stats = []
    for s, (theta, (length, passed)) in enumerate(zip(samples, runs, strict=True)):
        acc, acc_out, errors, outside = scores(theta[:, 0], passed)
        stats.append((length.mean(), np.percentile(length, 95), acc, acc_out, errors, outside))
        per_seed.append([name, s + 1, f"{length.mean():.2f}", f"{acc:.4f}", f"{acc_out:.5f}", errors])
    rows.append(summary(name, stats))
    print(rows[-1], flush=True)
    theta = samples[0]
    for length in (10, 15, 20, 25, 30, 40):
        fixed = Design(kind="fixed", max_items=length, estimator="eap")
        res = run(bank, prior, fixed, theta, np.random.default_rng(SEED))
        acc, acc_out, _, _ = scores(theta[:, 0], res.estimate[:, 0] >= CUT)
        rows.append(
            [
                f"fixed {length}",
                float(length),
                float(length),
                f"{acc:.4f}",
                f"{acc_out:.5f}",
                "(sample 1)",
                "",
                "",
            ]
        )
    default, everyone, optimal = rows[0], rows[2], rows[3]
    md = (
        "## Psychometrics (c): gating, sequential vs fixed length\n\n"
        f"Cut θ = {CUT}, people N(0, 1), 1,000 items (a ~ U(0.8, 2.0), b ~ N(0, 1.2)), cap {CAP}, "
        "EAP scoring. Accuracy = share of correct pass/fail decisions; outside = people more "
        f"than {DELTA} from the cut. Sequential rules and bounds: {SEEDS} samples of "
        f"{PEOPLE:,} people ({SEEDS * PEOPLE:,} in all, the same people for every rule); "
        "*outside, pooled* is over all of them, with the range across samples, the standard "
        "error of one sample's figure, and how many samples reach 0.995. Fixed-length "
        f"tests: sample 1 ({PEOPLE:,} people).\n\n"
        + table(
            [
                "rule",
                "mean length",
                "p95 length",
                "accuracy",
                "accuracy outside ±0.25, pooled",
                "errors outside",
                "outside, range over samples",
                "standard error of one sample",
                "samples ≥ 0.995",
            ],
            rows,
        )
        + f"\n\nDefault rule against the targets (≥ 0.95 overall, ≥ 0.995 outside, mean length ≤ 15): "
        f"{default[3]} overall, {default[4]} outside pooled over {SEEDS * PEOPLE:,} people "
        f"({default[6]} across samples), {default[1]} items on average."
        "\n\nWhat the bounds say: giving *everyone* the 40 items most informative at the cut "
        f"reaches {everyone[4]} outside ({everyone[5]} errors), and the Bayes-optimal "
        f"sequential test of the default's mean length, on the very same answers, reaches "
        f"{optimal[4]} ({optimal[5]} errors, against {default[5]} for the default rule). "
        "The accuracy outside ±0.25 is limited by the information 40 items at the cut carry, "
        "not by the stopping rule: no rule of that mean length makes fewer errors on average, "
        f"and one sample of {PEOPLE:,} people varies by about {default[7]} (one standard "
        "error), so the 0.995 target is met on average but no rule capped at 40 items can "
        "promise it on every sample of that size."
        + "\n\nPer sample:\n\n"
        + table(
            ["rule", "sample", "mean length", "accuracy", "accuracy outside ±0.25", "errors outside"],
            per_seed,
        )
    )
    write_section("psychometrics-gate", md)


if __name__ == "__main__":
    main()
