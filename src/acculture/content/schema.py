"""The rules one item, tutorial or framework must follow on its own (docs/content-format.md).

Each `check_*` function returns the problems of one entry; rules that compare entries
(unique codes, near-duplicates, coverage) live in lint.py.
"""

import re
from pathlib import PurePosixPath
from typing import Any

from acculture.content.bank import ITEM_TYPES, LANGUAGES, STATUSES, USAGES, Entry, Problem, display
from acculture.content.scoring import NORMALISATIONS

ITEM_FIELDS = {
    "code",
    "topic",
    "level",
    "type",
    "usage",
    "status",
    "author",
    "stem",
    "choices",
    "key",
    "answer",
    "fields",
    "explanation",
    "tutorials",
    "attachment",
    "irt",
    "review",
    "competence",
    "framework",
}
REQUIRED_ITEM_FIELDS = (
    "code",
    "competence",
    "topic",
    "level",
    "type",
    "usage",
    "status",
    "author",
    "stem",
    "explanation",
)
TUTORIAL_FIELDS = {
    "code",
    "competence",
    "framework",
    "level",
    "duration_minutes",
    "languages",
    "title",
    "body",
    "url",
}
REVIEW_CHECKS = {"key", "distractors", "no_clue", "fr_en", "level", "plain_language", "attachment"}
# What a second reader must at least have checked before an item goes live
# (ITEM-WRITING.md, "Second reading"); distractors only exist on choice items.
REQUIRED_REVIEW_CHECKS = ("key", "fr_en", "level")
STEM_WORDS_WARNING = 90
STEM_WORDS_ERROR = 140
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Checker:
    """Collects the problems of one entry, naming its file and code in each message."""

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        self.data = entry.data
        self.problems: list[Problem] = []

    def error(self, field: str, message: str) -> None:
        self.problems.append(Problem(display(self.entry.file), self.entry.code, field, message))

    def warn(self, field: str, message: str) -> None:
        self.problems.append(Problem(display(self.entry.file), self.entry.code, field, message, warning=True))

    def text(self, value: Any, field: str) -> bool:
        if not isinstance(value, str) or not value.strip():
            self.error(field, "must be a non-empty text")
            return False
        return True

    def bilingual(self, value: Any, field: str) -> bool:
        """A mapping with a non-empty text in every language."""
        if not isinstance(value, dict):
            self.error(field, "must have a French (fr) and an English (en) text")
            return False
        ok = True
        for lang in LANGUAGES:
            if lang not in value:
                self.error(f"{field}.{lang}", f"missing {'French' if lang == 'fr' else 'English'} text")
                ok = False
            else:
                ok = self.text(value[lang], f"{field}.{lang}") and ok
        for extra in sorted(set(value) - set(LANGUAGES)):
            self.error(f"{field}.{extra}", "unknown language (use fr and en)")
        return ok

    def integer(self, value: Any, field: str, low: int, high: int | None = None) -> bool:
        # bool is an int in Python, and `level: yes` is a YAML slip worth catching.
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or value < low
            or (high is not None and value > high)
        ):
            span = f"from {low} to {high}" if high is not None else f"at least {low}"
            self.error(field, f"must be a whole number {span}, not {value!r}")
            return False
        return True

    def number(self, value: Any, field: str) -> bool:
        if not isinstance(value, int | float) or isinstance(value, bool):
            self.error(field, f"must be a number, not {value!r}")
            return False
        return True

    def one_of(self, value: Any, field: str, allowed: tuple[str, ...]) -> bool:
        if value not in allowed:
            self.error(field, f"{value!r} is not one of {', '.join(allowed)}")
            return False
        return True

    def unknown_fields(self, allowed: set[str]) -> None:
        for key in sorted(set(self.data) - allowed, key=str):
            self.error(str(key), "unknown field (a typo?)")


def _accepted(c: Checker, spec: dict, field: str) -> None:
    """`accepted: {fr: [...], en: [...]}` with an optional `normalise:` list."""
    accepted = spec.get("accepted")
    if not isinstance(accepted, dict):
        c.error(f"{field}.accepted", "must list the accepted answers per language: {fr: [...], en: [...]}")
    else:
        for lang in LANGUAGES:
            forms = accepted.get(lang)
            if not isinstance(forms, list) or not forms:
                c.error(f"{field}.accepted.{lang}", "must list at least one accepted answer")
            elif not all(isinstance(f, str | int | float) and str(f).strip() for f in forms):
                c.error(f"{field}.accepted.{lang}", "every accepted answer must be a non-empty text")
    rules = spec.get("normalise", [])
    if not isinstance(rules, list) or not set(rules) <= set(NORMALISATIONS):
        c.error(f"{field}.normalise", f"must be a list among {', '.join(NORMALISATIONS)}")


