import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acculture.content.scoring import DONT_KNOW, NORMALISATIONS, normalise, parse_number, score

KEY = {"key": ["a", "c"]}
TEXT = {
    "accepted": {"fr": ["rapport-final.pdf", "Télétravail"], "en": ["final-report.pdf"]},
    "normalise": ["case", "accents", "spaces"],
}
PUNCT = {
    "accepted": {"fr": ["C'est l'été !"], "en": ["It's summer!"]},
    "normalise": ["case", "punctuation", "spaces"],
}
NUMBER = {"numeric": {"value": 1234.5, "tolerance": 0.05}}
FIELDS = {
    "fields": [
        {"id": "total", "numeric": {"value": 412.8, "tolerance": 0.01}},
        {"id": "month", "accepted": {"fr": ["mars"], "en": ["March"]}, "normalise": ["case"]},
    ]
}


@pytest.mark.parametrize(
    ("item_type", "answer", "response", "lang", "right"),
    [
        ("single", {"key": ["b"]}, "b", "fr", True),
        ("single", {"key": ["b"]}, "a", "fr", False),
        ("single", {"key": ["b"]}, ["b"], "fr", False),
        ("multiple", KEY, ["c", "a"], "fr", True),
        ("multiple", KEY, ["a"], "fr", False),
        ("multiple", KEY, ["a", "b", "c"], "fr", False),
        ("multiple", KEY, ["a", "a", "c"], "fr", False),
        ("multiple", KEY, "ac", "fr", False),
        ("short", TEXT, "  Rapport-Final.PDF ", "fr", True),
        ("short", TEXT, "teletravail", "fr", True),
        ("short", TEXT, "final-report.pdf", "fr", True),  # either language's forms count
        ("short", TEXT, "rapport final.pdf", "fr", False),
        ("short", TEXT, "", "fr", False),
        ("short", PUNCT, "c’est l’été", "fr", True),  # typographic apostrophes from a phone
        ("short", PUNCT, "its summer", "en", True),
        ("short", NUMBER, "1 234,5", "fr", True),
        ("short", NUMBER, "1\u00a0234,5", "fr", True),
        ("short", NUMBER, "1\u202f234,54", "fr", True),
        ("short", NUMBER, "1,234.5", "en", True),
        ("short", NUMBER, "1234.5", "fr", True),
        ("short", NUMBER, "1.234,5", "fr", True),
        ("short", NUMBER, "1234,6", "fr", False),
        ("short", NUMBER, "1 234,5 €", "fr", True),
        ("short", NUMBER, "douze", "fr", False),
        ("short", {"numeric": {"value": 1234, "tolerance": 0}}, "1,234", "en", True),
        (
            "short",
            {"numeric": {"value": 1234, "tolerance": 0}},
            "1,234",
            "fr",
            False,
        ),  # 1,234 is 1.234 in French
        ("fields", FIELDS, {"total": "412,80", "month": "Mars"}, "fr", True),
        ("fields", FIELDS, {"total": "412.81", "month": "march"}, "en", True),
        ("fields", FIELDS, {"total": "412,80", "month": "avril"}, "fr", False),
        ("fields", FIELDS, {"total": "412,80"}, "fr", False),
        ("fields", FIELDS, "412,80", "fr", False),
    ],
)
def test_it_scores_each_item_type_as_the_format_says(item_type, answer, response, lang, right):
    assert score(item_type, answer, response, lang) is right


@pytest.mark.parametrize(
    ("item_type", "answer"),
    [("single", {"key": ["a"]}), ("multiple", KEY), ("short", TEXT), ("short", NUMBER), ("fields", FIELDS)],
)
def test_i_dont_know_is_always_wrong(item_type, answer):
    assert score(item_type, answer, DONT_KNOW, "fr") is False
    assert score(item_type, answer, None, "fr") is False


def test_an_accepted_answer_that_happens_to_be_the_sentinel_cannot_be_typed():
    assert score("short", {"accepted": {"fr": [DONT_KNOW], "en": [DONT_KNOW]}}, DONT_KNOW) is False


def test_an_unknown_normalisation_is_refused():
    with pytest.raises(ValueError, match="unknown normalisation"):
        normalise("x", ["stemming"])


@given(st.text(), st.sets(st.sampled_from(NORMALISATIONS)))
def test_normalisation_is_idempotent(text, rules):
    once = normalise(text, rules)
    assert normalise(once, rules) == once


@given(st.integers(min_value=-(10**9), max_value=10**9), st.integers(min_value=0, max_value=99))
def test_a_number_typed_the_french_or_the_english_way_scores_the_same(units, cents):
    value = units + (cents / 100 if units >= 0 else -cents / 100)
    sign = "-" if value < 0 else ""
    whole = f"{abs(units):,}"
    french = sign + whole.replace(",", "\u202f") + f",{cents:02d}"
    english = sign + whole + f".{cents:02d}"
    spec = {"numeric": {"value": value, "tolerance": 0.001}}
    assert parse_number(french, "fr") == pytest.approx(value)
    assert parse_number(english, "en") == pytest.approx(value)
    assert score("short", spec, french, "fr") == score("short", spec, english, "en") is True


@given(st.sets(st.sampled_from("abcd"), min_size=1), st.data())
def test_only_the_exact_key_set_is_right_in_any_order(key, data):
    answer = {"key": sorted(key)}
    for order in itertools.permutations(sorted(key)):
        assert score("multiple", answer, list(order)) is True
    other = data.draw(st.sets(st.sampled_from("abcd")).filter(lambda s: s != key))
    assert score("multiple", answer, sorted(other)) is False
