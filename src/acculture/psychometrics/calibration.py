"""Item calibration: marginal maximum likelihood (EM) for the 2PL on sparse responses,
online calibration of pretest items, the latent correlation matrix and drift checks.

Responses are three aligned arrays (person, item, correct). Persons and items are integer
indices; a person answers any subset of items.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from acculture.psychometrics.model import BoolArray, FloatArray, IntArray

Progress = Callable[[int, int], None]

# Priors: log a ~ N(log 1.2, 0.5²) keeps a in roughly (0.45, 3.2) with 95 % mass, the range
# authored items land in; b ~ N(authored difficulty, 1²).
LOG_A_MEAN = math.log(1.2)
LOG_A_SD = 0.5
B_SD = 1.0


@dataclass
class Calibration:
    """Estimates per item (a, b, their standard errors, answer counts) and per person
    (EAP θ and posterior SD under N(0, 1); NaN for a person without answers)."""

    a: FloatArray
    b: FloatArray
    se_a: FloatArray
    se_b: FloatArray
    answers: IntArray
    theta: FloatArray
    theta_sd: FloatArray
    iterations: int
    converged: bool
    loglik: float


def quadrature(points: int = 21) -> tuple[FloatArray, FloatArray]:
    """Gauss–Hermite nodes and weights for E[f(θ)], θ ~ N(0, 1): θ_q = √2 x_q, w_q / √π."""
    x, w = np.polynomial.hermite.hermgauss(points)
    return math.sqrt(2.0) * x, w / math.sqrt(math.pi)


def grid_quadrature(points: int, half_width: float = 6.0) -> tuple[FloatArray, FloatArray]:
    """Equally spaced nodes on [−w, w] with weights ∝ φ(θ_q), summing to 1."""
    nodes = np.linspace(-half_width, half_width, points)
    w = np.exp(-0.5 * nodes**2)
    return nodes, w / w.sum()


def _points_for(max_answers: int) -> int:
    # A person's posterior SD is about 1 / √(1 + 0.4 n); the grid must be finer than it or
    # the E-step smears sharp posteriors (a and b then shrink towards the middle).
    sd = 1.0 / math.sqrt(1.0 + 0.4 * max_answers)
    return int(np.clip(12.0 / sd, 41, 61)) | 1


@contextlib.contextmanager
def _blas_threads(threads: int | None) -> Iterator[None]:
    """Limit BLAS threads inside the block (needs threadpoolctl; otherwise a no-op).

    Multithreaded OpenBLAS spin-waits for its threads: with another process busy on the
    cores, the complete-data E-step ran about 5× slower on 2 threads than on one.
    """
    if threads is None:
        yield
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - optional
        yield
        return
    with threadpool_limits(limits=threads, user_api="blas"):
        yield


def _validate(person: IntArray, item: IntArray, correct: FloatArray) -> None:
    if not (len(person) == len(item) == len(correct)):
        raise ValueError("person, item and correct must have the same length")
    if len(person) and (person.min() < 0 or item.min() < 0):
        raise ValueError("person and item indices must be ≥ 0")
    if not np.isin(correct, (0, 1)).all():
        raise ValueError("correct must hold only 0 and 1")


def _m_step(
    a: FloatArray,
    b: FloatArray,
    nodes: FloatArray,
    right: FloatArray,
    total: FloatArray,
    b_mean: FloatArray,
    b_sd: float,
    steps: int = 2,
    *,
    priors: bool = True,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Fisher scoring for each item on expected counts at the nodes (rows: items).

    ℓ(a, b) = Σ_q r_q log p_q + (n_q − r_q) log(1 − p_q) + log prior, p_q = σ(a (θ_q − b));
    ∂ℓ/∂a = Σ (r − n p)(θ − b), ∂ℓ/∂b = −a Σ (r − n p); expected information
    I_aa = Σ W (θ − b)², I_bb = a² Σ W, I_ab = −a Σ W (θ − b) with W = n p (1 − p).
    """
    for _ in range(steps):
        d = nodes[None, :] - b[:, None]
        p = 1.0 / (1.0 + np.exp(-a[:, None] * d))
        resid = right - total * p
        wgt = total * p * (1.0 - p)
        la = np.log(a)
        g_a = (resid * d).sum(1)
        g_b = -a * resid.sum(1) - (b - b_mean) / b_sd**2
        i_aa = (wgt * d * d).sum(1)
        i_bb = a * a * wgt.sum(1) + 1.0 / b_sd**2
        if priors:
            g_a -= (la - LOG_A_MEAN) / (LOG_A_SD**2 * a) + 1.0 / a
            i_aa += 1.0 / (LOG_A_SD**2 * a * a)
        i_ab = -a * (wgt * d).sum(1)
        det = i_aa * i_bb - i_ab * i_ab
        da = (i_bb * g_a - i_ab * g_b) / det
        db = (i_aa * g_b - i_ab * g_a) / det
        db = np.clip(db, -1.0, 1.0)
        # Multiplicative cap keeps a positive even after a wild step on a tiny item.
        a = a * np.exp(np.clip(da / a, -0.5, 0.5))
        b = b + db
    return a, b, np.sqrt(i_bb / det), np.sqrt(i_aa / det)


