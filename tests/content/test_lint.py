import pytest

from acculture.content.bank import display
from acculture.content.lint import lint
from tests.content_bank import fields, multiple, short, single, write_items, write_yaml


def errors(report):
    return [str(p) for p in report.errors]


def test_the_fixture_bank_file_has_no_error(bank):
    report = lint(bank / "items" / "1.1-search.yaml")
    assert report.ok, errors(report)


def without(item, *keys):
    return {k: v for k, v in item.items() if k not in keys}


@pytest.mark.parametrize(
    ("item", "field", "says"),
    [
        (without(single(), "explanation"), "explanation", "missing"),
        (single(key=["z"]), "key", "'z' is not among the choices"),
        (single(key=["a", "b"]), "key", "exactly one key, not 2"),
        (multiple(key=[]), "key", "at least one key"),
        (single(stem={"fr": "Une question ?"}), "stem.en", "missing English text"),
        (short(answer={"accepted": {"fr": ["x"]}}), "answer.accepted.en", "at least one accepted answer"),
        (single(type="essay"), "type", "'essay' is not one of"),
        (single(level=9), "level", "from 1 to 8"),
        (single(level="3"), "level", "from 1 to 8"),
        (
            short(attachment={"file": "1.1/missing.pdf", "title": {"fr": "x", "en": "x"}}),
            "attachment.file",
            "no file",
        ),
        (
            short(attachment={"file": "../secret.txt", "title": {"fr": "x", "en": "x"}}),
            "attachment.file",
            "relative path",
        ),
        (single(tutorials=["tut-nowhere"]), "tutorials", "no tutorial 'tut-nowhere'"),
        (single(choices=single()["choices"][:2]), "choices", "give 3 or 4"),
        (
            single(choices=[{**c, "why": ""} if c["id"] == "b" else c for c in single()["choices"]]),
            "choices.b.why",
            "non-empty",
        ),
        (single(review=None), "review", "needs a second reading"),
        (
            single(review={"reviewer": "writer-a", "checked": ["key", "distractors", "fr_en", "level"]}),
            "review.reviewer",
            "someone other than the author",
        ),
        (
            single(review={"reviewer": "r", "checked": ["key", "level"]}),
            "review.checked",
            "distractors, fr_en",
        ),
        (
            short(review={"reviewer": "r", "checked": ["key", "fr_en", "level"]}),
            "review.checked",
            "attachment",
        ),
        (single(competence="9.9"), "competence", "'9.9' is not a competence"),
        (single(explanaton={"fr": "x", "en": "y"}), "explanaton", "unknown field"),
        (
            fields(fields=[{"id": "total", "label": {"fr": "Total"}, "numeric": {"value": 1}}]),
            "fields.total.label.en",
            "missing English",
        ),
        (single(stem={"fr": "mot " * 141, "en": "Short?"}), "stem.fr", "141 words"),
    ],
)
def test_a_malformed_item_is_reported_naming_the_file_the_item_and_the_field(bank, item, field, says):
    if item.get("review") is None:
        item.pop("review", None)
    path = write_items(bank, "1.1-broken.yaml", [item])
    report = lint(path)
    expected_start = f"{display(path)}: {item['code']}: {field}: "
    assert any(e.startswith(expected_start) and says in e for e in errors(report)), errors(report)


def test_a_code_used_in_two_files_is_an_error_naming_both(bank):
    path = write_items(
        bank, "1.1-copy.yaml", [single(stem={"fr": "Tout autre chose ici", "en": "Something else"})]
    )
    report = lint(path)
    assert any(
        "1.1-search-001: code: item code already used in" in e and "1.1-search.yaml" in e
        for e in errors(report)
    )


def test_two_nearly_identical_stems_in_one_competence_are_an_error(bank):
    twin = single("1.1-search-009", stem={**single()["stem"], "en": "Which operator finds an exact phrase ?"})
    path = write_items(bank, "1.1-twin.yaml", [twin])
    report = lint(path)
    assert any("1.1-search-009: stem.fr: nearly the same stem as 1.1-search-001" in e for e in errors(report))


def test_a_long_stem_is_a_warning_that_does_not_fail(bank):
    path = write_items(
        bank, "1.1-long.yaml", [single("1.1-long-001", stem={"fr": "mot " * 95, "en": "Short?"})]
    )
    report = lint(path)
    assert report.ok
    assert any("1.1-long-001: stem.fr: warning: 95 words" in str(w) for w in report.warnings)


def test_unreadable_yaml_is_reported_with_its_line(bank):
    path = bank / "items" / "1.1-bad.yaml"
    path.write_text("competence: '1.1'\nitems:\n  - code: [unclosed\n", encoding="utf-8")
    report = lint(path)
    assert any(e.startswith(f"{display(path)}: -: line ") for e in errors(report))


def test_coverage_gaps_are_errors_only_when_linting_the_whole_bank(bank):
    whole = lint(bank)
    assert any(": 1.2: level 1: 0 live item(s)" in e for e in errors(whole))
    assert any(": 1.1: tutorials: 1 tutorial(s)" in e for e in errors(whole))
    one_file = lint(bank / "items" / "1.1-search.yaml")
    assert one_file.ok


def test_an_attachment_file_no_item_uses_is_a_warning(bank):
    (bank / "attachments" / "1.1" / "unused.csv").write_text("a,b\n")
    report = lint(bank)
    assert any("unused.csv: -: -: warning: no item uses this file" in str(w) for w in report.warnings)


def test_a_broken_alignment_names_the_unknown_competence(bank):
    write_yaml(
        bank / "frameworks" / "alignment-crcn-other.yaml",
        {"alignment": {"from": "crcn", "to": "other"}, "pairs": [{"from": "1.1", "to": ["7.7"]}]},
    )
    report = lint(bank)
    assert any(
        "alignment-crcn-other.yaml: 1.1: to: '7.7' is not a competence of other" in e for e in errors(report)
    )
