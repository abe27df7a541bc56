import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from acculture import config

PRODUCTION_ENV = {
    "ACCULTURE_ENV": "production",
    "ACCULTURE_SECRET_KEY": "k" * 30 + "-Zq8!v#2p$Lr7@Wm5&Tn3^Hb9*Jd1%Xc",
    "ACCULTURE_ALLOWED_HOSTS": "acculture.example.org",
    "ACCULTURE_CSRF_TRUSTED_ORIGINS": "https://acculture.example.org",
}


def run_cli(*args, env_extra=None, tmp_path=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCULTURE_", "DJANGO_"))}
    env.update(env_extra or {})
    if tmp_path is not None:
        env["ACCULTURE_VAR_DIR"] = str(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "acculture.cli", *args], env=env, capture_output=True, text=True
    )


def test_a_yes_no_variable_that_is_neither_fails_loudly(monkeypatch):
    monkeypatch.setenv("ACCULTURE_X", "maybe")
    with pytest.raises(ImproperlyConfigured, match="ACCULTURE_X='maybe' is not a yes/no value"):
        config.env_bool("ACCULTURE_X", False)


def test_a_number_out_of_range_fails_loudly(monkeypatch):
    monkeypatch.setenv("ACCULTURE_MIN_GROUP_SIZE", "2")
    with pytest.raises(ImproperlyConfigured, match="below the minimum of 3"):
        config.env_int("ACCULTURE_MIN_GROUP_SIZE", 5, minimum=3)


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.delenv("ACCULTURE_SECRET", raising=False)
    monkeypatch.setenv("ACCULTURE_SECRET_FILE", str(secret))
    assert config.env_str("ACCULTURE_SECRET") == "from-a-file"


def test_a_missing_required_variable_names_itself(monkeypatch):
    monkeypatch.delenv("ACCULTURE_NOPE", raising=False)
    with pytest.raises(ImproperlyConfigured, match="Set the environment variable ACCULTURE_NOPE"):
        config.env_str("ACCULTURE_NOPE")


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_cli("check", env_extra={"ACCULTURE_ENV": "production"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ACCULTURE_SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    result = run_cli(
        "check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_an_unknown_environment_name_is_refused(tmp_path):
    result = run_cli("check", env_extra={"ACCULTURE_ENV": "prod"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "is not one of: development, test, production" in result.stderr


def test_every_variable_the_settings_read_is_documented():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    read = set(re.findall(r'"(ACCULTURE_[A-Z_]+)"', (root / "src/acculture/settings.py").read_text()))
    documented = (root / "docs/configuration.md").read_text()
    assert sorted(v for v in read if v not in documented) == []
