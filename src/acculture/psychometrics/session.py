"""One person's adaptive test: the engine the Django apps and the simulator both drive.

Per answer: `next_item` (selection, or an unscored pretest item) → `record` (posterior
update, gate log-likelihood ratio) → `decision` (stopping rule). The whole state
round-trips through `to_dict` / `from_dict` (JSON-ready) so nothing lives between requests.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np

from acculture.psychometrics.levels import LevelScale, band
from acculture.psychometrics.model import BoolArray, FloatArray, IntArray, ItemBank, grid_index
from acculture.psychometrics.posterior import (
    GridPosterior,
    LaplacePosterior,
    Posterior,
    Prior,
    posterior_from_dict,
)
from acculture.psychometrics.selection import (
    SelectionRules,
    availability_penalty,
    select_item,
    select_pretest,
)
from acculture.psychometrics.stopping import (
    GateRule,
    StopDecision,
    chance_to_pass_at_cap,
    fixed_stop,
    profile_stop,
    sprt_increment,
    sprt_increments,
)

# Gauss–Hermite nodes for E[f(θ)] under a normal (Laplace) posterior, used by curtailment.
_GH_X, _GH_W = np.polynomial.hermite_e.hermegauss(15)
_GH_W = _GH_W / _GH_W.sum()

STATE_VERSION = 1


@dataclass(frozen=True)
class Design:
    """How a test runs.

    - profile: D-optimal items (restricted to competences above `target_sd`), stop when
      every SD < `target_sd` after `min_items`, or at `max_items`.
    - gate: items most informative at `gate.cut` on `gate_competence`, SPRT with stochastic
      curtailment / credible-interval stop (see `GateRule`); the outcome is pass/fail.
    - fixed: D-optimal items, exactly `max_items` of them.
    `estimator` "eap" (grid) is available for one competence; "map" is the Laplace posterior.
    """

    kind: Literal["profile", "gate", "fixed"] = "profile"
    mode: Literal["practice", "certification"] = "practice"
    target_sd: float = 0.5
    min_items: int = 0
    max_items: int = 60
    gate: GateRule | None = None
    gate_competence: int = 0
    estimator: Literal["map", "eap"] = "map"
    restrict_to_open: bool = True
    selection: SelectionRules = field(default_factory=SelectionRules)

    def __post_init__(self) -> None:
        if self.kind not in ("profile", "gate", "fixed"):
            raise ValueError(f"Unknown design {self.kind!r} (expected profile, gate or fixed)")
        if self.kind == "gate" and self.gate is None:
            raise ValueError("A gate design needs a GateRule (its cut)")
        if not 0 <= self.min_items <= self.max_items:
            raise ValueError(f"Need 0 ≤ min_items ≤ max_items, got {self.min_items}, {self.max_items}")
        if self.target_sd <= 0:
            raise ValueError(f"target_sd must be > 0, got {self.target_sd}")

    def rules(self) -> SelectionRules:
        """Selection rules implied by the design on top of `selection`."""
        if self.kind == "gate":
            assert self.gate is not None
            return replace(self.selection, at=self.gate.cut, max_items=self.gate.max_items)
        target = self.target_sd if self.kind == "profile" and self.restrict_to_open else None
        return replace(self.selection, target_sd=target, max_items=self.max_items)


class Session:
    """The state of one person's test against one bank."""

    def __init__(self, bank: ItemBank, prior: Prior, design: Design) -> None:
        if prior.k != bank.n_competences:
            raise ValueError(f"Prior has {prior.k} competences, bank has {bank.n_competences}")
        self.bank = bank
        self.prior = prior
        self.design = design
        self.rules = design.rules()
        if design.estimator == "eap":
            self.posterior: Posterior = GridPosterior(prior)
            self._lik = bank.grid_likelihood(self.posterior.grid)
        else:
            self.posterior = LaplacePosterior(prior)
        self.seen: list[int] = []
        self.scored: list[tuple[int, bool]] = []
        self.pretest: list[tuple[int, bool]] = []
        self.counts: IntArray = np.zeros(bank.n_competences, dtype=np.int64)
        self.llr = 0.0
        self.last_topic = -1
        self.available: BoolArray = bank.scored_pool(design.mode)
        if design.kind == "gate":
            self.available &= bank.competence == design.gate_competence
        self.penalty = availability_penalty(self.available)
        self.pretest_available: BoolArray = bank.pretest_pool(design.mode)
        self.offered: FloatArray | None = None
        self.set_aside: list[int] = []
        self._gate_order: IntArray | None = None
        self._gate_steps: tuple[FloatArray, FloatArray] = (np.zeros(0), np.zeros(0))

    @property
    def n_scored(self) -> int:
        return len(self.scored)

    def next_item(self, rng: np.random.Generator) -> int | None:
        """The next item to show (scored, or with probability `pretest_rate` an unscored
        pretest item); None when no eligible item is left. Never an item already seen."""
        rate = self.rules.pretest_rate
        if rate > 0 and rng.random() < rate:
            item = select_pretest(self.bank, self.pretest_available, rng)
            if item is not None:
                return item
        post = self.posterior
        lost: list[int] = []
        item = select_item(
            self.bank,
            theta=post.mean,
            cov=post.cov,
            penalty=self.penalty,
            counts=self.counts,
            n_scored=len(self.scored),
            rules=self.rules,
            rng=rng,
            last_topic=self.last_topic,
            offered=self.offered,
            rejected=lost,
        )
        if lost:
            self.set_aside.extend(lost)
            self.penalty[lost] = -np.inf
        return item

    def exclude(self, items: list[int]) -> None:
        """Never offer these items (seen elsewhere, e.g. in practice); kept in the state
        with the items set aside by exposure control, so it survives `to_dict`."""
        self.set_aside.extend(i for i in items if i not in self.set_aside)
        self.available[items] = False
        self.pretest_available[items] = False
        self.penalty[items] = -np.inf

    def record(self, item: int, correct: bool) -> None:
        """Record an answer to `item`: pretest items are kept for calibration only."""
        bank = self.bank
        if not 0 <= item < bank.size:
            raise ValueError(f"Item index {item} outside the bank")
        if item in self.seen:
            raise ValueError(f"Item {bank.ids[item]!r} was already answered in this session")
        self.seen.append(item)
        self.last_topic = int(bank.topic[item])
        if self.pretest_available[item]:
            self.pretest_available[item] = False
            self.pretest.append((item, bool(correct)))
            return
        self.available[item] = False
        self.penalty[item] = -np.inf
        k = int(bank.competence[item])
        a = float(bank.a[item])
        b = float(bank.b[item])
        self.scored.append((item, bool(correct)))
        self.counts[k] += 1
        post = self.posterior
        if isinstance(post, GridPosterior):
            post.update(k, a, b, correct, self._lik[0 if correct else 1][item])
        else:
            post.update(k, a, b, correct)
        gate = self.design.gate
        if gate is not None and k == self.design.gate_competence:
            self.llr += sprt_increment(a, b, correct, cut=gate.cut, delta=gate.delta)

    def decision(self) -> StopDecision:
        """Apply the design's stopping rule."""
        d = self.design
        n = len(self.scored)
        if d.kind == "gate":
            assert d.gate is not None
            k = d.gate_competence
            post = self.posterior
            mean, sd = float(post.mean[k]), float(np.sqrt(post.cov[k, k]))
            gate = d.gate
            chance = None
            if (
                gate.curtail is not None
                and gate.min_items <= n < gate.max_items
                and gate.lower < self.llr < gate.upper
            ):
                chance = self.chance_to_pass()
            return gate.decide(self.llr, mean, sd, n, chance)
        if d.kind == "fixed":
            return fixed_stop(n, length=d.max_items)
        return profile_stop(
            self.posterior.sd,
            n,
            target_sd=d.target_sd,
            min_items=d.min_items,
            max_items=d.max_items,
        )

    def chance_to_pass(self) -> float:
        """Gate: posterior predictive probability that the decision at `max_items` is a pass.

        The remaining items are taken to be the ones the gate would choose next (the most
        informative at the cut among those still available); θ is integrated over the
        current posterior (its grid for EAP, 15 Gauss–Hermite nodes for the Laplace one).
        """
        gate = self.design.gate
        assert gate is not None
        if self._gate_order is None:
            # Fixed per bank and cut: items by information at the cut, and their increments.
            bank = self.bank
            self._gate_order = np.argsort(-bank.info_table[grid_index(gate.cut)], kind="stable")
            self._gate_steps = sprt_increments(bank.a, bank.b, cut=gate.cut, delta=gate.delta)
        left = gate.max_items - len(self.scored)
        order = self._gate_order
        pick = order[np.isfinite(self.penalty[order])][: max(left, 0)]
        right, wrong = self._gate_steps[0][pick], self._gate_steps[1][pick]
        post = self.posterior
        if isinstance(post, GridPosterior):
            p, weights = self._lik[0][pick], post.weights
        else:
            k = self.design.gate_competence
            nodes = float(post.mean[k]) + float(np.sqrt(post.cov[k, k])) * _GH_X
            a, b = self.bank.a[pick], self.bank.b[pick]
            p = 1.0 / (1.0 + np.exp(-a[:, None] * (nodes[None, :] - b[:, None])))
            weights = _GH_W
        return chance_to_pass_at_cap(self.llr, gate.midpoint, right, wrong, p, weights)

    def result(self, scale: LevelScale | None = None) -> list[dict[str, Any]]:
        """Per competence: code, θ̂, SD, level (0–8, one decimal), band, items answered."""
        scale = scale or LevelScale.default()
        post = self.posterior
        out = []
        for k, code in enumerate(self.bank.competences):
            level = scale.level(float(post.mean[k]))
            out.append(
                {
                    "competence": code,
                    "theta": float(post.mean[k]),
                    "sd": float(np.sqrt(post.cov[k, k])),
                    "level": level,
                    "band": band(level),
                    "items": int(self.counts[k]),
                }
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready state; item references are ids so a re-ordered bank still resumes."""
        ids = self.bank.ids
        return {
            "v": STATE_VERSION,
            "posterior": self.posterior.to_dict(),
            "scored": [[ids[i], int(u)] for i, u in self.scored],
            "pretest": [[ids[i], int(u)] for i, u in self.pretest],
            "seen": [ids[i] for i in self.seen],
            "set_aside": [ids[i] for i in self.set_aside],
            "llr": self.llr,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], bank: ItemBank, prior: Prior, design: Design) -> Session:
        """Resume a session saved with `to_dict` (raises ValueError on a foreign state)."""
        if data.get("v") != STATE_VERSION:
            raise ValueError(f"Unknown session state version {data.get('v')!r}")
        session = cls(bank, prior, design)
        try:
            seen = [bank.index[i] for i in data["seen"]]
            scored = [(bank.index[i], bool(u)) for i, u in data["scored"]]
            pretest = [(bank.index[i], bool(u)) for i, u in data["pretest"]]
            set_aside = [bank.index[i] for i in data.get("set_aside", [])]
        except KeyError as exc:
            raise ValueError(f"Session refers to item {exc.args[0]!r}, not in this bank") from None
        session.posterior = posterior_from_dict(data["posterior"], prior)
        session.seen, session.scored, session.pretest = seen, scored, pretest
        session.llr = float(data["llr"])
        for i, _ in scored:
            session.counts[bank.competence[i]] += 1
        session.available[seen] = False
        session.penalty[seen] = -np.inf
        session.set_aside = set_aside
        session.penalty[set_aside] = -np.inf
        session.pretest_available[seen] = False
        session.last_topic = int(bank.topic[seen[-1]]) if seen else -1
        return session
