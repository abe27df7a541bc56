"""The rules one tutorial or framework file must follow on its own (docs/content-format.md)."""

from collections.abc import Callable
from typing import Any

from acculture.content.bank import LANGUAGES, Entry, Problem
from acculture.content.schema import CODE, TUTORIAL_FIELDS, Checker


def check_tutorial(entry: Entry, *, competences: set[str] | None) -> list[Problem]:
    c = Checker(entry)
    c.unknown_fields(TUTORIAL_FIELDS)
    for name in ("code", "competence", "level", "duration_minutes", "languages", "title", "body"):
        if name not in c.data:
            c.error(name, "missing")
    if "code" in c.data and c.text(c.data["code"], "code") and not CODE.match(c.data["code"]):
        c.error("code", "use letters, digits, dots and hyphens only")
    competence = c.data.get("competence")
    if competence is not None and competences is not None and str(competence) not in competences:
        c.error(
            "competence", f"{competence!r} is not a competence of the {c.data.get('framework')} framework"
        )
    if "level" in c.data:
        c.integer(c.data["level"], "level", 1, 8)
    if "duration_minutes" in c.data:
        c.integer(c.data["duration_minutes"], "duration_minutes", 1, 600)
    languages = c.data.get("languages")
    if "languages" in c.data and (
        not isinstance(languages, list) or not languages or not set(languages) <= set(LANGUAGES)
    ):
        c.error("languages", "must be a non-empty list among fr, en")
    for name in ("title", "body"):
        if name in c.data:
            c.bilingual(c.data[name], name)
    url = c.data.get("url")
    if url is not None and (not isinstance(url, str) or not url.startswith("https://")):
        c.error("url", "must be an https:// address")
    return c.problems


def _each(c: Checker, value: Any, field: str, check: Callable[[dict, str], None]) -> None:
    if not isinstance(value, list) or not value:
        c.error(field, "must be a non-empty list")
        return
    for i, element in enumerate(value):
        if isinstance(element, dict):
            check(element, f"{field}[{i + 1}]")
        else:
            c.error(f"{field}[{i + 1}]", "must be a mapping")


def check_framework(entry: Entry) -> list[Problem]:
    c = Checker(entry)
    c.unknown_fields({"code", "version", "name", "attribution", "bands", "levels", "domains", "default"})
    for name in ("code", "version", "name", "attribution", "bands", "levels", "domains"):
        if name not in c.data:
            c.error(name, "missing")
    if "code" in c.data:
        c.text(c.data["code"], "code")
    if "version" in c.data and not isinstance(c.data["version"], str):
        c.error("version", 'must be a quoted text, e.g. version: "2024"')
    for name in ("name", "attribution"):
        if name in c.data:
            c.bilingual(c.data[name], name)
    if "default" in c.data and not isinstance(c.data["default"], bool):
        c.error("default", "must be true or false")

    def band(b: dict, where: str) -> None:
        c.text(b.get("code"), f"{where}.code")
        levels = b.get("levels")
        if not isinstance(levels, list) or not levels or not all(isinstance(n, int) for n in levels):
            c.error(f"{where}.levels", "must list level numbers")
        c.bilingual(b.get("name"), f"{where}.name")

    def level(lv: dict, where: str) -> None:
        c.integer(lv.get("number"), f"{where}.number", 0, 8)
        c.bilingual(lv.get("descriptor"), f"{where}.descriptor")

    codes: set[str] = set()

    def competence(comp: dict, where: str) -> None:
        code = comp.get("code")
        if c.text(code, f"{where}.code"):
            if code in codes:
                c.error(f"{where}.code", f"competence {code!r} appears twice")
            codes.add(code)
        c.bilingual(comp.get("name"), f"{where}.name")
        c.bilingual(comp.get("description"), f"{where}.description")

    def domain(d: dict, where: str) -> None:
        c.text(d.get("code"), f"{where}.code")
        c.bilingual(d.get("name"), f"{where}.name")
        _each(c, d.get("competences"), f"{where}.competences", competence)

    for name, check in (("bands", band), ("levels", level), ("domains", domain)):
        if name in c.data:
            _each(c, c.data[name], name, check)
    return c.problems


def framework_competences(entry: Entry) -> set[str]:
    """The competence codes a framework file defines, however malformed the rest is."""
    codes = set()
    for domain in entry.data.get("domains") or []:
        for comp in (domain.get("competences") or []) if isinstance(domain, dict) else []:
            if isinstance(comp, dict) and isinstance(comp.get("code"), str):
                codes.add(comp["code"])
    return codes
