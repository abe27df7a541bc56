import math

import numpy as np
import pytest

from acculture.psychometrics.model import (
    CERTIFICATION,
    PRACTICE,
    ItemBank,
    information,
    probability,
    random_bank,
)


def rows(**changes):
    base = [
        {"id": "q1", "competence": "1.1", "a": 1.2, "b": 0.0},
        {"id": "q2", "competence": "1.2", "a": 0.9, "b": -1.0, "usage": ["certification"]},
        {
            "id": "q3",
            "competence": "1.1",
            "a": 1.5,
            "b": 1.0,
            "usage": ["pretest"],
            "topic": "mail",
        },
    ]
    for key, value in changes.items():
        base[0][key] = value
    return base


def test_a_bank_built_from_rows_keeps_ids_competences_and_usage():
    bank = ItemBank.from_rows(rows(), competences=["1.1", "1.2"])
    assert bank.ids == ("q1", "q2", "q3")
    assert bank.competence.tolist() == [0, 1, 0]
    assert bank.usage[1] == CERTIFICATION
    assert bank.usage[0] == PRACTICE | CERTIFICATION
    assert bank.topics == ("mail",)
    assert bank.scored_pool("practice").tolist() == [True, False, False]
    assert bank.scored_pool("certification").tolist() == [True, True, False]
    assert bank.pretest_pool("practice").tolist() == [False, False, True]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"a": math.nan}, "'q1': discrimination a must be finite and > 0"),
        ({"a": 0.0}, "'q1': discrimination a must be finite and > 0"),
        ({"a": -0.4}, "'q1': discrimination a must be finite and > 0"),
        ({"b": math.nan}, "'q1': difficulty b must be finite"),
        ({"competence": "9.9"}, "'q1': unknown competence '9.9'"),
        ({"id": "q2"}, "'q2': duplicate id"),
        ({"usage": ["exam"]}, "'q1': unknown usage 'exam'"),
        ({"a": "high"}, "'q1': a is not a number"),
    ],
)
def test_a_bad_bank_is_rejected_with_a_message_naming_the_item(change, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        ItemBank.from_rows(rows(**change), competences=["1.1", "1.2"])


def test_a_row_without_a_difficulty_is_rejected():
    bad = rows()
    del bad[0]["b"]
    with pytest.raises(ValueError, match="'q1': missing field 'b'"):
        ItemBank.from_rows(bad)


def test_the_information_table_matches_the_formula():
    bank = random_bank(np.random.default_rng(3), items=50, competences=2)
    grid = np.linspace(-5, 5, bank.info_table.shape[0])
    g = 240
    assert np.allclose(bank.info_table[g], information(grid[g], bank.a, bank.b))
    p = probability(0.3, 1.5, -0.2)
    assert np.isclose(information(0.3, 1.5, -0.2), 1.5**2 * p * (1 - p))


def test_a_bank_round_trips_through_rows_and_keeps_its_version():
    bank = random_bank(np.random.default_rng(4), items=40, competences=4, topics_per_competence=2)
    again = ItemBank.from_rows(bank.to_rows(), competences=bank.competences)
    assert again.version() == bank.version()
