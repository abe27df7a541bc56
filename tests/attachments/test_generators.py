"""The attachments of hands-on items are built by scripts, so a wrong figure is fixed in
the script, never by hand: the committed files must be exactly what the scripts build."""

import filecmp
import hashlib
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


def build(out: Path) -> None:
    spec = importlib.util.spec_from_file_location("build", CONTENT / "generators" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build_all(out), "no generator found"


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_generators_rebuild_the_committed_attachments_byte_for_byte(tmp_path):
    build(tmp_path)
    assert digest(tmp_path) == digest(CONTENT / "attachments")


def test_two_builds_are_identical(tmp_path):
    build(tmp_path / "one")
    build(tmp_path / "two")
    comparison = filecmp.dircmp(tmp_path / "one", tmp_path / "two")
    assert digest(tmp_path / "one") == digest(tmp_path / "two"), comparison.diff_files


def test_every_attachment_is_small_enough_to_open_on_a_phone():
    too_big = [
        p.name for p in (CONTENT / "attachments").rglob("*") if p.is_file() and p.stat().st_size > 200_000
    ]
    assert too_big == []
