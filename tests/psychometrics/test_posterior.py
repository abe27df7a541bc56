import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize

from acculture.psychometrics.posterior import (
    GridPosterior,
    LaplacePosterior,
    Prior,
    posterior_from_dict,
)

answer = st.tuples(
    st.integers(0, 3),
    st.floats(0.3, 3.0),
    st.floats(-3.0, 3.0),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(
    history=st.lists(answer, max_size=25),
    k=st.integers(0, 3),
    a=st.floats(0.3, 3.0),
    b=st.floats(-3.0, 3.0),
    rho=st.sampled_from([0.0, 0.3, 0.6, 0.9]),
)
def test_a_right_answer_never_lowers_theta_on_its_competence(history, k, a, b, rho):
    post = LaplacePosterior(Prior.equicorrelated(4, rho))
    for item in history:
        post.update(*item)
    before = float(post.mean[k])
    post.update(k, a, b, True)
    assert post.mean[k] >= before - 1e-6


@settings(max_examples=60, deadline=None)
@given(history=st.lists(answer, min_size=1, max_size=25), k=st.integers(0, 3))
def test_a_wrong_answer_never_raises_theta_on_its_competence(history, k):
    post = LaplacePosterior(Prior.equicorrelated(4, 0.6))
    for item in history:
        post.update(*item)
    before = float(post.mean[k])
    post.update(k, 1.2, 0.0, False)
    assert post.mean[k] <= before + 1e-6


def exact_map(prior, answers):
    comp = np.array([x[0] for x in answers])
    a = np.array([x[1] for x in answers])
    b = np.array([x[2] for x in answers])
    u = np.array([float(x[3]) for x in answers])

    def negative_log_posterior(theta):
        z = a * (theta[comp] - b)
        loglik = np.sum(u * z - np.logaddexp(0, z))
        d = theta - prior.mean
        return -(loglik - 0.5 * d @ prior.precision @ d)

    theta = minimize(negative_log_posterior, prior.mean, method="BFGS", options={"gtol": 1e-10}).x
    p = 1 / (1 + np.exp(-a * (theta[comp] - b)))
    w = np.bincount(comp, a * a * p * (1 - p), prior.k)
    return theta, np.linalg.inv(prior.precision + np.diag(w))


def test_the_incremental_update_lands_on_the_exact_map_and_laplace_covariance():
    rng = np.random.default_rng(7)
    prior = Prior.equicorrelated(6, 0.6)
    answers = [
        (
            int(rng.integers(6)),
            float(rng.uniform(0.8, 2)),
            float(rng.normal()),
            bool(rng.random() < 0.6),
        )
        for _ in range(40)
    ]
    post = LaplacePosterior(prior)
    for item in answers:
        post.update(*item)
    theta, cov = exact_map(prior, answers)
    assert np.abs(post.mean - theta).max() < 1e-3
    # The covariance is refreshed only when a competence's information moved by > 5 %.
    assert np.abs(np.sqrt(np.diag(post.cov)) / np.sqrt(np.diag(cov)) - 1).max() < 0.03
    post.refresh()
    assert np.abs(post.cov - cov).max() < 1e-3


def test_evidence_on_one_competence_moves_the_correlated_others():
    post = LaplacePosterior(Prior.equicorrelated(3, 0.6))
    for _ in range(5):
        post.update(0, 1.5, 0.0, True)
    assert post.mean[0] > post.mean[1] > 0
    assert post.sd[1] < 1.0


def test_the_grid_eap_agrees_with_numerical_integration():
    prior = Prior.equicorrelated(1, 0.0)
    post = GridPosterior(prior, points=201)
    items = [(1.2, 0.0, True), (0.8, 1.0, False), (1.9, -0.5, True)]
    for a, b, u in items:
        post.update(0, a, b, u)
    grid = np.linspace(-8, 8, 20001)
    dens = np.exp(-0.5 * grid**2)
    for a, b, u in items:
        p = 1 / (1 + np.exp(-a * (grid - b)))
        dens *= p if u else 1 - p
    mean = np.sum(grid * dens) / dens.sum()
    sd = np.sqrt(np.sum(grid**2 * dens) / dens.sum() - mean**2)
    assert abs(post.mean[0] - mean) < 2e-3
    assert abs(post.sd[0] - sd) < 2e-3


def test_a_posterior_round_trips_through_its_dict():
    prior = Prior.equicorrelated(4, 0.5)
    post = LaplacePosterior(prior)
    for item in [(0, 1.0, 0.2, True), (2, 1.7, -0.4, False)]:
        post.update(*item)
    again = posterior_from_dict(post.to_dict(), prior)
    again.update(1, 1.1, 0.0, True)
    post.update(1, 1.1, 0.0, True)
    assert np.allclose(again.mean, post.mean) and np.allclose(again.cov, post.cov)


def test_a_stored_posterior_leaves_out_its_covariance_and_rebuilds_it_from_the_information():
    prior = Prior.equicorrelated(16, 0.6)
    post = LaplacePosterior(prior)
    rng = np.random.default_rng(4)
    for _ in range(40):
        post.update(
            int(rng.integers(16)), float(rng.uniform(0.8, 2.0)), float(rng.normal()), bool(rng.random() < 0.6)
        )
    stored = json.loads(json.dumps(post.to_dict()))
    assert "cov" not in stored
    again = posterior_from_dict(stored, prior)
    assert np.allclose(again.cov, post.cov, rtol=0, atol=1e-12)
    assert np.array_equal(again.mean, post.mean)


def test_a_posterior_stored_with_its_covariance_is_resumed_with_that_covariance():
    prior = Prior.equicorrelated(3, 0.5)
    post = LaplacePosterior(prior)
    post.update(1, 1.2, 0.3, True)
    older = {**post.to_dict(), "cov": (post.cov * 1.5).tolist()}  # as states were written before
    again = posterior_from_dict(older, prior)
    assert np.array_equal(again.cov, post.cov * 1.5)


def test_a_stored_posterior_for_other_competences_is_refused():
    post = LaplacePosterior(Prior.equicorrelated(3, 0.5))
    with pytest.raises(ValueError, match="number of competences"):
        posterior_from_dict(post.to_dict(), Prior.equicorrelated(4, 0.5))
    with pytest.raises(ValueError, match="number of competences"):  # an older state's C
        posterior_from_dict({**post.to_dict(), "cov": np.eye(4).tolist()}, post.prior)
