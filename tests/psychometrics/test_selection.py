import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from acculture.psychometrics.model import ItemBank, random_bank
from acculture.psychometrics.posterior import LaplacePosterior, Prior
from acculture.psychometrics.selection import SelectionRules
from acculture.psychometrics.session import Design, Session

BANK = random_bank(np.random.default_rng(11), items=96, competences=4, topics_per_competence=3)
PRIOR = Prior.equicorrelated(4, 0.6)


def mixed_bank():
    rng = np.random.default_rng(5)
    usage = [["practice"], ["certification"], ["practice", "certification"], ["pretest"]]
    return ItemBank.from_rows(
        [
            {
                "id": f"q{i}",
                "competence": i % 2,
                "a": float(rng.uniform(0.8, 2)),
                "b": float(rng.normal()),
                "usage": usage[i % 4],
            }
            for i in range(40)
        ]
    )


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    answers=st.lists(st.booleans(), min_size=1, max_size=40),
    randomesque=st.integers(1, 4),
    mode=st.sampled_from(["practice", "certification"]),
)
def test_selection_never_returns_a_seen_or_filtered_item(seed, answers, randomesque, mode):
    bank = mixed_bank()
    rng = np.random.default_rng(seed)
    design = Design(
        mode=mode, max_items=40, selection=SelectionRules(randomesque=randomesque, pretest_rate=0.2)
    )
    session = Session(bank, Prior.equicorrelated(2, 0.5), design)
    scored = bank.scored_pool(mode)
    pretest = bank.pretest_pool(mode)
    for correct in answers:
        item = session.next_item(rng)
        if item is None:
            break
        assert item not in session.seen
        assert scored[item] or pretest[item]
        if mode == "practice":
            assert bank.usage[item] != 2, "a certification-only item was shown in practice"
        session.record(item, correct)
    assert all(not pretest[i] for i, _ in session.scored)


def test_pretest_items_are_recorded_but_never_move_the_estimate():
    bank = mixed_bank()
    session = Session(bank, Prior.equicorrelated(2, 0.5), Design(mode="practice"))
    pretest_item = int(np.flatnonzero(bank.pretest_pool("practice"))[0])
    session.record(pretest_item, True)
    assert session.pretest == [(pretest_item, True)]
    assert session.n_scored == 0
    assert np.allclose(session.posterior.mean, 0.0)


def test_the_d_optimal_choice_maximises_the_determinant_of_the_posterior_precision():
    rng = np.random.default_rng(2)
    session = Session(
        BANK,
        PRIOR,
        Design(restrict_to_open=False, selection=SelectionRules(avoid_same_topic=False)),
    )
    for _ in range(6):
        session.record(session.next_item(rng), bool(rng.random() < 0.5))
    chosen = session.next_item(rng)
    post = session.posterior
    base = np.linalg.slogdet(np.linalg.inv(post.cov))[1]
    gains = []
    for i in np.flatnonzero(session.available):
        trial = LaplacePosterior(PRIOR)
        trial.mean, trial.cov = post.mean.copy(), post.cov.copy()
        k = BANK.competence[i]
        p = 1 / (1 + np.exp(-BANK.a[i] * (post.mean[k] - BANK.b[i])))
        info = BANK.a[i] ** 2 * p * (1 - p)
        precision = np.linalg.inv(post.cov)
        precision[k, k] += info
        gains.append((np.linalg.slogdet(precision)[1] - base, i))
    best_gain = max(gains)[0]
    chosen_gain = dict((i, g) for g, i in gains)[chosen]
    assert chosen_gain >= best_gain - 0.01


def test_no_two_consecutive_items_share_a_topic():
    rng = np.random.default_rng(3)
    session = Session(BANK, PRIOR, Design(max_items=30))
    last = None
    for _ in range(30):
        item = session.next_item(rng)
        topic = BANK.topic[item]
        assert topic != last
        last = topic
        session.record(item, bool(rng.random() < 0.5))


def test_content_balance_caps_and_fills_each_competence():
    rng = np.random.default_rng(4)
    rules = SelectionRules(min_per_competence=3, max_per_competence=5)
    session = Session(BANK, PRIOR, Design(kind="fixed", max_items=16, selection=rules))
    while not session.decision().stop:
        session.record(session.next_item(rng), bool(rng.random() < 0.8))
    assert session.counts.min() >= 3
    assert session.counts.max() <= 5


def test_with_sd_stopping_only_competences_above_target_compete():
    rng = np.random.default_rng(8)
    session = Session(BANK, PRIOR, Design(target_sd=0.8, max_items=40))
    for _ in range(12):
        item = session.next_item(rng)
        sd = session.posterior.sd
        if (sd > 0.8).any():
            assert sd[BANK.competence[item]] > 0.8
        session.record(item, bool(rng.random() < 0.5))


def test_sympson_hetter_rates_below_one_spread_the_first_item():
    rates = np.ones(BANK.size)
    first = Session(BANK, PRIOR, Design()).next_item(np.random.default_rng(0))
    rates[first] = 0.2
    bank = BANK.with_exposure(rates)
    rng = np.random.default_rng(1)
    design = Design(selection=SelectionRules(sympson_hetter=True))
    picks = [Session(bank, PRIOR, design).next_item(rng) for _ in range(400)]
    share = picks.count(first) / len(picks)
    assert 0.12 < share < 0.28