def calibrate_2pl(
    person: IntArray,
    item: IntArray,
    correct: FloatArray | BoolArray,
    *,
    n_items: int | None = None,
    n_persons: int | None = None,
    b_prior_mean: FloatArray | float = 0.0,
    b_prior_sd: float = B_SD,
    priors: bool = True,
    start_a: FloatArray | None = None,
    start_b: FloatArray | None = None,
    points: int | None = None,
    max_iter: int = 500,
    tol: float = 1e-4,
    accelerate: bool = True,
    blas_threads: int | None = 1,
    progress: Progress | None = None,
) -> Calibration:
    """Marginal maximum likelihood by EM for the 2PL on one competence, θ ~ N(0, 1).

    E-step on an equally spaced grid θ_q with weights w_q ∝ φ(θ_q) (finer when people
    answer many items): log L_pq = Σ_{answers of p} log P(u | θ_q), done as two sparse
    products X₁ z + X log(1 − P) with z = a(θ_q − b), or, when every person answered every
    item, one dense float32 BLAS product; posterior weights π_pq ∝ w_q L_pq. Expected counts
    r_iq = Σ_p X₁[p, i] π_pq and n_iq = Σ_p (X₁ + X₀)[p, i] π_pq feed a Fisher-scoring M-step
    with priors log a ~ N(log 1.2, 0.5²), b ~ N(b_prior_mean, b_prior_sd²) (`priors=False`:
    plain marginal maximum likelihood).

    EM crawls when people answer many items: the common shift and stretch of the b's is
    pinned only by θ ~ N(0, 1), so almost all of its information is "missing" and each EM
    step recovers a tiny fraction of the way. `accelerate` wraps the EM map in SQUAREM
    (Varadhan & Roland 2008, scheme S3, on (log a, b)): two EM steps give r = F(x) − x and
    v = F(F(x)) − 2F(x) + x, the extrapolated point x − 2αr + α²v with α = −‖r‖/‖v‖ is
    stabilised by one more EM step, and the jump is dropped when it lowers the objective.
    The fixed point is the same as plain EM. Stops when no parameter moves more than `tol`
    in one EM step. `progress(iteration, max_iter)` is called after each EM step.
    `blas_threads` caps BLAS threads for the dense E-step (None: leave BLAS alone; the cap
    needs threadpoolctl and is skipped without it).
    """
    with _blas_threads(blas_threads):
        return _calibrate_2pl(
            person,
            item,
            correct,
            n_items=n_items,
            n_persons=n_persons,
            b_prior_mean=b_prior_mean,
            b_prior_sd=b_prior_sd,
            priors=priors,
            start_a=start_a,
            start_b=start_b,
            points=points,
            max_iter=max_iter,
            tol=tol,
            accelerate=accelerate,
            progress=progress,
        )


