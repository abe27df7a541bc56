import json

from acculture.psychometrics.cli import main

KEYS = {
    "design",
    "examinees",
    "items_mean",
    "items_p95",
    "items_max",
    "rmse_mean",
    "rmse_by_competence",
    "bias_mean",
    "accuracy",
    "accuracy_outside_indifference",
    "max_exposure",
    "never_used_share",
    "step_us_median",
    "step_us_p95",
}


def test_simulate_prints_one_json_object_with_the_documented_keys(capsys):
    status = main(["--examinees", "20", "--items", "160", "--competences", "4", "--json", "--seed", "3"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert set(out) >= KEYS
    assert out["examinees"] == 20 and len(out["rmse_by_competence"]) == 4


def test_simulate_runs_a_gate_and_reports_decision_accuracy(capsys):
    status = main(["--design", "gate", "--examinees", "50", "--items", "200", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert 0.5 <= out["accuracy"] <= 1.0
    assert out["items_max"] <= 40


def test_simulate_prints_a_human_summary_without_json(capsys):
    assert (
        main(
            [
                "--design",
                "fixed",
                "--max-items",
                "8",
                "--examinees",
                "10",
                "--items",
                "80",
                "--competences",
                "2",
            ]
        )
        == 0
    )
    assert "fixed design, 10 simulated people" in capsys.readouterr().out


def test_simulate_reads_a_bank_file(tmp_path, capsys):
    bank = [
        {"id": f"q{i}", "competence": "1.1" if i % 2 else "1.2", "a": 1.2, "b": i / 20 - 1} for i in range(40)
    ]
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(bank))
    assert main(["--bank", str(path), "--examinees", "10", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["bank_items"] == 40


def test_simulate_rejects_bad_input_with_status_two(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "q1", "competence": "1.1", "a": -1, "b": 0}]))
    assert main(["--bank", str(bad)]) == 2
    assert "'q1': discrimination a must be finite and > 0" in capsys.readouterr().err
    assert main(["--design", "nope"]) == 2
    assert main(["--min-items", "9", "--max-items", "3"]) == 2
    assert main(["--correlation", "1.5"]) == 2
    assert main(["--bank", str(tmp_path / "missing.json")]) == 2
    assert "cannot read bank" in capsys.readouterr().err
