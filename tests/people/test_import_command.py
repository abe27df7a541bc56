import pytest
from django.core.management import CommandError, call_command

from acculture.people.models import Organisation, Person


@pytest.fixture
def staff_file(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text("employee_number;first_name;last_name;email\nA1;Ali;Ben;a@x.org\n", encoding="utf-8")
    return path


def test_it_creates_the_organisation_when_asked_and_imports(db, staff_file, capsys):
    call_command("import_people", str(staff_file), org="agence", create_org="Agence")
    assert Person.objects.get().organisation.name == "Agence"
    assert "1 lines imported: 1 new" in capsys.readouterr().out


def test_it_refuses_an_unknown_organisation_without_create_org(db, staff_file):
    with pytest.raises(CommandError, match="--create-org"):
        call_command("import_people", str(staff_file), org="agence")


def test_a_dry_run_for_a_new_organisation_leaves_no_trace(db, staff_file, capsys):
    call_command("import_people", str(staff_file), org="agence", create_org="Agence", dry_run=True)
    assert Organisation.objects.count() == 0
    assert "If you import: 1 new" in capsys.readouterr().out


def test_it_exits_with_an_error_and_one_line_per_problem(db, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("employee_number,first_name,last_name,email\nA1,Ali,Ben,nope\nA1,Bo,Li,b@x.org\n")
    Organisation.objects.create(name="Agence", slug="agence")
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_people", str(bad), org="agence")
    err = capsys.readouterr().err
    assert "line 2, column email ('nope')" in err
    assert "line 3, column employee_number ('A1')" in err
    assert Person.objects.count() == 0


def test_the_console_script_exits_non_zero_on_a_bad_file(tmp_path):
    import os
    import subprocess
    import sys

    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"")
    env = {**os.environ, "ACCULTURE_ENV": "test", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    subprocess.run([sys.executable, "-m", "acculture.cli", "migrate", "-v0"], env=env, check=True)
    result = subprocess.run(
        [sys.executable, "-m", "acculture.cli", "import-people", str(bad), "--org", "x", "--create-org", "X"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode != 0
    assert "Le fichier est vide." in result.stderr  # commands speak French by default


def test_export_writes_the_same_columns_to_a_file(db, staff_file, tmp_path):
    call_command("import_people", str(staff_file), org="agence", create_org="Agence")
    out = tmp_path / "out.csv"
    call_command("export_people", str(out), org="agence")
    lines = out.read_text().splitlines()
    assert lines[0].startswith("employee_number,first_name,last_name,email,unit_path")
    assert lines[1].startswith("A1,Ali,Ben,a@x.org,")
