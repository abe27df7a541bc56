"""Posterior over a person's ability vector θ (one coordinate per competence).

Prior θ ~ N(μ, Σ) with correlated competences. Each answer is a 2PL likelihood on one
coordinate, so the log posterior is

    ℓ(θ) = −½ (θ − μ)ᵀ P₀ (θ − μ) + Σᵢ [uᵢ log pᵢ + (1 − uᵢ) log(1 − pᵢ)],  P₀ = Σ⁻¹,

its gradient is g = s(θ) − P₀(θ − μ) with s_k = Σ_{i on k} aᵢ (uᵢ − pᵢ), and its negative
Hessian is H = P₀ + diag(w) with w_k = Σ_{i on k} aᵢ² pᵢ (1 − pᵢ). The Laplace posterior is
N(θ̂, H⁻¹) at the MAP θ̂.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from acculture.psychometrics.model import FloatArray, IntArray

NEWTON_TOL = 1e-4
NEWTON_MAX = 12
# Above this relative change of a competence's information the covariance is corrected.
INFO_RTOL = 0.05
GRID_POINTS = 61


@dataclass(frozen=True)
class Prior:
    """θ ~ N(mean, cov); `precision` = cov⁻¹ is computed once."""

    mean: FloatArray
    cov: FloatArray
    precision: FloatArray

    @classmethod
    def from_cov(cls, cov: FloatArray, mean: FloatArray | None = None) -> Prior:
        """Validate a symmetric positive definite covariance and invert it (Cholesky)."""
        cov = np.array(cov, dtype=np.float64)
        if cov.ndim != 2 or cov.shape[0] != cov.shape[1]:
            raise ValueError(f"Prior covariance must be square, got shape {cov.shape}")
        if not np.all(np.isfinite(cov)) or not np.allclose(cov, cov.T, atol=1e-10):
            raise ValueError("Prior covariance must be finite and symmetric")
        try:
            chol = np.linalg.cholesky(cov)
        except np.linalg.LinAlgError:
            raise ValueError("Prior covariance is not positive definite") from None
        inv_chol = np.linalg.inv(chol)
        precision = inv_chol.T @ inv_chol
        k = cov.shape[0]
        mu = np.zeros(k) if mean is None else np.array(mean, dtype=np.float64).reshape(k)
        return cls(mean=mu, cov=cov, precision=(precision + precision.T) / 2)

    @classmethod
    def equicorrelated(cls, k: int, rho: float, sd: float = 1.0) -> Prior:
        """Σ = sd² [(1 − ρ) I + ρ 11ᵀ]; positive definite for −1/(k−1) < ρ < 1."""
        if not (-1.0 / max(k - 1, 1) < rho < 1.0) and k > 1:
            raise ValueError(f"Correlation {rho} gives no valid covariance for {k} competences")
        cov = sd * sd * ((1 - rho) * np.eye(k) + rho * np.ones((k, k)))
        return cls.from_cov(cov)

    @property
    def k(self) -> int:
        return len(self.mean)


class LaplacePosterior:
    """MAP θ̂ and Laplace covariance C = (P₀ + diag(w))⁻¹, updated one answer at a time.

    An answer on competence k with information I at θ̂ₖ changes H by I eₖeₖᵀ, so C is
    updated by Sherman–Morrison, C ← C − I C eₖ eₖᵀ C / (1 + I Cₖₖ), in O(K²); θ̂ is then
    moved by chord-Newton steps θ ← θ + C g(θ) that reuse C.
    """

    __slots__ = ("_a", "_b", "_comp", "_u", "cov", "info", "mean", "n", "prior")

    def __init__(self, prior: Prior, capacity: int = 64) -> None:
        self.prior = prior
        self.mean = prior.mean.copy()
        self.cov = prior.cov.copy()
        self.info = np.zeros(prior.k)
        self.n = 0
        self._comp = np.zeros(capacity, dtype=np.int64)
        self._a = np.zeros(capacity)
        self._b = np.zeros(capacity)
        self._u = np.zeros(capacity)

    @property
    def k(self) -> int:
        return self.prior.k

    @property
    def sd(self) -> FloatArray:
        """Posterior SD per competence: √Cₖₖ."""
        return np.sqrt(np.diagonal(self.cov))

    def _grow(self) -> None:
        cap = 2 * len(self._a)
        for name in ("_comp", "_a", "_b", "_u"):
            old = getattr(self, name)
            new = np.zeros(cap, dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)

    def update(self, k: int, a: float, b: float, correct: bool | float) -> None:
        """Add one scored answer u ∈ {0, 1} to item (a, b) on competence k and re-fit θ̂, C.

        First the new likelihood is combined with the current Gaussian marginal N(θ̂ₖ, Cₖₖ)
        by scalar Newton on t = θₖ (the other coordinates follow by regression,
        θⱼ += Cⱼₖ/Cₖₖ Δt); then C gets the rank-one update with I(t); then full chord-Newton
        steps θ ← θ + C g(θ) re-evaluate every answer until the step is below 1e-4.
        """
        n = self.n
        if n == len(self._a):
            self._grow()
        u = 1.0 if correct else 0.0
        self._comp[n], self._a[n], self._b[n], self._u[n] = k, a, b, u
        self.n = n + 1
        m = float(self.mean[k])
        v = float(self.cov[k, k])
        t = m
        for _ in range(20):
            p = 1.0 / (1.0 + math.exp(-a * (t - b)))
            h = 1.0 / v + a * a * p * (1.0 - p)
            dt = ((m - t) / v + a * (u - p)) / h
            if dt > 1.0:
                dt = 1.0
            elif dt < -1.0:
                dt = -1.0
            t += dt
            if abs(dt) < 1e-9:
                break
        if t != m:
            self.mean = self.mean + self.cov[:, k] * ((t - m) / v)
        p = 1.0 / (1.0 + math.exp(-a * (t - b)))
        self._rank_one(k, a * a * p * (1.0 - p))
        self._newton()

    def _rank_one(self, k: int, delta: float) -> None:
        cov = self.cov
        ck = cov[:, k].copy()
        cov -= np.multiply.outer(ck, ck * (delta / (1.0 + delta * ck[k])))
        self.info[k] += delta

    def _newton(self) -> None:
        n, kk = self.n, self.k
        comp, av, bv, uv = self._comp[:n], self._a[:n], self._b[:n], self._u[:n]
        mu = self.prior.mean
        theta = self.mean
        for _ in range(NEWTON_MAX):
            p = 1.0 / (1.0 + np.exp(-av * (theta[comp] - bv)))
            # C P₀ = I − C diag(w) turns C g(θ) into one matvec: with d = θ − μ,
            # C (s − P₀ d) = C (s + w∘d) − d.
            d = theta - mu
            step = self.cov @ (np.bincount(comp, av * (uv - p), kk) + self.info * d) - d
            big = max(step.max(), -step.min())
            if big > 1.0:
                step *= 1.0 / big
            theta = theta + step
            if big < NEWTON_TOL:
                break
        self.mean = theta
        # p is from the last step's start; that step is below 1e-4 so w is current enough.
        w = np.bincount(comp, av * av * p * (1.0 - p), kk)
        delta = w - self.info
        moved = (np.abs(delta) > INFO_RTOL * (w + 1.0)).nonzero()[0]
        if len(moved) > 2:
            self.refresh(w)
        else:
            for j in moved:
                self._rank_one(int(j), float(delta[j]))

    def refresh(self, w: FloatArray | None = None) -> None:
        """Recompute C = (P₀ + diag(w))⁻¹ exactly at the current θ̂ (O(K³))."""
        if w is None:
            n = self.n
            comp, av = self._comp[:n], self._a[:n]
            p = 1.0 / (1.0 + np.exp(-av * (self.mean[comp] - self._b[:n])))
            w = np.bincount(comp, av * av * p * (1.0 - p), self.k)
        self.info = np.asarray(w, dtype=np.float64).copy()
        self.cov = self._exact_cov()

    def _exact_cov(self) -> FloatArray:
        """(P₀ + diag(w))⁻¹ from the information collected so far."""
        cov = np.linalg.inv(self.prior.precision + np.diag(self.info))
        return (cov + cov.T) / 2

    def answers(self) -> tuple[IntArray, FloatArray, FloatArray, FloatArray]:
        """The scored answers so far: (competence, a, b, u)."""
        n = self.n
        return self._comp[:n].copy(), self._a[:n].copy(), self._b[:n].copy(), self._u[:n].copy()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready state: the answers plus θ̂ and w (so resuming costs no refit).

        C is left out: it is (P₀ + diag(w))⁻¹, one K × K inverse when resuming (tens of µs
        for 16 competences), while its K² numbers were four fifths of a profile test's
        state, which is written, stored and read again at every answer."""
        comp, a, b, u = self.answers()
        return {
            "kind": "laplace",
            "mean": self.mean.tolist(),
            "info": self.info.tolist(),
            "answers": [comp.tolist(), a.tolist(), b.tolist(), u.astype(int).tolist()],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], prior: Prior) -> LaplacePosterior:
        comp, a, b, u = data["answers"]
        post = cls(prior, capacity=max(64, 2 * len(a)))
        n = len(a)
        post.n = n
        post._comp[:n], post._a[:n], post._b[:n], post._u[:n] = comp, a, b, u
        post.mean = np.array(data["mean"], dtype=np.float64)
        post.info = np.array(data["info"], dtype=np.float64)
        # A state written before C was left out resumes with its own C, exactly as it was.
        stored = np.array(data["cov"], dtype=np.float64) if "cov" in data else None
        k = prior.k
        if (
            post.mean.shape != (k,)
            or post.info.shape != (k,)
            or (stored is not None and stored.shape != (k, k))
        ):
            raise ValueError("Stored posterior does not match the prior's number of competences")
        post.cov = stored if stored is not None else post._exact_cov()
        return post


