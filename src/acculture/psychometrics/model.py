"""The 2PL item response model and the item bank held as numpy arrays.

P(correct | θ) = 1 / (1 + exp(−a (θ − b))); Fisher information I(θ) = a² P (1 − P).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

PRACTICE = 1
CERTIFICATION = 2
PRETEST = 4
USAGE_FLAGS: dict[str, int] = {
    "practice": PRACTICE,
    "certification": CERTIFICATION,
    "pretest": PRETEST,
}
DEFAULT_USAGE = PRACTICE | CERTIFICATION

# Information is tabulated on this grid so that scoring 1,000 candidates is one gather
# instead of an exp per item per step; 0.025 in θ moves information by well under 1 %.
GRID_LOW, GRID_HIGH, GRID_STEP = -5.0, 5.0, 0.025
GRID_SIZE = round((GRID_HIGH - GRID_LOW) / GRID_STEP) + 1


def probability(theta: FloatArray | float, a: FloatArray | float, b: FloatArray | float) -> Any:
    """P(correct) = 1 / (1 + exp(−a (θ − b)))."""
    return 1.0 / (1.0 + np.exp(-np.asarray(a) * (np.asarray(theta) - np.asarray(b))))


def information(theta: FloatArray | float, a: FloatArray | float, b: FloatArray | float) -> Any:
    """Fisher information of a 2PL item: I(θ) = a² P(θ) (1 − P(θ))."""
    p = probability(theta, a, b)
    return np.asarray(a) ** 2 * p * (1.0 - p)


def grid_index(theta: float) -> int:
    """Index of the information grid point nearest θ (clipped to [−5, 5])."""
    i = round((theta - GRID_LOW) / GRID_STEP)
    return 0 if i < 0 else (GRID_SIZE - 1 if i >= GRID_SIZE else i)


def parse_usage(value: Iterable[str] | int | None, item_id: str = "?") -> int:
    """Usage flags from a list such as ["practice", "pretest"]; None = practice + certification."""
    if value is None:
        return DEFAULT_USAGE
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        value = [value]
    flags = 0
    for name in value:
        if name not in USAGE_FLAGS:
            raise ValueError(
                f"Item {item_id!r}: unknown usage {name!r} (expected one of {sorted(USAGE_FLAGS)})"
            )
        flags |= USAGE_FLAGS[name]
    if flags == PRETEST:
        flags |= PRACTICE
    return flags


@dataclass(eq=False)
class ItemBank:
    """An immutable, validated item bank. Build it with `ItemBank.from_rows` or `ItemBank.build`.

    Arrays are aligned by item index: competence index, a, b, usage flags, topic index and
    Sympson–Hetter exposure rates (probability of administering an item once selected).
    """

    ids: tuple[str, ...]
    competences: tuple[str, ...]
    competence: IntArray
    a: FloatArray
    b: FloatArray
    usage: NDArray[np.int8]
    topic: IntArray
    topics: tuple[str, ...]
    exposure: FloatArray
    index: dict[str, int] = field(repr=False)
    by_competence: tuple[IntArray, ...] = field(repr=False)
    by_topic: tuple[IntArray, ...] = field(repr=False)
    _info: FloatArray | None = field(default=None, repr=False)
    _item_range: IntArray | None = field(default=None, repr=False)
    _lik: dict[bytes, tuple[FloatArray, FloatArray]] = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def n_competences(self) -> int:
        return len(self.competences)

    @classmethod
    def build(
        cls,
        *,
        ids: Sequence[str],
        competence: Sequence[int] | IntArray,
        a: Sequence[float] | FloatArray,
        b: Sequence[float] | FloatArray,
        competences: Sequence[str] | int,
        usage: Sequence[int] | NDArray[np.int8] | None = None,
        topic: Sequence[str | None] | None = None,
        exposure: Sequence[float] | FloatArray | None = None,
    ) -> ItemBank:
        """Validate aligned columns and build the bank (raises ValueError naming the item)."""
        ids = tuple(str(i) for i in ids)
        n = len(ids)
        if isinstance(competences, int):
            competences = tuple(f"c{k + 1}" for k in range(competences))
        competences = tuple(competences)
        k_count = len(competences)
        if k_count == 0:
            raise ValueError("An item bank needs at least one competence")
        comp = np.asarray(competence, dtype=np.int64).reshape(-1)
        a_arr = np.asarray(a, dtype=np.float64).reshape(-1)
        b_arr = np.asarray(b, dtype=np.float64).reshape(-1)
        use = (
            np.full(n, DEFAULT_USAGE, dtype=np.int8)
            if usage is None
            else np.asarray(usage, dtype=np.int8).reshape(-1)
        )
        rates = np.ones(n) if exposure is None else np.asarray(exposure, dtype=np.float64).reshape(-1)
        for name, arr in (("competence", comp), ("a", a_arr), ("b", b_arr), ("usage", use)):
            if len(arr) != n:
                raise ValueError(f"Column {name!r} has {len(arr)} values for {n} items")
        if len(rates) != n:
            raise ValueError(f"Column 'exposure' has {len(rates)} values for {n} items")
        seen: dict[str, int] = {}
        for i, item_id in enumerate(ids):
            if item_id in seen:
                raise ValueError(f"Item {item_id!r}: duplicate id (rows {seen[item_id]} and {i})")
            seen[item_id] = i
        for i in range(n):
            if not 0 <= comp[i] < k_count:
                raise ValueError(f"Item {ids[i]!r}: unknown competence index {comp[i]}")
            if not math.isfinite(a_arr[i]) or a_arr[i] <= 0:
                raise ValueError(f"Item {ids[i]!r}: discrimination a must be finite and > 0, got {a_arr[i]}")
            if not math.isfinite(b_arr[i]):
                raise ValueError(f"Item {ids[i]!r}: difficulty b must be finite, got {b_arr[i]}")
            if not 0 < rates[i] <= 1 or not math.isfinite(rates[i]):
                raise ValueError(f"Item {ids[i]!r}: exposure rate must be in (0, 1], got {rates[i]}")
        topic_names: list[str] = []
        topic_index: dict[str, int] = {}
        topic_arr = np.full(n, -1, dtype=np.int64)
        if topic is not None:
            for i, t in enumerate(topic):
                if t is None or t == "":
                    continue
                if t not in topic_index:
                    topic_index[t] = len(topic_names)
                    topic_names.append(t)
                topic_arr[i] = topic_index[t]
        for arr in (comp, a_arr, b_arr, use, topic_arr, rates):
            arr.setflags(write=False)
        return cls(
            ids=ids,
            competences=competences,
            competence=comp,
            a=a_arr,
            b=b_arr,
            usage=use,
            topic=topic_arr,
            topics=tuple(topic_names),
            exposure=rates,
            index=seen,
            by_competence=tuple(np.flatnonzero(comp == k) for k in range(k_count)),
            by_topic=tuple(np.flatnonzero(topic_arr == t) for t in range(len(topic_names))),
        )

    @classmethod
    def from_rows(
        cls, rows: Iterable[Mapping[str, Any]], competences: Sequence[str] | None = None
    ) -> ItemBank:
        """Build from rows {"id", "competence", "a", "b", optional "usage", "topic", "exposure"}.

        `competence` is a code from `competences` (or an integer index). When `competences` is
        None the codes met in the rows are used, in sorted order.
        """
        rows = list(rows)
        for r in rows:
            for key in ("id", "competence", "a", "b"):
                if key not in r:
                    raise ValueError(f"Item {r.get('id', '?')!r}: missing field {key!r}")
        if competences is None:
            codes = {r["competence"] for r in rows}
            if all(isinstance(c, int) for c in codes):
                competences = [f"c{k + 1}" for k in range(max(codes, default=-1) + 1)]
            else:
                competences = sorted(str(c) for c in codes)
        code_index = {c: k for k, c in enumerate(competences)}
        comp: list[int] = []
        for r in rows:
            c = r["competence"]
            if isinstance(c, int | np.integer) and not isinstance(c, bool):
                comp.append(int(c))
            elif c in code_index:
                comp.append(code_index[c])
            else:
                raise ValueError(f"Item {r['id']!r}: unknown competence {c!r}")

        def number(r: Mapping[str, Any], key: str) -> float:
            try:
                return float(r[key])
            except (TypeError, ValueError):
                raise ValueError(f"Item {r['id']!r}: {key} is not a number: {r[key]!r}") from None

        return cls.build(
            ids=[str(r["id"]) for r in rows],
            competence=comp,
            a=[number(r, "a") for r in rows],
            b=[number(r, "b") for r in rows],
            competences=competences,
            usage=[parse_usage(r.get("usage"), str(r["id"])) for r in rows],
            topic=[r.get("topic") for r in rows],
            exposure=[float(r.get("exposure", 1.0)) for r in rows],
        )

    def with_exposure(self, rates: FloatArray) -> ItemBank:
        """A copy of the bank with new Sympson–Hetter rates."""
        return ItemBank.build(
            ids=self.ids,
            competence=self.competence,
            a=self.a,
            b=self.b,
            competences=self.competences,
            usage=self.usage,
            topic=[self.topics[t] if t >= 0 else None for t in self.topic],
            exposure=np.clip(rates, 1e-3, 1.0),
        )

    def scored_pool(self, mode: str) -> BoolArray:
        """Items that may be scored in `mode` ("practice" or "certification"): never pretest."""
        flag = _mode_flag(mode)
        return ((self.usage & flag) != 0) & ((self.usage & PRETEST) == 0)

    def pretest_pool(self, mode: str) -> BoolArray:
        """Pretest items that may be seeded (unscored) in `mode`."""
        flag = _mode_flag(mode)
        return ((self.usage & flag) != 0) & ((self.usage & PRETEST) != 0)

    @property
    def info_table(self) -> FloatArray:
        """Item information on the θ grid, grid-major: info_table[g, i] = Iᵢ(θ_g)."""
        if self._info is None:
            grid = np.linspace(GRID_LOW, GRID_HIGH, GRID_SIZE)
            table = information(grid[:, None], self.a[None, :], self.b[None, :])
            self._info = np.ascontiguousarray(table, dtype=np.float64)
        return self._info

    @property
    def item_range(self) -> IntArray:
        """0 … size − 1, kept to avoid re-allocating it at every selection."""
        if self._item_range is None:
            self._item_range = np.arange(self.size, dtype=np.int64)
        return self._item_range

    def grid_likelihood(self, grid: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Tables P_i(θ_g) and 1 − P_i(θ_g) for a posterior grid (cached per grid)."""
        key = np.ascontiguousarray(grid).tobytes()
        if key not in self._lik:
            right = probability(grid[None, :], self.a[:, None], self.b[:, None])
            self._lik[key] = (right, 1.0 - right)
        return self._lik[key]

    def version(self) -> str:
        """A short digest of ids and parameters: use it as a cache key."""
        h = hashlib.sha256()
        h.update("\x1f".join(self.ids).encode())
        for arr in (self.competence, self.a, self.b, self.usage, self.topic, self.exposure):
            h.update(np.ascontiguousarray(arr).tobytes())
        return h.hexdigest()[:16]

    def to_rows(self) -> list[dict[str, Any]]:
        """Rows in the `from_rows` format (used by `acculture simulate --bank`)."""
        names = {v: k for k, v in USAGE_FLAGS.items()}
        return [
            {
                "id": self.ids[i],
                "competence": self.competences[self.competence[i]],
                "a": float(self.a[i]),
                "b": float(self.b[i]),
                "usage": [names[f] for f in (1, 2, 4) if self.usage[i] & f],
                **({"topic": self.topics[self.topic[i]]} if self.topic[i] >= 0 else {}),
            }
            for i in range(self.size)
        ]


def _mode_flag(mode: str) -> int:
    if mode == "practice":
        return PRACTICE
    if mode == "certification":
        return CERTIFICATION
    raise ValueError(f"Unknown mode {mode!r} (expected 'practice' or 'certification')")


def random_bank(
    rng: np.random.Generator,
    *,
    items: int = 960,
    competences: int = 16,
    a_low: float = 0.8,
    a_high: float = 2.0,
    b_sd: float = 1.2,
    topics_per_competence: int = 0,
) -> ItemBank:
    """A synthetic bank: items dealt round-robin to competences, a ~ U(a_low, a_high),
    b ~ N(0, b_sd²)."""
    if items < competences or competences < 1:
        raise ValueError(f"Need at least one item per competence ({items} items, {competences} competences)")
    comp = np.arange(items) % competences
    topic: list[str | None] | None = None
    if topics_per_competence > 0:
        topic = [f"c{c + 1}-t{(i // competences) % topics_per_competence}" for i, c in enumerate(comp)]
    return ItemBank.build(
        ids=[f"i{i:05d}" for i in range(items)],
        competence=comp,
        a=rng.uniform(a_low, a_high, items),
        b=rng.normal(0.0, b_sd, items),
        competences=competences,
        topic=topic,
    )
