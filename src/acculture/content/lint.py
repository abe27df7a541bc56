"""`acculture content lint [PATH]`: every problem of the bank, one line each.

Linting the whole content directory adds the rules that only make sense for the whole
bank: orphan attachment files and coverage (enough live items at each level of each
competence, enough certification items, enough tutorials). Linting one file checks that
file against the rest of the bank (codes, tutorials, attachments) without coverage, so a
writer can lint their file while the bank is still being written.
"""

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from acculture.content.bank import (
    LANGUAGES,
    Bank,
    Entry,
    Problem,
    competence_order,
    content_root_of,
    display,
    read_bank,
    read_framework_file,
    read_items_file,
    read_tutorials_file,
)
from acculture.content.schema import check_item
from acculture.content.schema_others import check_framework, check_tutorial, framework_competences

NEAR_DUPLICATE = 0.9  # token Jaccard between two stems of one competence
COVERAGE_LEVELS = range(1, 7)  # levels 7–8 are for experts; the bank need not cover them yet
MIN_LIVE_PER_LEVEL = 5
MIN_CERTIFICATION_SHARE = 1 / 3
MIN_TUTORIALS = 3
_WORD = re.compile(r"\w+")


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)."


def _tokens(text: str) -> frozenset[str]:
    text = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return frozenset(_WORD.findall(text))


def _near_duplicates(items: list[Entry], only: set[str] | None) -> list[Problem]:
    """Pairs of stems within one competence sharing ≥ 90 % of their words (in either
    language): the same question twice, or one item giving away another's answer.
    `only`: when linting one file, report pairs involving its items only."""
    by_competence: dict[str, list[tuple[Entry, dict[str, frozenset[str]]]]] = defaultdict(list)
    for entry in items:
        stem = entry.data.get("stem")
        if isinstance(stem, dict) and entry.data.get("status") != "retired":
            tokens = {lang: _tokens(stem[lang]) for lang in LANGUAGES if isinstance(stem.get(lang), str)}
            by_competence[str(entry.data.get("competence"))].append((entry, tokens))
    problems = []
    for group in by_competence.values():
        for (a, ta), (b, tb) in combinations(group, 2):
            if only is not None and a.code not in only and b.code not in only:
                continue
            for lang in LANGUAGES:
                x, y = ta.get(lang), tb.get(lang)
                if x and y and len(x & y) / len(x | y) >= NEAR_DUPLICATE:
                    problems.append(
                        Problem(
                            display(b.file),
                            b.code,
                            f"stem.{lang}",
                            f"nearly the same stem as {a.code} ({display(a.file)})",
                        )
                    )
                    break
    return problems


def _duplicate_codes(entries: list[Entry], kind: str, only: set[Path] | None) -> list[Problem]:
    seen: dict[str, Entry] = {}
    problems = []
    for entry in entries:
        code = entry.data.get("code")
        if not isinstance(code, str):
            continue
        if code in seen and (only is None or entry.file in only or seen[code].file in only):
            first = seen[code]
            problems.append(
                Problem(
                    display(entry.file), code, "code", f"{kind} code already used in {display(first.file)}"
                )
            )
        seen.setdefault(code, entry)
    return problems


def _coverage(bank: Bank, competences: list[str]) -> list[Problem]:
    where = display(bank.root / "items")
    live = [e.data for e in bank.items if e.data.get("status") == "live"]
    per_level = Counter((str(d.get("competence")), d.get("level")) for d in live)
    per_competence = Counter(str(d.get("competence")) for d in live)
    certification = Counter(
        str(d.get("competence")) for d in live if "certification" in (d.get("usage") or [])
    )
    tutorials = Counter(str(e.data.get("competence")) for e in bank.tutorials)
    problems = []
    for comp in competences:
        for level in COVERAGE_LEVELS:
            n = per_level[(comp, level)]
            if n < MIN_LIVE_PER_LEVEL:
                problems.append(
                    Problem(
                        where,
                        comp,
                        f"level {level}",
                        f"{n} live item(s); the bank needs at least {MIN_LIVE_PER_LEVEL}",
                    )
                )
        total, cert = per_competence[comp], certification[comp]
        if total and cert < total * MIN_CERTIFICATION_SHARE:
            problems.append(
                Problem(
                    where,
                    comp,
                    "usage",
                    f"{cert} of {total} live items are usable in certification; at least a third must be",
                )
            )
        if tutorials[comp] < MIN_TUTORIALS:
            problems.append(
                Problem(
                    display(bank.root / "tutorials"),
                    comp,
                    "tutorials",
                    f"{tutorials[comp]} tutorial(s); each competence needs at least {MIN_TUTORIALS}",
                )
            )
    return problems


