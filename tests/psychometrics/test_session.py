import json

import numpy as np
import pytest

from acculture.psychometrics.model import random_bank
from acculture.psychometrics.posterior import Prior
from acculture.psychometrics.session import Design, Session
from acculture.psychometrics.stopping import GateRule

BANK = random_bank(np.random.default_rng(31), items=160, competences=4, topics_per_competence=2)
PRIOR = Prior.equicorrelated(4, 0.6)


def test_a_session_resumed_from_json_continues_exactly_as_the_original():
    rng = np.random.default_rng(1)
    design = Design(target_sd=0.6, max_items=30)
    live = Session(BANK, PRIOR, design)
    for _ in range(7):
        live.record(live.next_item(rng), bool(rng.random() < 0.5))
    stored = json.loads(json.dumps(live.to_dict()))
    resumed = Session.from_dict(stored, BANK, PRIOR, design)
    assert resumed.seen == live.seen
    assert np.allclose(resumed.posterior.mean, live.posterior.mean)
    a, b = np.random.default_rng(9), np.random.default_rng(9)
    for _ in range(5):
        item_live, item_resumed = live.next_item(a), resumed.next_item(b)
        assert item_live == item_resumed
        live.record(item_live, True)
        resumed.record(item_resumed, True)
    assert np.allclose(resumed.posterior.cov, live.posterior.cov)


def test_a_session_refuses_a_state_that_names_an_unknown_item():
    state = Session(BANK, PRIOR, Design()).to_dict()
    state["seen"] = ["nope"]
    with pytest.raises(ValueError, match="'nope', not in this bank"):
        Session.from_dict(state, BANK, PRIOR, Design())


def test_an_item_cannot_be_answered_twice():
    session = Session(BANK, PRIOR, Design())
    session.record(3, True)
    with pytest.raises(ValueError, match="already answered"):
        session.record(3, False)


def test_the_result_gives_theta_level_and_band_per_competence():
    session = Session(BANK, PRIOR, Design())
    rng = np.random.default_rng(2)
    for _ in range(10):
        session.record(session.next_item(rng), True)
    result = session.result()
    assert [r["competence"] for r in result] == list(BANK.competences)
    assert all(r["theta"] > 0 and r["level"] > 3.5 and r["band"] for r in result)


def test_a_gate_on_one_competence_uses_only_its_items():
    bank = BANK
    design = Design(kind="gate", gate=GateRule(cut=0.5, max_items=20), gate_competence=2)
    session = Session(bank, PRIOR, design)
    rng = np.random.default_rng(0)
    while not session.decision().stop:
        item = session.next_item(rng)
        assert bank.competence[item] == 2
        session.record(item, bool(rng.random() < 0.5))
    assert session.decision().passed in (True, False)
