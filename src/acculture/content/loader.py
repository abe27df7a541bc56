"""`acculture content load`: the files under content/ into the database, idempotently.

The bank is linted first (without coverage) and nothing is written if a file has an
error: all or nothing, in one transaction. Each row keeps a hash of what it was loaded
from (for items, with the attachment's bytes), so a second load writes nothing and a
changed file updates only its changed items. Items that left the files are retired,
never deleted: responses point at them.

The file's status applies when an item is new or its file entry changed; a status set
in the admin since then stands until the file entry changes (docs/content-admin.md).
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from acculture.content.bank import Bank, Entry, Problem, display, read_bank, read_framework_file
from acculture.content.lint import Report, lint_bank
from acculture.content.models import Item, ItemStatusChange, Tutorial
from acculture.frameworks.loader import (
    alignment_upsert,
    content_hash,
    ensure_default_framework,
    framework_for,
    framework_upsert,
)
from acculture.frameworks.models import Competence

DEFAULT_FRAMEWORK = "crcn"


class ContentRejected(Exception):
    """The files have errors; nothing was loaded."""

    def __init__(self, report: Report) -> None:
        super().__init__(report.summary())
        self.report = report


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def __str__(self) -> str:
        text = f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        return text + (f", {self.retired} retired" if self.retired else "")


@dataclass
class LoadReport:
    frameworks: Counts = field(default_factory=Counts)
    tutorials: Counts = field(default_factory=Counts)
    items: Counts = field(default_factory=Counts)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return sum(c.added + c.updated + c.retired for c in (self.frameworks, self.tutorials, self.items))

    def summary(self) -> str:
        return (
            f"{self.changes} change(s). Frameworks: {self.frameworks}. Tutorials: {self.tutorials}. "
            f"Items: {self.items}."
        )


def _digest_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def _competences(framework_code: str) -> dict[str, Competence]:
    framework = framework_for(framework_code)
    return {c.code: c for c in framework.competences.all()} if framework else {}


def _tutorial_fields(data: dict[str, Any], competence: Competence) -> dict[str, Any]:
    return {
        "competence": competence,
        "level": data["level"],
        "duration_minutes": data["duration_minutes"],
        "languages": list(data["languages"]),
        "title_fr": data["title"]["fr"],
        "title_en": data["title"]["en"],
        "body_fr": data["body"]["fr"],
        "body_en": data["body"]["en"],
        "url": data.get("url") or "",
        "is_active": True,
    }


def _answer(data: dict[str, Any]) -> dict[str, Any]:
    """The scoring spec stored on the item (see scoring.py)."""
    if data["type"] in (Item.Type.SINGLE, Item.Type.MULTIPLE):
        return {"key": list(data["key"])}
    if data["type"] == Item.Type.SHORT:
        return dict(data["answer"])
    return {"fields": [dict(f) for f in data["fields"]]}


def _item_fields(data: dict[str, Any], competence: Competence, entry: Entry) -> dict[str, Any]:
    attachment = data.get("attachment") or {}
    review = data.get("review") or {}
    irt = data.get("irt") or {}
    usage = set(data["usage"])
    return {
        "competence": competence,
        "topic": data["topic"],
        "level": data["level"],
        "type": data["type"],
        "for_practice": "practice" in usage,
        "for_certification": "certification" in usage,
        "for_pretest": "pretest" in usage,
        "stem_fr": data["stem"]["fr"],
        "stem_en": data["stem"]["en"],
        "explanation_fr": data["explanation"]["fr"],
        "explanation_en": data["explanation"]["en"],
        "choices": [dict(c) for c in data.get("choices") or []],
        "answer": _answer(data),
        "attachment": attachment.get("file", ""),
        "attachment_title_fr": (attachment.get("title") or {}).get("fr", ""),
        "attachment_title_en": (attachment.get("title") or {}).get("en", ""),
        "irt_a": irt.get("a"),
        "irt_b": irt.get("b"),
        "author": data["author"],
        "reviewer": review.get("reviewer", ""),
        # JSON has no date type: the review date is kept as ISO text.
        "review": {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in review.items()},
        "source_file": display(entry.file),
    }


def _load_tutorials(bank: Bank, report: LoadReport) -> dict[str, Tutorial]:
    existing = {t.code: t for t in Tutorial.objects.all()}
    competences: dict[str, dict[str, Competence]] = {}
    for entry in bank.tutorials:
        data = entry.data
        known = competences.setdefault(data["framework"], _competences(data["framework"]))
        digest = content_hash(data)
        tutorial = existing.get(data["code"])
        if tutorial is not None and tutorial.content_hash == digest and tutorial.is_active:
            report.tutorials.unchanged += 1
            continue
        values = _tutorial_fields(data, known[str(data["competence"])])
        if tutorial is None:
            existing[data["code"]] = Tutorial.objects.create(code=data["code"], content_hash=digest, **values)
            report.tutorials.added += 1
        else:
            Tutorial.objects.filter(pk=tutorial.pk).update(content_hash=digest, **values)
            report.tutorials.updated += 1
    in_files = {e.data["code"] for e in bank.tutorials}
    report.tutorials.retired += (
        Tutorial.objects.filter(is_active=True).exclude(code__in=in_files).update(is_active=False)
    )
    return existing


def _load_items(bank: Bank, report: LoadReport, tutorials: dict[str, Tutorial], unreviewed: set[str]) -> None:
    existing = {i.code: i for i in Item.objects.all()}
    competences: dict[str, dict[str, Competence]] = {}
    now = timezone.now()
    changes: list[ItemStatusChange] = []
    for entry in bank.items:
        data = dict(entry.data)
        if data["code"] in unreviewed and data["status"] == Item.Status.LIVE:
            data["status"] = Item.Status.DRAFT
        attachment = (data.get("attachment") or {}).get("file")
        digest = content_hash(data, _digest_file(bank.attachments_dir / attachment) if attachment else "")
        item = existing.get(data["code"])
        if item is not None and item.content_hash == digest:
            report.items.unchanged += 1
            continue
        known = competences.setdefault(data["framework"], _competences(data["framework"]))
        values = _item_fields(data, known[str(data["competence"])], entry)
        old_status = item.status if item is not None else ""
        item = item or Item(code=data["code"])
        for name, value in values.items():
            setattr(item, name, value)
        item.content_hash = digest
        if old_status != data["status"]:
            item.status, item.status_changed_at, item.status_changed_by = data["status"], now, None
            note = f"content load from {display(entry.file)}"
            if data["code"] in unreviewed:
                note += " (live in the file, but its review is incomplete: loaded as draft)"
            changes.append(
                ItemStatusChange(item=item, from_status=old_status, to_status=item.status, at=now, note=note)
            )
        if item.pk is None:
            report.items.added += 1
        else:
            report.items.updated += 1
        item.save()
        item.tutorials.set([tutorials[code] for code in data.get("tutorials") or []])
    in_files = {e.data["code"] for e in bank.items}
    for item in Item.objects.exclude(code__in=in_files).exclude(status=Item.Status.RETIRED):
        changes.append(
            ItemStatusChange(
                item=item,
                from_status=item.status,
                to_status=Item.Status.RETIRED,
                at=now,
                note="content load: no longer in the files",
            )
        )
        item.status, item.status_changed_at, item.status_changed_by = Item.Status.RETIRED, now, None
        item.save(update_fields=["status", "status_changed_at", "status_changed_by", "updated_at"])
        report.items.retired += 1
    ItemStatusChange.objects.bulk_create(changes)


def content_load(*, root: Path, unreviewed_as_draft: bool = False) -> LoadReport:
    """Load (or reload) the whole content directory at `root`. Raises ContentRejected
    with every problem when a file has an error. With `unreviewed_as_draft`, live items
    whose review is missing or incomplete are loaded as drafts instead of rejected."""
    if not (root / "items").is_dir():
        # Without this guard a mistyped --path would read an empty bank and retire every item.
        raise ContentRejected(
            Report([Problem(display(root), "-", "-", "not a content directory (no items/ folder)")])
        )
    bank = read_bank(root)
    lint_report = lint_bank(bank, coverage=False)
    unreviewed: set[str] = set()
    if unreviewed_as_draft:
        unreviewed = {p.code for p in lint_report.errors if p.field.startswith("review")}
        lint_report.problems = [
            p for p in lint_report.problems if p.warning or not p.field.startswith("review")
        ]
    if not lint_report.ok:
        raise ContentRejected(lint_report)
    report = LoadReport(warnings=lint_report.warnings)
    with transaction.atomic():
        for entry in bank.frameworks:
            report.frameworks.add(framework_upsert(data=entry.data)[1])
        ensure_default_framework(DEFAULT_FRAMEWORK)
        for entry in bank.alignments:  # counted with the frameworks: an alignment is part of them
            report.frameworks.add(alignment_upsert(data=entry.data)[1])
        tutorials = _load_tutorials(bank, report)
        _load_items(bank, report, tutorials, unreviewed)
    return report


def framework_load(*, path: Path) -> LoadReport:
    """Load one framework file of an organisation's own (same format as content/frameworks/)."""
    bank = Bank(root=path.parent)
    read_framework_file(path, bank)
    lint_report = lint_bank(bank, coverage=False)
    if not lint_report.ok or not bank.frameworks:
        if not bank.frameworks and lint_report.ok:
            lint_report.problems.append(Problem(display(path), "-", "-", "not a framework file"))
        raise ContentRejected(lint_report)
    report = LoadReport()
    with transaction.atomic():
        report.frameworks.add(framework_upsert(data=bank.frameworks[0].data)[1])
    return report
