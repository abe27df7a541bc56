"""Scoring an answer against an item's answer spec (docs/content-format.md, "Scoring").

Pure functions, no Django: the assessment engine calls `score()` inside its transaction
and the linter reuses `normalise()` and `parse_number()` to check that every accepted
form is reachable. A score is right or wrong; "I don't know" is always wrong.

Answer specs, as stored on `Item.answer`:

    single / multiple:  {"key": ["c"]}
    short (text):       {"accepted": {"fr": [...], "en": [...]}, "normalise": ["case", ...]}
    short (number):     {"numeric": {"value": 1234.5, "tolerance": 0.05}}
    fields:             {"fields": [{"id": "total", "numeric": {...}}, {"id": "month",
                         "accepted": {...}, "normalise": [...]}, ...]}

Responses: a choice id (single), an iterable of ids (multiple), a string (short), a
mapping field id → string (fields); any of them may be DONT_KNOW.
"""

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping

# What the "I don't know" button sends. A string so that it survives JSON round trips;
# no accepted answer can equal it because it contains a NUL character nobody can type.
DONT_KNOW = "\x00dont-know"

NORMALISATIONS = ("case", "accents", "spaces", "punctuation")

# Phones and word processors turn ' and " into typographic quotes on their own, so the
# person never chose them: these are unified whatever normalisations the item asks for.
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
# The punctuation the `punctuation` rule ignores (docs/content-format.md) plus the
# French guillemets, which _TYPOGRAPHIC has already turned into ".
_PUNCTUATION = str.maketrans("", "", ".,;:!?'\"")
# Ligatures are not decomposed by NFKD, yet "oeuvre" is how most people type "œuvre".
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_WHITESPACE = re.compile(r"\s+")  # \s covers NBSP (U+00A0) and narrow NBSP (U+202F)


def normalise(text: str, rules: Iterable[str] = ()) -> str:
    """Return `text` as compared: always NFC with typographic quotes unified and outer
    whitespace dropped, then each named rule. Idempotent for any set of rules."""
    rules = set(rules)
    unknown = rules - set(NORMALISATIONS)
    if unknown:
        raise ValueError(f"unknown normalisation: {', '.join(sorted(unknown))}")
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHIC)
    if "accents" in rules:
        text = text.translate(_LIGATURES)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = unicodedata.normalize("NFC", text)
    if "case" in rules:
        text = text.casefold()
    if "punctuation" in rules:
        text = text.translate(_PUNCTUATION)
    if "spaces" in rules:
        text = _WHITESPACE.sub(" ", text)
    # Dropping a character can join a letter and a combining mark ("C.̧" → "Ç"): compose
    # again so that normalising twice gives the same text.
    return unicodedata.normalize("NFC", text).strip()


# Spaces of every width people or software put between thousands: space, NBSP, narrow NBSP,
# thin space, plus the apostrophe Swiss French uses.
_THOUSANDS_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_UNITS = re.compile(r"^[€$£%]+|[€$£%]+$|\b(?:EUR|eur|euros?)$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)*|[.,]\d+)$")
_GROUPED = {",": re.compile(r"^[+-]?\d{1,3}(,\d{3})+$"), ".": re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")}


def parse_number(text: str, lang: str | None = None) -> float | None:
    """Read a number as French or English staff type it, or None when it is not one.

    "1 234,5", "1234,5", "1,234.5", "1234.5" and "1.234,5" are all 1234.5. When both a
    comma and a point appear, the last one is the decimal separator. A lone separator
    followed by exactly three digits is ambiguous ("1,234"): in English a comma there
    groups thousands (1234), in French it is decimal (1.234) — so `lang` decides; a
    point alone is always decimal, since French writes thousands with spaces.
    A currency or percent sign around the number is ignored.
    """
    text = unicodedata.normalize("NFC", text).strip()
    text = _UNITS.sub("", text).strip()
    text = text.replace("\u2212", "-")  # the minus sign some keyboards produce
    text = _THOUSANDS_SPACES.sub("", text)
    if not _NUMBER.match(text):
        return None
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        head, _, tail = text.rpartition(decimal)
        if thousands in tail or (thousands in head and not _GROUPED[thousands].match(head)):
            return None  # "1.234,5.6" and "12,34.5" are not numbers
        text = head.replace(thousands, "") + "." + tail
    elif text.count(",") > 1 or (lang == "en" and _GROUPED[","].match(text)):
        if not _GROUPED[","].match(text):
            return None
        text = text.replace(",", "")
    elif text.count(".") > 1:
        if not _GROUPED["."].match(text):
            return None
        text = text.replace(".", "")
    else:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _is_dont_know(response: object) -> bool:
    return isinstance(response, str) and response == DONT_KNOW


def score_numeric(response: str, numeric: Mapping, lang: str | None = None) -> bool:
    value = parse_number(response, lang)
    if value is None:
        return False
    # A small epsilon so that a tolerance of 0.01 accepts 412.81 against 412.8 despite
    # binary floating point (412.81 - 412.8 = 0.010000000000047748).
    return abs(value - float(numeric["value"])) <= float(numeric.get("tolerance", 0)) + 1e-9


def score_text(response: str, accepted: Mapping[str, Iterable[str]], rules: Iterable[str] = ()) -> bool:
    """Right when the response, normalised, equals any accepted form in either language.

    Both languages count because attachments are often in one language only: a person
    answering in English may type what they read in a French file."""
    rules = tuple(rules)
    given = normalise(response, rules)
    if not given:
        return False
    return any(given == normalise(form, rules) for forms in accepted.values() for form in forms)


def _score_one_field(response: object, spec: Mapping, lang: str | None) -> bool:
    if not isinstance(response, str) or _is_dont_know(response):
        return False
    if "numeric" in spec:
        return score_numeric(response, spec["numeric"], lang)
    return score_text(response, spec.get("accepted", {}), spec.get("normalise", ()))


def score(item_type: str, answer: Mapping, response: object, lang: str | None = None) -> bool:
    """Is `response` right for an item of `item_type` whose answer spec is `answer`?"""
    if _is_dont_know(response) or response is None:
        return False
    if item_type == "single":
        key = answer["key"]
        return isinstance(response, str) and len(key) == 1 and response == key[0]
    if item_type == "multiple":
        if isinstance(response, str) or not isinstance(response, Iterable):
            return False
        chosen = list(response)
        if any(_is_dont_know(c) for c in chosen):
            return False
        # All or nothing: the exact key set, each id once.
        return len(chosen) == len(set(chosen)) and set(chosen) == set(answer["key"])
    if item_type == "short":
        return _score_one_field(response, answer, lang)
    if item_type == "fields":
        if not isinstance(response, Mapping):
            return False
        fields = answer["fields"]
        return bool(fields) and all(_score_one_field(response.get(f["id"]), f, lang) for f in fields)
    raise ValueError(f"unknown item type {item_type!r}")