def _calibrate_2pl(
    person: IntArray,
    item: IntArray,
    correct: FloatArray | BoolArray,
    *,
    n_items: int | None,
    n_persons: int | None,
    b_prior_mean: FloatArray | float,
    b_prior_sd: float,
    priors: bool,
    start_a: FloatArray | None,
    start_b: FloatArray | None,
    points: int | None,
    max_iter: int,
    tol: float,
    accelerate: bool,
    progress: Progress | None,
) -> Calibration:
    person = np.asarray(person, dtype=np.int64)
    item = np.asarray(item, dtype=np.int64)
    u = np.asarray(correct, dtype=np.float64)
    _validate(person, item, u)
    n_items = int(item.max()) + 1 if n_items is None else n_items
    n_persons = int(person.max()) + 1 if n_persons is None else n_persons
    per_person = np.bincount(person, minlength=n_persons)
    if points is None:
        points = _points_for(int(per_person.max()) if len(per_person) else 0)
    nodes, weights = grid_quadrature(points)
    log_w = np.log(weights)
    complete = len(u) == n_persons * n_items and (per_person == n_items).all()
    if complete:
        # Every person answered every item: X₀ = 1 − X₁, so one dense product gives log L
        # and the item totals are the same for every item. 0/1 are exact in float32 and the
        # E-step only needs relative log likelihoods, so it runs in float32 (twice the BLAS
        # speed); the counts go back to float64 for the M-step.
        dense = np.zeros((n_persons, n_items), dtype=np.float32)
        dense[person, item] = u
    else:
        x1 = sparse.csr_matrix((u, (person, item)), shape=(n_persons, n_items))
        xa = sparse.csr_matrix((np.ones_like(u), (person, item)), shape=(n_persons, n_items))
        x1t, xat = x1.T.tocsr(), xa.T.tocsr()
    answers = np.bincount(item, minlength=n_items)
    b_mean = np.broadcast_to(np.asarray(b_prior_mean, dtype=np.float64), (n_items,)).copy()
    prior_sd = b_prior_sd if priors else math.inf
    a = np.full(n_items, 1.0) if start_a is None else np.array(start_a, dtype=np.float64)
    if start_b is None:
        # Start from the logit of each item's share correct, shrunk towards its prior mean.
        share = (np.bincount(item, u, n_items) + 0.5) / (answers + 1.0)
        b = -np.log(share / (1 - share)) / 1.2
        if priors:
            b = 0.5 * b + 0.5 * b_mean
    else:
        b = np.array(start_b, dtype=np.float64)

    def e_step(a: FloatArray, b: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, float]:
        z = a[:, None] * (nodes[None, :] - b[:, None])
        log_p0 = -np.logaddexp(0.0, z)
        if complete:
            # log P − log(1 − P) = z
            ll = dense @ z.astype(np.float32)
            ll += (log_p0.sum(0) + log_w).astype(np.float32)
        else:
            ll = x1 @ z + xa @ log_p0 + log_w
        top = ll.max(1, keepdims=True)
        post = np.exp(ll - top)
        norm = post.sum(1, keepdims=True)
        post /= norm
        loglik = float(np.log(norm, dtype=np.float64).sum() + top.sum(dtype=np.float64))
        if complete:
            right = (post.T @ dense).T.astype(np.float64)
            total = np.broadcast_to(post.sum(0, dtype=np.float64), right.shape)
        else:
            right = x1t @ post
            total = xat @ post
        return right, total, post, loglik

    def objective(a: FloatArray, b: FloatArray, loglik: float) -> float:
        if not priors:
            return loglik
        la = np.log(a)
        return loglik - float(
            (((la - LOG_A_MEAN) / LOG_A_SD) ** 2 / 2 + la).sum() + (((b - b_mean) / prior_sd) ** 2 / 2).sum()
        )

    def em(
        a: FloatArray, b: FloatArray
    ) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, float]:
        right, total, post, loglik = e_step(a, b)
        a1, b1, sb, sa = _m_step(a, b, nodes, right, total, b_mean, prior_sd, priors=priors)
        return a1, b1, sa, sb, post, loglik

    se_a = se_b = np.full(n_items, np.nan)
    converged = False
    loglik = -np.inf
    post = np.zeros((n_persons, points))
    it = 0
    alpha_max = 1.0

    def step(a: FloatArray, b: FloatArray) -> tuple[FloatArray, FloatArray, float]:
        """One EM step from (a, b); also returns the objective (log likelihood + log prior)
        at (a, b), which the E-step gets for free."""
        nonlocal it, post, se_a, se_b, loglik, converged
        a1, b1, se_a, se_b, post, loglik = em(a, b)
        it += 1
        if progress is not None:
            progress(it, max_iter)
        change = max(np.abs(a1 - a).max(), np.abs(b1 - b).max()) if n_items else 0.0
        converged = change < tol
        return a1, b1, objective(a, b, loglik)

    while it < max_iter:
        a1, b1, f0 = step(a, b)
        if converged or it >= max_iter:
            a, b = a1, b1
            break
        if not accelerate:
            a, b = a1, b1
            continue
        a2, b2, _ = step(a1, b1)
        if converged or it >= max_iter:
            a, b = a2, b2
            break
        y0 = np.concatenate([np.log(a), b])
        y1 = np.concatenate([np.log(a1), b1])
        y2 = np.concatenate([np.log(a2), b2])
        r = y1 - y0
        v = y2 - 2 * y1 + y0
        nv = float(np.sqrt(v @ v))
        alpha = -float(np.sqrt(r @ r)) / nv if nv > 0 else -1.0
        alpha = min(-1.0, max(alpha, -alpha_max))
        if alpha == -alpha_max:
            alpha_max *= 4.0
        y = y0 - 2 * alpha * r + alpha * alpha * v
        a_y = np.exp(np.clip(y[:n_items], math.log(0.05), math.log(20.0)))
        b_y = np.clip(y[n_items:], -10.0, 10.0)
        a3, b3, f3 = step(a_y, b_y)
        if not np.isfinite(f3) or f3 < f0:
            # The jump went downhill: fall back to plain EM from the second EM point and
            # take smaller jumps from now on.
            alpha_max = max(1.0, alpha_max / 4.0)
            a3, b3, _ = step(a2, b2)
        a, b = a3, b3
        if converged:
            break
    has = per_person > 0
    theta = np.where(has, post @ nodes, np.nan)
    theta_sd = np.where(has, np.sqrt(np.maximum(post @ (nodes**2) - np.nan_to_num(theta) ** 2, 0)), np.nan)
    return Calibration(a, b, se_a, se_b, answers, theta, theta_sd, it, converged, loglik)


