"""A small bank built in code: a default framework of three competences, each with
single-choice items at levels 1–6 (key "b"), a short-answer item and a tutorial."""

import pytest

from acculture.content.models import Item, Tutorial
from acculture.frameworks.models import Band, Competence, Domain, Framework

CODES = ("1.1", "1.2", "2.1")


def make_bank(codes=CODES, per_level=2, levels=range(1, 7)) -> Framework:
    framework = Framework.objects.create(
        code="test", version="1", name_fr="Cadre test", name_en="Test framework",
        attribution_fr="-", attribution_en="-", is_default=True, content_hash="x",
    )  # fmt: skip
    for code, (low, high) in {
        "novice": (1, 2),
        "independent": (3, 4),
        "advanced": (5, 6),
        "expert": (7, 8),
    }.items():
        Band.objects.create(framework=framework, code=code, name_fr=code.capitalize(), name_en=code.capitalize(),
                            min_level=low, max_level=high)  # fmt: skip
    domain = Domain.objects.create(framework=framework, code="1", name_fr="Domaine", name_en="Domain")
    for order, code in enumerate(codes):
        competence = Competence.objects.create(
            framework=framework, domain=domain, code=code, name_fr=f"Compétence {code}", name_en=f"Competence {code}",
            order=order,
        )  # fmt: skip
        tutorial = Tutorial.objects.create(
            code=f"tut-{code}", competence=competence, level=3, duration_minutes=10, languages=["fr", "en"],
            title_fr=f"Tutoriel {code}", title_en=f"Tutorial {code}", body_fr="…", body_en="…", content_hash="x",
        )  # fmt: skip
        for level in levels:
            for n in range(per_level):
                item = Item.objects.create(
                    code=f"{code}-t{level}-{n}", competence=competence, topic=f"topic-{level % 3}", level=level,
                    type=Item.Type.SINGLE, for_practice=True, status=Item.Status.LIVE,
                    stem_fr=f"Question {code} niveau {level} n°{n} ?", stem_en=f"Question {code} level {level} #{n}?",
                    explanation_fr="Parce que b.", explanation_en="Because b.",
                    choices=[{"id": i, "fr": f"Choix {i}", "en": f"Choice {i}"} for i in "abc"],
                    answer={"key": ["b"]}, author="test", content_hash="x",
                )  # fmt: skip
                item.tutorials.add(tutorial)
        Item.objects.create(
            code=f"{code}-short", competence=competence, topic="typing", level=3, type=Item.Type.SHORT,
            for_practice=True, status=Item.Status.LIVE, stem_fr="Combien ?", stem_en="How many?",
            explanation_fr="Quarante-deux.", explanation_en="Forty-two.",
            answer={"numeric": {"value": 42, "tolerance": 0}}, author="test", content_hash="x",
        )  # fmt: skip
    return framework


@pytest.fixture
def bank(db):
    return make_bank()


def right_answer(item: Item) -> dict:
    if item.type == Item.Type.SHORT:
        return {"answer": "42"}
    return {"answer": item.answer["key"][0]}
