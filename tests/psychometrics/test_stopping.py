import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acculture.psychometrics.model import random_bank
from acculture.psychometrics.posterior import Prior
from acculture.psychometrics.session import Design, Session
from acculture.psychometrics.stopping import (
    GateRule,
    StopDecision,
    chance_to_pass_at_cap,
    profile_stop,
    sprt_increment,
    sprt_increments,
)

BANK = random_bank(np.random.default_rng(21), items=200, competences=1)
BANK4 = random_bank(np.random.default_rng(22), items=160, competences=4)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    min_items=st.integers(0, 12),
    extra=st.integers(0, 20),
    target=st.floats(0.2, 1.2),
    theta=st.floats(-3, 3),
)
def test_a_profile_test_respects_its_minimum_and_maximum_length(seed, min_items, extra, target, theta):
    max_items = max(min_items, 1) + extra
    rng = np.random.default_rng(seed)
    design = Design(target_sd=target, min_items=min_items, max_items=max_items)
    session = Session(BANK4, Prior.equicorrelated(4, 0.6), design)
    while not (decision := session.decision()).stop:
        item = session.next_item(rng)
        p = 1 / (1 + np.exp(-BANK4.a[item] * (theta - BANK4.b[item])))
        session.record(item, bool(rng.random() < p))
    assert min_items <= session.n_scored <= max_items
    if decision.reason == "precision":
        assert session.posterior.sd.max() < target


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    min_items=st.integers(1, 10),
    extra=st.integers(0, 25),
    theta=st.floats(-3, 3),
)
def test_a_gate_respects_its_minimum_and_maximum_length(seed, min_items, extra, theta):
    rng = np.random.default_rng(seed)
    rule = GateRule(cut=0.5, min_items=min_items, max_items=min_items + extra)
    session = Session(BANK, Prior.equicorrelated(1, 0.0), Design(kind="gate", gate=rule, estimator="eap"))
    while not (decision := session.decision()).stop:
        item = session.next_item(rng)
        p = 1 / (1 + np.exp(-BANK.a[item] * (theta - BANK.b[item])))
        session.record(item, bool(rng.random() < p))
    assert min_items <= session.n_scored <= min_items + extra
    assert decision.passed in (True, False)


def test_profile_stop_waits_for_min_items_even_when_precise():
    sd = np.array([0.1, 0.2])
    assert not profile_stop(sd, 2, target_sd=0.3, min_items=5, max_items=10).stop
    assert profile_stop(sd, 5, target_sd=0.3, min_items=5, max_items=10).reason == "precision"
    assert profile_stop(np.array([0.9]), 10, target_sd=0.3, min_items=0, max_items=10).reason == "max_items"


def test_the_sprt_passes_a_run_of_right_answers_and_fails_a_run_of_wrong_ones():
    rule = GateRule(cut=0.0, delta=0.25, min_items=1, max_items=40)
    llr = sum(sprt_increment(1.5, 0.0, True, cut=0.0, delta=0.25) for _ in range(9))
    assert rule.decide(llr, 1.0, 0.5, 9).passed is True
    llr = sum(sprt_increment(1.5, 0.0, False, cut=0.0, delta=0.25) for _ in range(9))
    assert rule.decide(llr, -1.0, 0.5, 9).passed is False
    assert sprt_increment(1.5, 0.0, True, cut=0.0, delta=0.25) > 0


def test_the_credible_interval_rule_stops_when_the_cut_is_outside_it():
    rule = GateRule(cut=0.0, credible=0.05, min_items=1, max_items=40)
    assert rule.decide(0.0, 1.0, 0.4, 5).passed is True
    assert not rule.decide(0.0, 0.5, 0.4, 5).stop


def test_wald_bounds_come_from_alpha_and_beta():
    rule = GateRule(cut=0.0, alpha=0.04, beta=0.1)
    assert rule.upper == pytest.approx(math.log(0.9 / 0.04))
    assert rule.lower == pytest.approx(math.log(0.1 / 0.96))
    assert rule.midpoint == pytest.approx((rule.upper + rule.lower) / 2)


def test_curtailment_stops_once_the_remaining_items_can_hardly_change_the_outcome():
    rule = GateRule(cut=0.0, curtail=0.01, min_items=1, max_items=40)
    assert rule.decide(0.5, 0.0, 0.5, 10, chance_to_pass=0.995) == StopDecision(True, "decided", True)
    assert rule.decide(0.5, 0.0, 0.5, 10, chance_to_pass=0.005) == StopDecision(True, "decided", False)
    assert not rule.decide(0.5, 0.0, 0.5, 10, chance_to_pass=0.5).stop
    # Never before min_items, and off when curtail is None.
    assert not GateRule(cut=0.0, curtail=0.01, min_items=12).decide(0.5, 0.0, 0.5, 10, 0.999).stop
    assert not GateRule(cut=0.0, curtail=None, min_items=1).decide(0.5, 0.0, 0.5, 10, 0.999).stop


def test_the_chance_to_pass_follows_the_evidence_and_the_items_left():
    a, b = np.full(20, 1.5), np.zeros(20)
    right, wrong = sprt_increments(a, b, cut=0.0, delta=0.25)
    assert right[0] == pytest.approx(sprt_increment(1.5, 0.0, True, cut=0.0, delta=0.25))
    assert wrong[0] == pytest.approx(sprt_increment(1.5, 0.0, False, cut=0.0, delta=0.25))
    nodes = np.linspace(-4, 4, 81)

    def chance(llr, mean, sd, left):
        w = np.exp(-0.5 * ((nodes - mean) / sd) ** 2)
        p = 1 / (1 + np.exp(-a[:left, None] * (nodes[None, :] - b[:left, None])))
        return chance_to_pass_at_cap(llr, 0.0, right[:left], wrong[:left], p, w / w.sum())

    assert chance(1.0, 0.0, 1.0, 0) == 1.0 and chance(-1.0, 0.0, 1.0, 0) == 0.0
    assert chance(2.0, 1.0, 0.3, 20) > 0.95
    assert chance(-2.0, -1.0, 0.3, 20) < 0.05
    # More items left: more room for the outcome to change.
    assert chance(2.0, 0.3, 0.5, 5) > chance(2.0, 0.3, 0.5, 20)
    assert 0.3 < chance(0.0, 0.0, 0.3, 20) < 0.7


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), theta=st.floats(-3, 3), eap=st.booleans())
def test_a_curtailed_gate_stays_between_its_bounds_and_decides(seed, theta, eap):
    rng = np.random.default_rng(seed)
    rule = GateRule(cut=0.5, curtail=0.05, min_items=3, max_items=25)
    design = Design(kind="gate", gate=rule, estimator="eap" if eap else "map")
    session = Session(BANK, Prior.equicorrelated(1, 0.0), design)
    while not (decision := session.decision()).stop:
        chance = session.chance_to_pass() if session.n_scored >= 1 else 0.5
        assert 0.0 <= chance <= 1.0
        item = session.next_item(rng)
        p = 1 / (1 + np.exp(-BANK.a[item] * (theta - BANK.b[item])))
        session.record(item, bool(rng.random() < p))
    assert 3 <= session.n_scored <= 25
    assert decision.passed in (True, False)
