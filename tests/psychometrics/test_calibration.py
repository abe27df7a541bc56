import numpy as np

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
