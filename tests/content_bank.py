"""A tiny content bank written into tmp_path, for tests/content and tests/frameworks: one framework of two competences, a
tutorial file, and one valid item of each type (one of them hands-on)."""

import copy
from pathlib import Path

import pytest
import yaml

FRAMEWORK = {
    "code": "crcn",
    "version": "1",
    "name": {"fr": "Cadre test", "en": "Test framework"},
    "attribution": {"fr": "Source test", "en": "Test source"},
    "bands": [{"code": "novice", "levels": [1, 2], "name": {"fr": "Novice", "en": "Novice"}}],
    "levels": [{"number": n, "descriptor": {"fr": f"Niveau {n}", "en": f"Level {n}"}} for n in range(1, 9)],
    "domains": [
        {
            "code": "1",
            "name": {"fr": "Informations", "en": "Information"},
            "competences": [
                {
                    "code": "1.1",
                    "name": {"fr": "Chercher", "en": "Search"},
                    "description": {"fr": "D", "en": "D"},
                },
                {
                    "code": "1.2",
                    "name": {"fr": "Gérer", "en": "Manage"},
                    "description": {"fr": "D", "en": "D"},
                },
            ],
        }
    ],
}
OTHER_FRAMEWORK = {**copy.deepcopy(FRAMEWORK), "code": "other", "version": "2"}
ALIGNMENT = {"alignment": {"from": "crcn", "to": "other"}, "pairs": [{"from": "1.1", "to": ["1.1", "1.2"]}]}
TUTORIALS = {
    "competence": "1.1",
    "tutorials": [
        {
            "code": "tut-1.1-search",
            "level": 2,
            "duration_minutes": 10,
            "languages": ["fr", "en"],
            "title": {"fr": "Chercher", "en": "Searching"},
            "body": {"fr": "Texte", "en": "Text"},
        }
    ],
}
REVIEW = {
    "reviewer": "reader-b",
    "date": "2026-11-29",
    "checked": ["key", "distractors", "fr_en", "level", "attachment"],
}


def single(code="1.1-search-001", **changes):
    item = {
        "code": code,
        "topic": "search",
        "level": 2,
        "type": "single",
        "usage": ["practice", "certification"],
        "status": "live",
        "author": "writer-a",
        "stem": {
            "fr": "Quel mot clé cherche une expression exacte ?",
            "en": "Which operator finds an exact phrase?",
        },
        "choices": [
            {"id": "a", "fr": "Les guillemets", "en": "Quotation marks", "why": "Key."},
            {"id": "b", "fr": "Le signe moins", "en": "The minus sign", "why": "Removes words."},
            {"id": "c", "fr": "Le mot OR", "en": "The word OR", "why": "Either word."},
        ],
        "key": ["a"],
        "explanation": {"fr": "Les guillemets gardent l'expression.", "en": "Quotes keep the phrase."},
        "tutorials": ["tut-1.1-search"],
        "review": dict(REVIEW),
    }
    item.update(changes)
    return item


def multiple(code="1.1-search-002", **changes):
    stem = {
        "fr": "Quels opérateurs élargissent ou précisent une recherche ? Cochez toutes les bonnes réponses.",
        "en": "Which operators widen or narrow a search? Select all that apply.",
    }
    return single(code, **{"type": "multiple", "key": ["a", "c"], "stem": stem, **changes})


def short(code="1.1-search-003", **changes):
    item = single(
        code,
        type="short",
        stem={
            "fr": "Ouvrez la page jointe. Quel est le titre ?",
            "en": "Open the attached page. What is its title?",
        },
    )
    del item["choices"], item["key"]
    item["answer"] = {
        "accepted": {"fr": ["Télétravail"], "en": ["Remote work", "Télétravail"]},
        "normalise": ["case", "accents", "spaces"],
    }
    item["attachment"] = {"file": "1.1/page.html", "title": {"fr": "La page", "en": "The page"}}
    item.update(changes)
    return item


def fields(code="1.1-search-004", **changes):
    item = single(
        code,
        type="fields",
        stem={
            "fr": "Combien de résultats et en quelle année ?",
            "en": "How many results, and in which year?",
        },
    )
    del item["choices"], item["key"]
    item["review"] = {**REVIEW, "checked": ["key", "fr_en", "level"]}
    item["fields"] = [
        {
            "id": "total",
            "label": {"fr": "Total (€)", "en": "Total (€)"},
            "numeric": {"value": 412.8, "tolerance": 0.01},
        },
        {
            "id": "month",
            "label": {"fr": "Mois", "en": "Month"},
            "accepted": {"fr": ["mars"], "en": ["March"]},
            "normalise": ["case"],
        },
    ]
    item.update(changes)
    return item


def write_yaml(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_items(root: Path, name: str, items: list[dict], competence: str = "1.1") -> Path:
    return write_yaml(root / "items" / name, {"competence": competence, "items": items})


@pytest.fixture
def bank(tmp_path) -> Path:
    root = tmp_path / "content"
    write_yaml(root / "frameworks" / "crcn.yaml", FRAMEWORK)
    write_yaml(root / "frameworks" / "other.yaml", OTHER_FRAMEWORK)
    write_yaml(root / "frameworks" / "alignment-crcn-other.yaml", ALIGNMENT)
    write_yaml(root / "tutorials" / "1.1.yaml", TUTORIALS)
    write_items(root, "1.1-search.yaml", [single(), multiple(), short(), fields()])
    (root / "attachments" / "1.1").mkdir(parents=True)
    (root / "attachments" / "1.1" / "page.html").write_text("<h1>Télétravail</h1>", encoding="utf-8")
    return root