class GridPosterior:
    """One competence, EAP on a fixed grid: the reference estimator for K = 1.

    π(θ_g) ∝ φ(θ_g) Πᵢ P(θ_g)^uᵢ (1 − P(θ_g))^(1−uᵢ), kept normalised (Σ π = 1);
    θ̂ = Σ π θ_g and SD² = Σ π θ_g² − θ̂².
    """

    __slots__ = ("cov", "grid", "mean", "n", "prior", "sq", "weights")

    def __init__(self, prior: Prior, points: int = GRID_POINTS, half_width: float = 4.0) -> None:
        if prior.k != 1:
            raise ValueError("GridPosterior is for a single competence")
        self.prior = prior
        mu, sd = float(prior.mean[0]), math.sqrt(float(prior.cov[0, 0]))
        self.grid = np.linspace(mu - half_width * sd, mu + half_width * sd, points)
        self.sq = self.grid * self.grid
        w = np.exp(-0.5 * ((self.grid - mu) / sd) ** 2)
        self.weights = w / w.sum()
        self.n = 0
        self.mean = np.array([mu])
        self.cov = np.array([[sd * sd]])
        self._moments()

    @property
    def k(self) -> int:
        return 1

    @property
    def sd(self) -> FloatArray:
        return np.sqrt(np.diagonal(self.cov))

    def likelihood(self, a: float, b: float, correct: bool | float) -> FloatArray:
        """P(θ_g) for a right answer, 1 − P(θ_g) for a wrong one."""
        z = (b - self.grid) * a if correct else (self.grid - b) * a
        return 1.0 / (1.0 + np.exp(z))

    def update(
        self, k: int, a: float, b: float, correct: bool | float, lik: FloatArray | None = None
    ) -> None:
        """Multiply π by the answer's likelihood (or a precomputed `lik` row) and renormalise."""
        w = self.weights
        w *= self.likelihood(a, b, correct) if lik is None else lik
        w /= w.sum()
        self.n += 1
        self._moments()

    def _moments(self) -> None:
        w = self.weights
        m = float(w @ self.grid)
        self.mean[0] = m
        self.cov[0, 0] = max(float(w @ self.sq) - m * m, 1e-12)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "grid", "weights": self.weights.tolist(), "n": self.n}

    @classmethod
    def from_dict(cls, data: dict[str, Any], prior: Prior) -> GridPosterior:
        post = cls(prior, points=len(data["weights"]))
        post.weights = np.array(data["weights"], dtype=np.float64)
        post.n = int(data["n"])
        post._moments()
        return post


Posterior = LaplacePosterior | GridPosterior


def posterior_from_dict(data: dict[str, Any], prior: Prior) -> Posterior:
    """Rebuild a posterior saved with `to_dict`."""
    if data.get("kind") == "grid":
        return GridPosterior.from_dict(data, prior)
    return LaplacePosterior.from_dict(data, prior)
