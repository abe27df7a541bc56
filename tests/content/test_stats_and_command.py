import json

import pytest
from django.core.management import call_command

from acculture.content.models import Item
from acculture.content.stats import bank_stats
from tests.content_bank import single, write_items


def test_stats_count_the_files_without_a_database(bank):
    stats = bank_stats(bank)
    for key in (
        "items_live",
        "hands_on_live",
        "by_competence_level",
        "tutorials_by_competence",
        "languages",
        "by_usage",
        "by_status",
        "by_type",
    ):
        assert key in stats
    assert stats["items_live"] == 4 and stats["hands_on_live"] == 1
    assert stats["by_competence_level"]["1.1"]["2"] == 4 and stats["by_competence_level"]["1.2"]["2"] == 0
    assert stats["tutorials_by_competence"] == {"1.1": 1, "1.2": 0}
    assert stats["languages"] == {"fr": 4, "en": 4}
    assert stats["by_type"] == {"single": 1, "multiple": 1, "short": 1, "fields": 1}
    assert stats["by_usage"] == {"practice": 4, "certification": 4, "pretest": 0}


def test_draft_items_count_in_by_status_only(bank):
    write_items(
        bank,
        "1.1-draft.yaml",
        [single("1.1-draft-001", status="draft", stem={"fr": "Brouillon", "en": "Draft"})],
    )
    stats = bank_stats(bank)
    assert stats["by_status"] == {"draft": 1, "live": 4, "retired": 0}
    assert stats["items_live"] == 4


def test_the_stats_command_prints_json(bank, capsys):
    call_command("content", "stats", "--path", str(bank), "--json")
    assert json.loads(capsys.readouterr().out)["items_live"] == 4


def test_the_lint_command_fails_on_an_error_and_prints_one_line_per_problem(bank, capsys):
    path = write_items(
        bank, "1.1-bad.yaml", [single("1.1-bad-001", key=["z"], stem={"fr": "Autre", "en": "Other"})]
    )
    with pytest.raises(SystemExit) as exit_:
        call_command("content", "lint", str(path))
    assert exit_.value.code == 1
    assert "1.1-bad.yaml: 1.1-bad-001: key: 'z' is not among the choices" in capsys.readouterr().err


def test_the_lint_command_passes_a_good_file(bank, capsys):
    call_command("content", "lint", str(bank / "items" / "1.1-search.yaml"))
    assert "0 error(s)" in capsys.readouterr().out


def test_the_load_command_is_safe_to_rerun(db, bank, capsys):
    call_command("content", "load", "--path", str(bank))
    call_command("content", "load", "--path", str(bank))
    assert capsys.readouterr().out.splitlines()[-1].startswith("0 change(s).")
    assert Item.objects.count() == 4


def test_the_acculture_script_maps_content_lint_to_the_command(bank, capsys):
    from acculture.cli import main

    main(["content", "lint", str(bank / "items" / "1.1-search.yaml")])
    assert "0 error(s)" in capsys.readouterr().out


def test_item_statuses_in_the_models_match_the_file_format():
    from acculture.content.bank import ITEM_TYPES, STATUSES

    assert tuple(Item.Status.values) == STATUSES and tuple(Item.Type.values) == ITEM_TYPES
