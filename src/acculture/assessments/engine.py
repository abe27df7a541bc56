"""The bridge between the database and the psychometric engine.

The live item bank of a framework is turned into the engine's numpy arrays once per
process and cached under a version (count and last change of the live items), so a
content load is picked up by every server at its next request and nothing else lives
between requests. An assessment's engine state is JSON in its row.
"""

import functools
import threading
import time
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db.models import Count, Max

from acculture.content.models import Item
from acculture.frameworks.models import Competence, Framework
from acculture.psychometrics import Design, ItemBank, Prior, SelectionRules, Session, authored_difficulty
from acculture.psychometrics.levels import LevelScale

# Until calibration on live answers gives each item its own discrimination, every item
# starts at this prior value (a typical a for well-written multiple-choice items).
DEFAULT_DISCRIMINATION = 1.2


@dataclass(frozen=True)
class LoadedBank:
    version: str
    bank: ItemBank
    competence_codes: tuple[str, ...]
    item_pk: dict[str, int]  # engine id (item code) → Item primary key
    # The live items themselves, by primary key, read once with the bank: the question
    # pages take an assessment's current item from here instead of joining it at every
    # request. Shared by the threads of the process, so read and never changed.
    items: dict[int, Item]


_cache: dict[tuple[int, tuple[str, ...]], LoadedBank] = {}
_lock = threading.Lock()


def bank_version(framework: Framework | int) -> str:
    stats = Item.objects.filter(competence__framework=framework, status=Item.Status.LIVE).aggregate(
        n=Count("id"), changed=Max("updated_at")
    )
    changed = stats["changed"].isoformat() if stats["changed"] else "-"
    return f"{stats['n']}:{changed}"


_checked: dict[int, tuple[str, float]] = {}


def _current_version(framework: Framework | int) -> str:
    framework_id = framework if isinstance(framework, int) else framework.pk
    now = time.monotonic()
    known = _checked.get(framework_id)
    # Trust the cached bank for a few seconds before asking the database whether the live
    # items changed: a content load reaches every server within that delay, and answers
    # in between cost no extra query.
    if known is not None and now - known[1] < settings.ASSESSMENT_BANK_CHECK_SECONDS:
        return known[0]
    version = bank_version(framework)
    _checked[framework_id] = (version, now)
    return version


def load_bank(framework: Framework | int, scope: list[str] | tuple[str, ...] = ()) -> LoadedBank:
    """The live bank of `framework` (or its primary key), limited to the competences in
    `scope` when given."""
    key = (framework if isinstance(framework, int) else framework.pk, tuple(sorted(scope)))
    version = _current_version(framework)
    cached = _cache.get(key)
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        competences = Competence.objects.filter(framework=framework).order_by("order", "code")
        if scope:
            competences = competences.filter(code__in=scope)
        codes = tuple(competences.values_list("code", flat=True))
        rows = list(
            Item.objects.filter(
                competence__framework=framework, competence__code__in=codes, status=Item.Status.LIVE
            )
            .order_by("code")
            .values_list(
                "pk",
                "code",
                "competence__code",
                "level",
                "topic",
                "irt_a",
                "irt_b",
                "for_practice",
                "for_certification",
                "for_pretest",
            )
        )
        index = {code: k for k, code in enumerate(codes)}
        usage = []
        for row in rows:
            flags = [
                name
                for name, on in zip(("practice", "certification", "pretest"), row[7:10], strict=True)
                if on
            ]
            usage.append(flags)
        from acculture.psychometrics.model import parse_usage

        bank = ItemBank.build(
            ids=[r[1] for r in rows],
            competence=[index[r[2]] for r in rows],
            a=[r[5] or DEFAULT_DISCRIMINATION for r in rows],
            b=[r[6] if r[6] is not None else authored_difficulty(r[3]) for r in rows],
            competences=codes,
            usage=[parse_usage(flags, r[1]) for flags, r in zip(usage, rows, strict=True)],
            topic=[f"{r[2]}/{r[4]}" for r in rows],
        )
        pks = {r[1]: r[0] for r in rows}
        loaded = LoadedBank(
            version=version, bank=bank, competence_codes=codes, item_pk=pks,
            items=Item.objects.in_bulk(pks.values()),
        )  # fmt: skip
        _cache[key] = loaded
        return loaded


