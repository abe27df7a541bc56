"""Upserting frameworks and alignments from their parsed files (content/frameworks/*.yaml).

Called by `acculture content load`; the file has already passed lint. Each row keeps a
hash of what it was loaded from, so loading the same file twice writes nothing.
"""

import hashlib
import json
from typing import Any

from acculture.frameworks.models import Alignment, AlignmentPair, Band, Competence, Domain, Framework, Level


def content_hash(*parts: Any) -> str:
    """A stable digest of parsed YAML (dates and other scalars as text, keys sorted)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def framework_upsert(*, data: dict[str, Any]) -> tuple[Framework, str]:
    """Create or update one framework version and its bands, levels, domains and
    competences. Returns (framework, "added" | "updated" | "unchanged"). Competences are updated in place, never
    deleted: items and results point at them."""
    digest = content_hash(data)
    framework = Framework.objects.filter(code=data["code"], version=data["version"]).first()
    if framework is not None and framework.content_hash == digest:
        return framework, "unchanged"
    outcome = "updated" if framework is not None else "added"
    framework = framework or Framework(code=data["code"], version=data["version"])
    framework.name_fr, framework.name_en = data["name"]["fr"], data["name"]["en"]
    framework.attribution_fr, framework.attribution_en = data["attribution"]["fr"], data["attribution"]["en"]
    framework.content_hash = digest
    if data.get("default") is True:
        Framework.objects.exclude(pk=framework.pk).filter(is_default=True).update(is_default=False)
        framework.is_default = True
    framework.save()
    # Bands and levels are only ever read through their framework: replace them whole.
    framework.bands.all().delete()
    Band.objects.bulk_create(
        Band(
            framework=framework,
            code=b["code"],
            name_fr=b["name"]["fr"],
            name_en=b["name"]["en"],
            min_level=min(b["levels"]),
            max_level=max(b["levels"]),
        )
        for b in data["bands"]
    )
    framework.levels.all().delete()
    Level.objects.bulk_create(
        Level(
            framework=framework,
            number=lv["number"],
            descriptor_fr=lv["descriptor"]["fr"],
            descriptor_en=lv["descriptor"]["en"],
        )
        for lv in data["levels"]
    )
    order = 0
    for d_order, d in enumerate(data["domains"]):
        domain, _ = Domain.objects.update_or_create(
            framework=framework,
            code=str(d["code"]),
            defaults={"name_fr": d["name"]["fr"], "name_en": d["name"]["en"], "order": d_order},
        )
        for c in d["competences"]:
            order += 1
            Competence.objects.update_or_create(
                framework=framework,
                code=str(c["code"]),
                defaults={
                    "domain": domain,
                    "name_fr": c["name"]["fr"],
                    "name_en": c["name"]["en"],
                    "description_fr": c["description"]["fr"],
                    "description_en": c["description"]["en"],
                    "order": order,
                },
            )
    return framework, outcome


def ensure_default_framework(code: str) -> None:
    """Items name competences by code alone, so one framework must be the default: the
    newest `code` framework, unless a file marked another `default: true`."""
    if not Framework.objects.filter(is_default=True).exists():
        newest = Framework.objects.filter(code=code).order_by("-loaded_at", "-pk").first()
        if newest is not None:
            Framework.objects.filter(pk=newest.pk).update(is_default=True)


def framework_for(code: str) -> Framework | None:
    """The framework items of `code` point into: the default one if it has this code,
    otherwise the version loaded last."""
    return Framework.objects.filter(code=code).order_by("-is_default", "-loaded_at", "-pk").first()


def alignment_upsert(*, data: dict[str, Any]) -> tuple[Alignment | None, str]:
    source, target = (
        framework_for(str(data["alignment"]["from"])),
        framework_for(str(data["alignment"]["to"])),
    )
    if source is None or target is None:
        return None, "unchanged"
    digest = content_hash(data, source.version, target.version)
    alignment = Alignment.objects.filter(source=source, target=target).first()
    if alignment is not None and alignment.content_hash == digest:
        return alignment, "unchanged"
    outcome = "updated" if alignment is not None else "added"
    alignment = alignment or Alignment(source=source, target=target)
    alignment.notes = data.get("notes") or ""
    alignment.content_hash = digest
    alignment.save()
    alignment.pairs.all().delete()
    from_codes = {c.code: c for c in source.competences.all()}
    to_codes = {c.code: c for c in target.competences.all()}
    AlignmentPair.objects.bulk_create(
        AlignmentPair(alignment=alignment, source=from_codes[str(p["from"])], target=to_codes[str(t)])
        for p in data["pairs"]
        for t in p["to"]
    )
    return alignment, outcome
