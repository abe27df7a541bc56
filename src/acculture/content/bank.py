"""Reading the content files: one pass over `content/` that lint, stats and load share.

No Django here, so `acculture content lint` and `stats` run in CI before any database
exists. Parsing never raises on a bad file: it records the problem and moves on, so a
writer sees every problem of the bank in one run.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# libyaml parses the bank ~10× faster than the pure-Python loader; same safe subset.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ITEM_TYPES = ("single", "multiple", "short", "fields")
STATUSES = ("draft", "live", "retired")
USAGES = ("practice", "certification", "pretest")
LANGUAGES = ("fr", "en")
DEFAULT_FRAMEWORK = "crcn"


@dataclass(frozen=True)
class Problem:
    """One thing wrong, printed as `file: item-code: field: what is wrong`."""

    file: str
    code: str
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.file}: {self.code}: {self.field}: {prefix}{self.message}"


@dataclass
class Entry:
    """One item or tutorial as written, with the file it came from."""

    file: Path
    data: dict[str, Any]

    @property
    def code(self) -> str:
        code = self.data.get("code")
        return code if isinstance(code, str) and code else "?"


@dataclass
class Bank:
    root: Path
    frameworks: list[Entry] = field(default_factory=list)
    alignments: list[Entry] = field(default_factory=list)
    items: list[Entry] = field(default_factory=list)
    tutorials: list[Entry] = field(default_factory=list)
    attachment_files: set[str] = field(default_factory=set)  # paths under attachments/
    problems: list[Problem] = field(default_factory=list)  # files that could not be read

    @property
    def attachments_dir(self) -> Path:
        return self.root / "attachments"

    def default_framework(self) -> Entry | None:
        marked = [f for f in self.frameworks if f.data.get("default") is True]
        named = [f for f in self.frameworks if f.data.get("code") == DEFAULT_FRAMEWORK]
        return (marked or named or self.frameworks or [None])[0]


def display(path: Path) -> str:
    """A path as a writer reads it in a message: relative to where they stand."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


UNREADABLE = object()  # what read_yaml returns for a file it has reported as unreadable


def read_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except UnicodeDecodeError:
        problems.append(Problem(display(path), "-", "-", "the file is not UTF-8 text"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "-"
        problems.append(Problem(display(path), "-", where, f"not valid YAML: {getattr(exc, 'problem', exc)}"))
    return UNREADABLE


def _entries(path: Path, data: Any, list_key: str, problems: list[Problem]) -> list[Entry]:
    """The entries of an items or tutorials file, each carrying the file's `competence`
    (and `framework`) unless it sets its own."""
    if not isinstance(data, dict) or not isinstance(data.get(list_key), list):
        problems.append(
            Problem(display(path), "-", list_key, f"the file needs a top-level `{list_key}:` list")
        )
        return []
    unknown = set(data) - {"competence", "framework", list_key}
    for key in sorted(unknown):
        problems.append(Problem(display(path), "-", key, "unknown top-level field"))
    entries = []
    for i, raw in enumerate(data[list_key]):
        if not isinstance(raw, dict):
            problems.append(
                Problem(display(path), f"#{i + 1}", "-", "each entry must be a mapping of fields")
            )
            continue
        item = dict(raw)
        if "competence" in data:
            item.setdefault("competence", data["competence"])
        item.setdefault("framework", data.get("framework", DEFAULT_FRAMEWORK))
        entries.append(Entry(path, item))
    return entries


def read_framework_file(path: Path, bank: Bank) -> None:
    data = read_yaml(path, bank.problems)
    if data is UNREADABLE:
        return
    if isinstance(data, dict) and "alignment" in data:
        bank.alignments.append(Entry(path, data))
    elif isinstance(data, dict):
        bank.frameworks.append(Entry(path, data))
    else:
        bank.problems.append(Problem(display(path), "-", "-", "a framework file must be a mapping"))


def read_items_file(path: Path, bank: Bank) -> None:
    data = read_yaml(path, bank.problems)
    if data is not UNREADABLE:
        bank.items.extend(_entries(path, data, "items", bank.problems))


def read_tutorials_file(path: Path, bank: Bank) -> None:
    data = read_yaml(path, bank.problems)
    if data is not UNREADABLE:
        bank.tutorials.extend(_entries(path, data, "tutorials", bank.problems))


def _yaml_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def read_bank(root: Path) -> Bank:
    """Read every file of a content directory (frameworks, items, tutorials, attachments)."""
    bank = Bank(root=root)
    for path in _yaml_files(root / "frameworks"):
        read_framework_file(path, bank)
    for path in _yaml_files(root / "tutorials"):
        read_tutorials_file(path, bank)
    for path in _yaml_files(root / "items"):
        read_items_file(path, bank)
    if bank.attachments_dir.is_dir():
        bank.attachment_files = {
            p.relative_to(bank.attachments_dir).as_posix()
            for p in bank.attachments_dir.rglob("*")
            if p.is_file() and not p.name.startswith(".")
        }
    return bank


def content_root_of(path: Path) -> Path:
    """The content directory a single file belongs to (content/items/x.yaml → content/)."""
    if path.parent.name in ("items", "tutorials", "frameworks"):
        return path.parent.parent
    return path.parent


def competence_order(code: str) -> tuple:
    """ "1.10" sorts after "1.9"."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split("."))
