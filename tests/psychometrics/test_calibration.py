import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from acculture.psychometrics.calibration import (
    calibrate_2pl,
    calibrate_bank,
    calibrate_pretest,
    drift_check,
    latent_correlation,
)
from acculture.psychometrics.posterior import Prior
from acculture.psychometrics.simulation import draw_people


def responses(rng, theta, a, b, per_person=None):
    people, items = len(theta), len(a)
    if per_person is None:
        person = np.repeat(np.arange(people), items)
        item = np.tile(np.arange(items), people)
    else:
        person = np.repeat(np.arange(people), per_person)
        item = np.argsort(rng.random((people, items)), axis=1)[:, :per_person].ravel()
    p = 1 / (1 + np.exp(-a[item] * (theta[person] - b[item])))
    return person, item, (rng.random(len(p)) < p).astype(float)


def test_calibration_recovers_known_parameters_from_complete_data():
    rng = np.random.default_rng(0)
    a, b = rng.uniform(0.8, 2.0, 20), rng.normal(0, 1, 20)
    person, item, u = responses(rng, rng.normal(size=3000), a, b)
    calls = []
    fit = calibrate_2pl(person, item, u, progress=lambda i, n: calls.append(i))
    assert fit.converged
    assert np.sqrt(np.mean((fit.a - a) ** 2)) < 0.12
    assert np.sqrt(np.mean((fit.b - b) ** 2)) < 0.10
    assert calls == list(range(1, fit.iterations + 1))


def test_calibration_recovers_known_parameters_from_sparse_data():
    rng = np.random.default_rng(1)
    a, b = rng.uniform(0.8, 2.0, 40), rng.normal(0, 1, 40)
    person, item, u = responses(rng, rng.normal(size=6000), a, b, per_person=10)
    fit = calibrate_2pl(person, item, u)
    assert np.sqrt(np.mean((fit.b - b) ** 2)) < 0.15
    assert np.sqrt(np.mean((fit.a - a) ** 2)) < 0.2
    assert fit.answers.sum() == len(u)


def test_pretest_items_are_calibrated_against_fixed_abilities():
    rng = np.random.default_rng(2)
    a, b = rng.uniform(0.8, 2.0, 10), rng.normal(0, 1, 10)
    theta = rng.normal(size=4000)
    person, item, u = responses(rng, theta, a, b, per_person=3)
    est_a, est_b = calibrate_pretest(item, u, theta[person], np.full(len(u), 0.3))
    assert np.abs(est_b - b).max() < 0.3
    assert np.sqrt(np.mean((est_a - a) ** 2)) < 0.3


def test_the_latent_correlation_is_recovered_after_correcting_for_measurement_error():
    rng = np.random.default_rng(3)
    prior = Prior.equicorrelated(3, 0.6)
    theta = draw_people(rng, prior, 4000)
    a = rng.uniform(0.8, 2.0, 30)
    b = rng.normal(0, 1, 30)
    competence = np.arange(30) % 3
    person = np.repeat(np.arange(4000), 30)
    item = np.tile(np.arange(30), 4000)
    p = 1 / (1 + np.exp(-a[item] * (theta[person, competence[item]] - b[item])))
    u = (rng.random(len(p)) < p).astype(float)
    fit = calibrate_bank(person, item, u, competence)
    raw = np.corrcoef(fit.theta, rowvar=False)[0, 1]
    corrected = latent_correlation(fit.theta, fit.theta_sd)
    assert raw < 0.55
    assert np.abs(corrected[np.triu_indices(3, 1)] - 0.6).max() < 0.06


def test_an_item_that_got_easier_is_flagged_as_drifting():
    reference = np.array([0.0, 1.0, -0.5, 0.3])
    current = np.array([0.05, 0.2, -0.45, 0.9])
    drift = drift_check(reference, current, threshold=0.4)
    assert drift.items.tolist() == [1, 3]
    assert drift.easier.tolist() == [True, False]
    noisy = drift_check(reference, current, threshold=0.4, se_current=np.array([0.1, 0.5, 0.1, 0.1]))
    assert noisy.items.tolist() == [3]


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000), items=st.integers(8, 25), sparse_design=st.booleans())
def test_accelerated_em_recovers_known_parameters_and_matches_plain_em(seed, items, sparse_design):
    rng = np.random.default_rng(seed)
    a, b = rng.uniform(0.8, 2.0, items), rng.normal(0, 1, items)
    # Sparse: at least 6 answers per person (with 3, a is barely identified by any method).
    per = max(6, items // 2) if sparse_design else None
    person, item, u = responses(rng, rng.normal(size=3000), a, b, per_person=per)
    fast = calibrate_2pl(person, item, u, n_items=items, n_persons=3000, tol=1e-5)
    slow = calibrate_2pl(
        person, item, u, n_items=items, n_persons=3000, tol=1e-6, accelerate=False, max_iter=5000
    )
    assert fast.converged and slow.converged
    # Same fixed point (plain EM stops a little short of it: it crawls).
    assert np.abs(fast.b - slow.b).max() < 0.02
    assert np.abs(fast.a - slow.a).max() < 0.02
    assert np.sqrt(np.mean((fast.b - b) ** 2)) < 0.25
    assert np.sqrt(np.mean((fast.a - a) ** 2)) < 0.3


def test_complete_data_runs_the_dense_path_and_matches_the_sparse_one():
    rng = np.random.default_rng(4)
    a, b = rng.uniform(0.8, 2.0, 30), rng.normal(0, 1, 30)
    person, item, u = responses(rng, rng.normal(size=2000), a, b)
    dense = calibrate_2pl(person, item, u, tol=1e-6)
    free = calibrate_2pl(person, item, u, tol=1e-6, blas_threads=None)
    assert np.allclose(dense.b, free.b, atol=1e-4) and np.allclose(dense.a, free.a, atol=1e-4)
    # Dropping one answer makes the data incomplete: the sparse path must land in the same place.
    keep = np.arange(len(u)) != 0
    sparse_fit = calibrate_2pl(person[keep], item[keep], u[keep], n_items=30, n_persons=2000, tol=1e-6)
    assert np.abs(dense.b - sparse_fit.b).max() < 0.02
    assert np.abs(dense.a - sparse_fit.a).max() < 0.03


def test_without_priors_the_fit_is_plain_marginal_maximum_likelihood():
    rng = np.random.default_rng(5)
    a, b = rng.uniform(0.8, 2.0, 20), rng.normal(0, 1, 20)
    person, item, u = responses(rng, rng.normal(size=4000), a, b)
    fit = calibrate_2pl(person, item, u, priors=False, b_prior_mean=5.0)
    assert fit.converged
    # A far-off b prior mean is ignored when priors are off.
    assert np.sqrt(np.mean((fit.b - b) ** 2)) < 0.1
    assert np.sqrt(np.mean((fit.a - a) ** 2)) < 0.12