def calibrate_bank(
    person: IntArray,
    item: IntArray,
    correct: FloatArray | BoolArray,
    competence: IntArray,
    *,
    b_prior_mean: FloatArray | None = None,
    progress: Progress | None = None,
    **options: float | int,
) -> Calibration:
    """`calibrate_2pl` separately on each competence (`competence[i]` for item i); person
    results are then per competence, so `theta` and `theta_sd` are (persons × K)."""
    person = np.asarray(person, dtype=np.int64)
    item = np.asarray(item, dtype=np.int64)
    u = np.asarray(correct, dtype=np.float64)
    competence = np.asarray(competence, dtype=np.int64)
    n_items, n_persons, k = len(competence), int(person.max()) + 1, int(competence.max()) + 1
    out_a, out_b = np.ones(n_items), np.zeros(n_items)
    out_sa, out_sb = np.full(n_items, np.nan), np.full(n_items, np.nan)
    theta, theta_sd = np.full((n_persons, k), np.nan), np.full((n_persons, k), np.nan)
    iterations, converged, loglik = 0, True, 0.0
    prior_b = np.zeros(n_items) if b_prior_mean is None else np.asarray(b_prior_mean, dtype=np.float64)
    for c in range(k):
        members = np.flatnonzero(competence == c)
        local = np.full(n_items, -1)
        local[members] = np.arange(len(members))
        rows = local[item] >= 0
        if not rows.any():
            continue
        res = calibrate_2pl(
            person[rows],
            local[item[rows]],
            u[rows],
            n_items=len(members),
            n_persons=n_persons,
            b_prior_mean=prior_b[members],
            **options,  # type: ignore[arg-type]
        )
        out_a[members], out_b[members] = res.a, res.b
        out_sa[members], out_sb[members] = res.se_a, res.se_b
        theta[:, c], theta_sd[:, c] = res.theta, res.theta_sd
        iterations = max(iterations, res.iterations)
        converged &= res.converged
        loglik += res.loglik
        if progress is not None:
            progress(c + 1, k)
    answers = np.bincount(item, minlength=n_items)
    return Calibration(out_a, out_b, out_sa, out_sb, answers, theta, theta_sd, iterations, converged, loglik)