def _numeric(c: Checker, numeric: Any, field: str) -> None:
    if not isinstance(numeric, dict) or "value" not in numeric:
        c.error(field, "must be {value: …, tolerance: …}")
        return
    c.number(numeric["value"], f"{field}.value")
    tolerance = numeric.get("tolerance", 0)
    if c.number(tolerance, f"{field}.tolerance") and tolerance < 0:
        c.error(f"{field}.tolerance", "cannot be negative")
    for extra in sorted(set(numeric) - {"value", "tolerance"}):
        c.error(f"{field}.{extra}", "unknown field")


def _answer_spec(c: Checker, spec: Any, field: str) -> None:
    """One short answer: either `numeric:` or `accepted:` (+ `normalise:`)."""
    if not isinstance(spec, dict):
        c.error(field, "must describe the answer (accepted: … or numeric: …)")
        return
    if "numeric" in spec and "accepted" in spec:
        c.error(field, "give either numeric or accepted, not both")
    elif "numeric" in spec:
        _numeric(c, spec["numeric"], f"{field}.numeric")
    else:
        _accepted(c, spec, field)


def _choices(c: Checker, item_type: str) -> set[str]:
    choices = c.data.get("choices")
    if not isinstance(choices, list):
        c.error("choices", f"a {item_type} item needs a list of 3 or 4 choices")
        return set()
    if not 3 <= len(choices) <= 4:
        c.error("choices", f"has {len(choices)} choices; give 3 or 4")
    ids: set[str] = set()
    for i, choice in enumerate(choices):
        where = f"choices[{i + 1}]"
        if not isinstance(choice, dict):
            c.error(where, "must be a mapping with id, fr, en and why")
            continue
        cid = choice.get("id")
        if not isinstance(cid, str) or not cid:
            c.error(f"{where}.id", "missing choice id")
        elif cid in ids:
            c.error(f"{where}.id", f"choice id {cid!r} is used twice")
        else:
            ids.add(cid)
            where = f"choices.{cid}"
        for lang in LANGUAGES:
            if lang not in choice:
                c.error(f"{where}.{lang}", f"missing {'French' if lang == 'fr' else 'English'} text")
            else:
                c.text(choice[lang], f"{where}.{lang}")
        if "why" not in choice:
            c.error(f"{where}.why", "every choice needs a `why` (why it is right or wrong)")
        else:
            c.text(choice["why"], f"{where}.why")
        for extra in sorted(set(choice) - {"id", "fr", "en", "why"}, key=str):
            c.error(f"{where}.{extra}", "unknown field")
    return ids


def _key(c: Checker, item_type: str, ids: set[str]) -> None:
    key = c.data.get("key")
    if not isinstance(key, list) or not all(isinstance(k, str) for k in key):
        c.error("key", "must be a list of choice ids, e.g. [c]")
        return
    if item_type == "single" and len(key) != 1:
        c.error("key", f"a single-answer item needs exactly one key, not {len(key)}")
    if item_type == "multiple" and not key:
        c.error("key", "a multiple-answer item needs at least one key")
    if len(set(key)) != len(key):
        c.error("key", "an id appears twice")
    for k in key:
        if ids and k not in ids:
            c.error("key", f"{k!r} is not among the choices ({', '.join(sorted(ids))})")


def _fields(c: Checker) -> None:
    fields = c.data.get("fields")
    if not isinstance(fields, list) or not fields:
        c.error("fields", "a fields item needs a list of fields")
        return
    ids: set[str] = set()
    for i, spec in enumerate(fields):
        where = f"fields[{i + 1}]"
        if not isinstance(spec, dict):
            c.error(where, "must be a mapping with id, label and the answer")
            continue
        fid = spec.get("id")
        if not isinstance(fid, str) or not KEBAB.match(fid.replace("_", "-")):
            c.error(f"{where}.id", "needs an id (letters, digits, hyphens)")
        elif fid in ids:
            c.error(f"{where}.id", f"field id {fid!r} is used twice")
        else:
            ids.add(fid)
            where = f"fields.{fid}"
        c.bilingual(spec.get("label"), f"{where}.label")
        _answer_spec(c, {k: v for k, v in spec.items() if k not in ("id", "label")}, where)
        for extra in sorted(set(spec) - {"id", "label", "numeric", "accepted", "normalise"}, key=str):
            c.error(f"{where}.{extra}", "unknown field")


def _attachment(c: Checker, attachment_files: set[str] | None) -> None:
    attachment = c.data["attachment"]
    if not isinstance(attachment, dict):
        c.error("attachment", "must be {file: …, title: {fr: …, en: …}}")
        return
    path = attachment.get("file")
    if c.text(path, "attachment.file"):
        parts = PurePosixPath(path).parts
        if path.startswith("/") or ".." in parts or "\\" in path:
            c.error("attachment.file", "must be a relative path under content/attachments/")
        elif attachment_files is not None and path not in attachment_files:
            c.error(
                "attachment.file", f"no file content/attachments/{path} (run content/generators/build.py?)"
            )
    c.bilingual(attachment.get("title"), "attachment.title")


