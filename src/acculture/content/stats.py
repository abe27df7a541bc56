"""`acculture content stats [--json]`: what the bank holds, counted from the files.

Reads files only (no database), so CI can publish the numbers before `migrate`. Entries
too malformed to classify are skipped here; `content lint` is where they are reported.
"""

from collections import Counter
from pathlib import Path

from acculture.content.bank import ITEM_TYPES, LANGUAGES, STATUSES, USAGES, competence_order, read_bank
from acculture.content.schema_others import framework_competences

LEVELS = range(1, 9)


def _has_language(item: dict, lang: str) -> bool:
    stem = item.get("stem")
    return isinstance(stem, dict) and isinstance(stem.get(lang), str) and bool(stem[lang].strip())


def bank_stats(root: Path) -> dict:
    bank = read_bank(root)
    items = [e.data for e in bank.items]
    live = [d for d in items if d.get("status") == "live"]
    default = bank.default_framework()
    competences = set(framework_competences(default)) if default else set()
    competences |= {str(d.get("competence")) for d in items} | {
        str(e.data.get("competence")) for e in bank.tutorials
    }
    competences.discard("None")
    ordered = sorted(competences, key=competence_order)
    by_competence_level = {c: {str(level): 0 for level in LEVELS} for c in ordered}
    for d in live:
        row = by_competence_level.get(str(d.get("competence")))
        if row is not None and str(d.get("level")) in row:
            row[str(d.get("level"))] += 1
    tutorials = Counter(str(e.data.get("competence")) for e in bank.tutorials)
    usage = Counter(u for d in live for u in (d.get("usage") or []) if u in USAGES)
    return {
        "items": len(items),
        "items_live": len(live),
        "hands_on_live": sum(1 for d in live if d.get("attachment")),
        "by_competence_level": by_competence_level,
        "tutorials": len(bank.tutorials),
        "tutorials_by_competence": {c: tutorials[c] for c in ordered},
        "languages": {lang: sum(1 for d in live if _has_language(d, lang)) for lang in LANGUAGES},
        "by_usage": {u: usage[u] for u in USAGES},  # live items usable in each context
        "by_status": {s: sum(1 for d in items if d.get("status") == s) for s in STATUSES},
        "by_type": {t: sum(1 for d in live if d.get("type") == t) for t in ITEM_TYPES},  # live only
        "attachments": len(bank.attachment_files),
    }


def render_text(stats: dict) -> str:
    """The same numbers for a person at a terminal: totals, then a competence × level grid."""
    lines = [
        f"Items: {stats['items']} ({stats['items_live']} live, {stats['hands_on_live']} hands-on live)",
        "By status: " + ", ".join(f"{k} {v}" for k, v in stats["by_status"].items()),
        "Live by type: " + ", ".join(f"{k} {v}" for k, v in stats["by_type"].items()),
        "Live by usage: " + ", ".join(f"{k} {v}" for k, v in stats["by_usage"].items()),
        "Live with text in: " + ", ".join(f"{k} {v}" for k, v in stats["languages"].items()),
        "",
        "Live items per competence and level (T = tutorials):",
        "        " + " ".join(f"{n:>3}" for n in LEVELS) + "   T",
    ]
    for comp, row in stats["by_competence_level"].items():
        cells = " ".join(f"{row[str(n)]:>3}" for n in LEVELS)
        lines.append(f"  {comp:<5} {cells} {stats['tutorials_by_competence'].get(comp, 0):>3}")
    return "\n".join(lines)