def lint_bank(bank: Bank, *, only_files: set[Path] | None = None, coverage: bool = True) -> Report:
    """All problems of `bank`; with `only_files`, just those of these files (no coverage).
    `coverage=False` leaves out the whole-bank targets (the loader loads a partial bank)."""
    whole = only_files is None
    # Unreadable files other than the one being linted are not this writer's concern.
    report = Report([p for p in bank.problems if whole or p.file in {display(f) for f in only_files}])

    def mine(entry: Entry) -> bool:
        return whole or entry.file in only_files

    frameworks_ok = not any(p.file.startswith(display(bank.root / "frameworks")) for p in bank.problems)
    competences_by_framework: dict[str, set[str]] = {}
    for fw in bank.frameworks:
        if mine(fw):
            report.problems += check_framework(fw)
        competences_by_framework[str(fw.data.get("code"))] = framework_competences(fw)
    for alignment in bank.alignments:
        if mine(alignment):
            report.problems += _check_alignment(alignment, competences_by_framework)
    tutorials_ok = not any(p.file.startswith(display(bank.root / "tutorials")) for p in bank.problems)
    tutorial_codes = {e.data.get("code") for e in bank.tutorials} if tutorials_ok else None
    for entry in bank.tutorials:
        if mine(entry):
            known = competences_by_framework.get(entry.data.get("framework")) if frameworks_ok else None
            report.problems += check_tutorial(entry, competences=known)
    attachment_files = bank.attachment_files if bank.attachments_dir.is_dir() else None
    for entry in bank.items:
        if mine(entry):
            known = competences_by_framework.get(entry.data.get("framework")) if frameworks_ok else None
            report.problems += check_item(
                entry, tutorials=tutorial_codes, attachment_files=attachment_files, competences=known
            )
    report.problems += _duplicate_codes(bank.items, "item", only_files)
    report.problems += _duplicate_codes(bank.tutorials, "tutorial", only_files)
    only_codes = None if whole else {e.code for e in bank.items if e.file in only_files}
    report.problems += _near_duplicates(bank.items, only_codes)
    if whole:
        referenced = {
            e.data["attachment"].get("file") for e in bank.items if isinstance(e.data.get("attachment"), dict)
        }
        for orphan in sorted(bank.attachment_files - referenced):
            report.problems.append(
                Problem(
                    display(bank.attachments_dir / orphan), "-", "-", "no item uses this file", warning=True
                )
            )
        default = bank.default_framework()
        if default is not None and coverage:
            report.problems += _coverage(bank, sorted(framework_competences(default), key=competence_order))
    return report


def _check_alignment(entry: Entry, frameworks: dict[str, set[str]]) -> list[Problem]:
    file, problems = display(entry.file), []
    head = entry.data.get("alignment")
    if not isinstance(head, dict) or not {"from", "to"} <= set(head):
        return [Problem(file, "-", "alignment", "must be {from: framework, to: framework}")]
    source, target = frameworks.get(str(head["from"])), frameworks.get(str(head["to"]))
    for side, known in (("from", source), ("to", target)):
        if known is None:
            problems.append(
                Problem(file, "-", f"alignment.{side}", f"no framework {head[side]!r} in this directory")
            )
    pairs = entry.data.get("pairs")
    if not isinstance(pairs, list):
        return [*problems, Problem(file, "-", "pairs", "must be a list of {from: code, to: [codes]}")]
    for i, pair in enumerate(pairs):
        if not isinstance(pair, dict) or not isinstance(pair.get("to"), list):
            problems.append(Problem(file, f"#{i + 1}", "pairs", "must be {from: code, to: [codes]}"))
            continue
        code = str(pair.get("from"))
        if source is not None and code not in source:
            problems.append(Problem(file, code, "from", f"not a competence of {head['from']}"))
        for to in pair["to"]:
            if target is not None and str(to) not in target:
                problems.append(Problem(file, code, "to", f"{to!r} is not a competence of {head['to']}"))
    return problems


def lint(path: Path) -> Report:
    """Lint a content directory (the whole bank, coverage included) or one file in it."""
    if path.is_dir():
        return lint_bank(read_bank(path))
    if not path.is_file():
        return Report([Problem(display(path), "-", "-", "no such file or directory")])
    root = content_root_of(path)
    bank = read_bank(root) if root.is_dir() else Bank(root=root)
    resolved = path.resolve()
    if not any(
        e.file.resolve() == resolved
        for e in [*bank.items, *bank.tutorials, *bank.frameworks, *bank.alignments]
    ):
        # A file outside the usual folders: read it on its own, as what its folder says.
        reader = {"tutorials": read_tutorials_file, "frameworks": read_framework_file}.get(
            path.parent.name, read_items_file
        )
        reader(path, bank)
    target = {
        e.file
        for e in [*bank.items, *bank.tutorials, *bank.frameworks, *bank.alignments]
        if e.file.resolve() == resolved
    }
    return lint_bank(bank, only_files=target or {path})