def with_current_item(assessment):
    """The assessment, its current item taken from the cached bank (no query) when it is
    live there; otherwise (retired since it was shown) it is read on first use."""
    if assessment.current_item_id is not None:
        loaded = load_bank(assessment.framework_id, assessment.competence_codes)
        if (item := loaded.items.get(assessment.current_item_id)) is not None:
            assessment.current_item = item
    return assessment


def prior_for(codes: tuple[str, ...]) -> Prior:
    # Competences are correlated (DESIGN.md): evidence on one informs the others.
    return _equicorrelated(len(codes), settings.ASSESSMENT_PRIOR_CORRELATION)


@functools.lru_cache(maxsize=32)
def _equicorrelated(k: int, rho: float) -> Prior:
    # Built (a Cholesky and an inverse) once per shape rather than twice per answer; its
    # arrays are made read-only, since every session of the process shares them.
    prior = Prior.equicorrelated(k, rho)
    for array in (prior.mean, prior.cov, prior.precision):
        array.setflags(write=False)
    return prior


def design_for(k: int, mode: str = "practice") -> Design:
    """A profile test over k competences: every competence's posterior SD under the
    target, at least one item per competence, and a length cap. In "certification" mode
    only the items flagged for certification are scored."""
    max_items = min(settings.ASSESSMENT_MAX_ITEMS, settings.ASSESSMENT_MAX_ITEMS_PER_COMPETENCE * k)
    return Design(
        kind="profile",
        mode="certification" if mode == "certification" else "practice",
        target_sd=settings.ASSESSMENT_TARGET_SD,
        min_items=min(k, max_items),
        max_items=max_items,
        selection=SelectionRules(min_per_competence=1, randomesque=3, avoid_same_topic=True),
    )


def open_session(*, loaded: LoadedBank, state: dict | None, mode: str = "practice") -> Session:
    design = design_for(len(loaded.competence_codes), mode)
    prior = prior_for(loaded.competence_codes)
    if state:
        return Session.from_dict(state, loaded.bank, prior, design)
    return Session(loaded.bank, prior, design)


def rng_for(seed: int, position: int) -> np.random.Generator:
    """The same assessment at the same position always draws the same way, so a question
    chosen among equally good ones is reproducible."""
    return np.random.default_rng([seed, position])


def level_scale() -> LevelScale:
    return LevelScale.default()


# Average Fisher information of a well-targeted item at the prior discrimination
# (a²·p·q with p ≈ 0.5–0.7): used only to tell people roughly how long is left.
_INFO_PER_ITEM = DEFAULT_DISCRIMINATION**2 * 0.22
# remaining ≈ 0.43 × (items 16 separate tests would need) + 6: a least-squares fit on
# simulated people taking the shipped bank (mean error 2.5 questions). Correlated
# competences share evidence, hence well under one item per unit of missing precision.
_REMAINING_SLOPE, _REMAINING_INTERCEPT = 0.43, 6.0


def remaining_estimate(session: Session) -> int:
    """A fair guess of the questions left, never more than the length cap allows."""
    design = session.design
    answered = session.n_scored
    target_precision = 1.0 / design.target_sd**2
    missing = sum(max(0.0, target_precision - 1.0 / float(sd) ** 2) for sd in session.posterior.sd)
    guess = _REMAINING_SLOPE * missing / _INFO_PER_ITEM + _REMAINING_INTERCEPT
    guess = max(guess, design.min_items - answered)
    return int(max(1, min(round(guess), design.max_items - answered)))