def calibrate_pretest(
    item: IntArray,
    correct: FloatArray | BoolArray,
    theta: FloatArray,
    theta_sd: FloatArray | None = None,
    *,
    n_items: int | None = None,
    b_prior_mean: FloatArray | float = 0.0,
    points: int = 7,
    iterations: int = 20,
) -> tuple[FloatArray, FloatArray]:
    """Online calibration of pretest items with the respondents' abilities held fixed.

    Each answer r carries its person's posterior N(θ̂_r, sd_r²) (sd = 0: θ known), integrated
    on Gauss–Hermite nodes θ̂_r + sd_r t_j with weights w_j; (a, b) then maximise
    Σ_r Σ_j w_j log P(u_r | θ_rj) + log prior by Fisher scoring. Returns (a, b).
    """
    item = np.asarray(item, dtype=np.int64)
    u = np.asarray(correct, dtype=np.float64)
    theta = np.asarray(theta, dtype=np.float64)
    sd = np.zeros_like(theta) if theta_sd is None else np.asarray(theta_sd, dtype=np.float64)
    n_items = int(item.max()) + 1 if n_items is None else n_items
    t, w = quadrature(points) if theta_sd is not None else (np.zeros(1), np.ones(1))
    th = theta[:, None] + sd[:, None] * t[None, :]
    wt = np.broadcast_to(w, th.shape)
    idx = np.broadcast_to(item[:, None], th.shape).ravel()
    th, wt, uu = th.ravel(), wt.ravel(), np.broadcast_to(u[:, None], (len(u), len(t))).ravel()
    b_mean = np.broadcast_to(np.asarray(b_prior_mean, dtype=np.float64), (n_items,))
    a, b = np.ones(n_items), b_mean.copy()
    for _ in range(iterations):
        d = th - b[idx]
        p = 1.0 / (1.0 + np.exp(-a[idx] * d))
        resid = wt * (uu - p)
        ww = wt * p * (1.0 - p)
        la = np.log(a)
        g_a = np.bincount(idx, resid * d, n_items) - (la - LOG_A_MEAN) / (LOG_A_SD**2 * a) - 1 / a
        g_b = -a * np.bincount(idx, resid, n_items) - (b - b_mean) / B_SD**2
        i_aa = np.bincount(idx, ww * d * d, n_items) + 1.0 / (LOG_A_SD**2 * a * a)
        i_bb = a * a * np.bincount(idx, ww, n_items) + 1.0 / B_SD**2
        i_ab = -a * np.bincount(idx, ww * d, n_items)
        det = i_aa * i_bb - i_ab * i_ab
        da = (i_bb * g_a - i_ab * g_b) / det
        db = np.clip((i_aa * g_b - i_ab * g_a) / det, -1.0, 1.0)
        a = a * np.exp(np.clip(da / a, -0.5, 0.5))
        b = b + db
        if max(np.abs(db).max(), np.abs(da).max()) < 1e-5:
            break
    return a, b


def latent_correlation(theta: FloatArray, theta_sd: FloatArray | None = None) -> FloatArray:
    """Correlation of true abilities between competences from per-competence estimates.

    For EAP estimates made one competence at a time, θ = θ̂ + e with e independent of θ̂,
    so var(θₖ) = var(θ̂ₖ) + E[sdₖ²] and the reliability is ρₖ = var(θ̂ₖ) / var(θₖ); the
    observed correlation is disattenuated, r_jk / √(ρⱼ ρₖ), clipped and projected to the
    nearest correlation matrix (negative eigenvalues floored). Rows with NaN are dropped.
    """
    theta = np.asarray(theta, dtype=np.float64)
    keep = ~np.isnan(theta).any(1)
    est = theta[keep]
    if len(est) < 3:
        raise ValueError("Need at least 3 people with estimates on every competence")
    corr = np.corrcoef(est, rowvar=False)
    if theta_sd is not None:
        err = np.nanmean(np.asarray(theta_sd, dtype=np.float64)[keep] ** 2, axis=0)
        var = est.var(0)
        rel = var / (var + err)
        corr = corr / np.sqrt(np.outer(rel, rel))
    corr = np.clip(corr, -0.99, 0.99)
    np.fill_diagonal(corr, 1.0)
    vals, vecs = np.linalg.eigh(corr)
    corr = (vecs * np.maximum(vals, 1e-3)) @ vecs.T
    d = np.sqrt(np.diag(corr))
    return corr / np.outer(d, d)


@dataclass
class Drift:
    """Items whose difficulty moved by more than the threshold; `easier` marks b fell
    (the signature of a leaked item)."""

    items: IntArray
    change: FloatArray
    easier: BoolArray


def drift_check(
    b_reference: FloatArray,
    b_current: FloatArray,
    *,
    threshold: float = 0.5,
    se_current: FloatArray | None = None,
    z: float = 2.0,
) -> Drift:
    """Flag items with |b_current − b_reference| > threshold (and, when standard errors
    are given, also > z · se so that thinly answered items are not flagged on noise)."""
    ref = np.asarray(b_reference, dtype=np.float64)
    cur = np.asarray(b_current, dtype=np.float64)
    change = cur - ref
    flagged = np.abs(change) > threshold
    if se_current is not None:
        flagged &= np.abs(change) > z * np.asarray(se_current, dtype=np.float64)
    items = np.flatnonzero(flagged)
    return Drift(items, change[items], change[items] < 0)