def _review(c: Checker, item_type: str) -> None:
    review = c.data.get("review")
    live = c.data.get("status") == "live"
    if review is None:
        if live:
            c.error("review", "a live item needs a second reading (review: reviewer, date, checked)")
        return
    if not isinstance(review, dict):
        c.error("review", "must be a mapping with reviewer, date, checked")
        return
    reviewer = review.get("reviewer")
    if c.text(reviewer, "review.reviewer") and reviewer == c.data.get("author"):
        c.error("review.reviewer", "the reviewer must be someone other than the author")
    checked = review.get("checked")
    if not isinstance(checked, list):
        c.error("review.checked", "must list what the reviewer checked")
        return
    for unknown in sorted(set(checked) - REVIEW_CHECKS, key=str):
        c.error("review.checked", f"{unknown!r} is not one of {', '.join(sorted(REVIEW_CHECKS))}")
    if live:
        needed = list(REQUIRED_REVIEW_CHECKS)
        if item_type in ("single", "multiple"):
            needed.insert(1, "distractors")
        if "attachment" in c.data:
            needed.append("attachment")
        missing = [n for n in needed if n not in checked]
        if missing:
            c.error("review.checked", f"a live item needs these checked: {', '.join(missing)}")


def stem_words(text: str) -> int:
    return len(text.split())


def check_item(
    entry: Entry,
    *,
    tutorials: set[str] | None,
    attachment_files: set[str] | None,
    competences: set[str] | None,
) -> list[Problem]:
    """Every rule one item must follow alone. `None` for a reference set skips that check
    (when the reference files could not be read, one error about them is enough)."""
    c = Checker(entry)
    c.unknown_fields(ITEM_FIELDS)
    for name in REQUIRED_ITEM_FIELDS:
        if name not in c.data:
            c.error(name, "missing")
    if "code" in c.data and c.text(c.data["code"], "code") and not CODE.match(c.data["code"]):
        c.error("code", "use letters, digits, dots and hyphens only")
    competence = c.data.get("competence")
    if competence is not None and competences is not None and str(competence) not in competences:
        c.error(
            "competence", f"{competence!r} is not a competence of the {c.data.get('framework')} framework"
        )
    if "topic" in c.data and c.text(c.data["topic"], "topic") and not KEBAB.match(c.data["topic"]):
        c.error("topic", "use kebab-case (lowercase words joined by hyphens)")
    if "level" in c.data:
        c.integer(c.data["level"], "level", 1, 8)
    item_type = c.data.get("type")
    if "type" in c.data and not c.one_of(item_type, "type", ITEM_TYPES):
        item_type = None
    usage = c.data.get("usage")
    if "usage" in c.data and (not isinstance(usage, list) or not usage or not set(usage) <= set(USAGES)):
        c.error("usage", f"must be a non-empty list among {', '.join(USAGES)}")
    if "status" in c.data:
        c.one_of(c.data["status"], "status", STATUSES)
    if "author" in c.data:
        c.text(c.data["author"], "author")
    for name in ("stem", "explanation"):
        if name in c.data and c.bilingual(c.data[name], name):
            for lang in LANGUAGES:
                words = stem_words(c.data[name][lang])
                if name == "stem" and words > STEM_WORDS_ERROR:
                    c.error(
                        f"stem.{lang}",
                        f"{words} words; keep a stem under {STEM_WORDS_ERROR} (aim for {STEM_WORDS_WARNING})",
                    )
                elif name == "stem" and words > STEM_WORDS_WARNING:
                    c.warn(
                        f"stem.{lang}",
                        f"{words} words; a stem over {STEM_WORDS_WARNING} words is hard to read",
                    )
    if item_type in ("single", "multiple"):
        _key(c, item_type, _choices(c, item_type))
        for name in ("answer", "fields"):
            if name in c.data:
                c.error(name, f"a {item_type} item takes choices and key, not {name}")
    elif item_type in ("short", "fields"):
        for name in ("choices", "key", "fields" if item_type == "short" else "answer"):
            if name in c.data:
                c.error(name, f"a {item_type} item does not take {name}")
        if item_type == "short":
            _answer_spec(c, c.data.get("answer"), "answer")
        else:
            _fields(c)
    refs = c.data.get("tutorials", [])
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        c.error("tutorials", "must be a list of tutorial codes")
    elif tutorials is not None:
        for ref in refs:
            if ref not in tutorials:
                c.error("tutorials", f"no tutorial {ref!r} in content/tutorials/")
    if "attachment" in c.data:
        _attachment(c, attachment_files)
    if "irt" in c.data:
        irt = c.data["irt"]
        if not isinstance(irt, dict) or set(irt) - {"a", "b"}:
            c.error("irt", "must be {a: …, b: …}")
        else:
            if "a" in irt and c.number(irt["a"], "irt.a") and irt["a"] <= 0:
                c.error("irt.a", "discrimination must be positive")
            if "b" in irt:
                c.number(irt["b"], "irt.b")
    _review(c, item_type or "")
    return c.problems
