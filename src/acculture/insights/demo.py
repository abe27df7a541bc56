"""The demo's history: a year of finished assessments, so the dashboard has something to show.

Each member of staff (but the demo logins, who take the test themselves) has 0 to 3
completed assessments over the last twelve months — about 1.4 on average, 14 or 15
answers each: 100,000 people give about 140,000 assessments and 2,000,000 answers.
Levels are drawn so the figures tell a story: lower at the top and the bottom of the
age range than the myth says, a frozen middle, progress between sittings. The first
sittings of most people fall in a spring campaign. Everything is written in batches
(`bulk_create`, and one `executemany` for the answers), then the profiles and the
monthly figures are rebuilt. Idempotent: a second run finds the history and stops.
"""

import json
import math
import random
from datetime import UTC, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from acculture.assessments.models import Assessment, Campaign, Invitation, Response, Result
from acculture.content.models import Item
from acculture.frameworks.models import Framework
from acculture.insights.services import competence_codes, monthly_figures_rebuild, profile_rebuild
from acculture.learning.models import TimeEntry
from acculture.people.demo import DEMO_DOMAIN
from acculture.people.models import Organisation, Person
from acculture.psychometrics import band

HISTORY_SEED_MARK = -2026  # Assessment.seed of the generated sittings: how a rerun finds them
SPRING_CAMPAIGN_TITLE = "Campagne de printemps"
CHUNK = 4000  # people per batch: bounded memory whatever the size


def _level(value: float) -> float:
    return max(0.0, min(8.0, int(value * 10) / 10))


def _stamp(moment: datetime):
    """A datetime as the database takes it: SQLite stores naive UTC text, PostgreSQL takes
    the aware value as it is. (Django's own adapter costs 20 µs a value: minutes here.)"""
    if connection.vendor == "sqlite":
        return str(moment.astimezone(UTC).replace(tzinfo=None))
    return moment


def _insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """One executemany of plain tuples into the model's table (JSON columns as text)."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join("%s::jsonb" if connection.vendor == "postgresql" and c in ("competences", "answer", "competence_codes", "engine_state") else "%s"
                      for c in columns)  # fmt: skip
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 20000):
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[start : start + 20000])


def demo_build(organisation: Organisation, *, seed: int = 2026) -> str | None:
    framework = Framework.objects.filter(is_default=True).first()
    if framework is None:
        return None
    if Assessment.objects.filter(person__organisation=organisation, seed=HISTORY_SEED_MARK).exists():
        return None
    codes = competence_codes(framework.pk)
    items: dict[str, list[int]] = {}
    for pk, code in (
        Item.objects.live().filter(competence__framework=framework).values_list("pk", "competence__code")
    ):
        items.setdefault(code, []).append(pk)
    if not codes or not items:
        return None
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    people = list(
        Person.objects.filter(organisation=organisation, is_active=True)
        .exclude(email__endswith=f"@{DEMO_DOMAIN}", email__regex=r"^[a-z]+@")
        .order_by("pk")
        .values_list("pk", "birth_year", "hierarchy_level", "unit__path")
    )
    with transaction.atomic():
        campaign, _ = Campaign.objects.get_or_create(
            organisation=organisation, title=SPRING_CAMPAIGN_TITLE,
            defaults={
                "framework": framework, "opens_on": today - timedelta(days=330), "closes_on": today - timedelta(days=270),
                "mandatory": True, "status": Campaign.Status.LAUNCHED, "launched_at": now - timedelta(days=330),
                "message": "Mesurer pour mieux accompagner : personne n'est noté.",
            },
        )  # fmt: skip
        opens = timezone.make_aware(datetime.combine(campaign.opens_on, time(9)))
        made = {"assessments": 0, "responses": 0}
        for start in range(0, len(people), CHUNK):
            _write_chunk(
                people[start : start + CHUNK], rng, codes, items, framework, campaign, opens, now, made
            )
    profile_rebuild(organisation=organisation)
    monthly_figures_rebuild(organisation=organisation)
    return (
        f"Assessment history: {made['assessments']:,} completed assessments, "
        f"{made['responses']:,} answers over the last twelve months."
    )


def _write_chunk(people, rng, codes, items, framework, campaign, opens, now, made) -> None:
    sqlite = connection.vendor == "sqlite"
    opens_at = _stamp(opens)
    invitations, sittings, plans = [], [], []
    direction_effect: dict[str, float] = {}
    for pk, birth_year, hierarchy, path in people:
        invitations.append((campaign.pk, pk, opens_at, opens_at, 0))
        count = rng.choices((0, 1, 2, 3), weights=(20, 35, 30, 15))[0]
        if not count:
            continue
        direction = path.split(" / ")[1] if path and " / " in path else ""
        effect = direction_effect.setdefault(direction, random.Random(direction).uniform(-0.6, 0.6))
        age = now.year - (birth_year or 1980)
        # Hardly any age effect (the myth), a frozen middle, executives a little ahead.
        base = (
            3.4 + effect - 0.006 * (age - 40) + {"middle_manager": -0.5, "executive": 0.4}.get(hierarchy, 0.0)
        )
        ability = rng.gauss(base, 1.4)
        spread = [rng.gauss(0, 0.8) for _ in codes]
        if rng.random() < 0.6:
            when = opens + timedelta(hours=rng.randint(0, 60 * 24))
        else:
            when = now - timedelta(days=rng.randint(200, 360), hours=rng.randint(0, 23))
        for sitting in range(count):
            if when >= now - timedelta(days=1):
                break
            levels = [_level(ability + s) for s in spread]
            overall = _level(sum(levels) / len(levels))
            answered = rng.randint(14, 15)
            seconds = answered * rng.randint(25, 70)
            in_campaign = sitting == 0 and when < opens + timedelta(days=61)
            sittings.append(
                (pk, campaign.pk if in_campaign else None, Assessment.Mode.CAMPAIGN.value, framework.pk, "[]",
                 Assessment.Status.COMPLETED.value, _stamp(when), _stamp(when + timedelta(seconds=seconds)), "{}",
                 HISTORY_SEED_MARK, answered + 1, seconds)
            )  # fmt: skip
            plans.append((pk, levels, overall, answered, ability, when, seconds))
            ability += rng.gauss(0.35, 0.3)  # learning between sittings
            when = when + timedelta(days=rng.randint(45, 150))
    _insert(Invitation, ("campaign_id", "person_id", "invited_at", "emailed_at", "reminders"), invitations)
    _insert(Assessment, ("person_id", "campaign_id", "mode", "framework_id", "competence_codes", "status",
                         "started_at", "completed_at", "engine_state", "seed", "current_position", "seconds_spent"),
            sittings)  # fmt: skip
    # Read the new rows' keys back: inserted in this order, in this transaction, so in key order.
    ids = list(
        Assessment.objects.filter(seed=HISTORY_SEED_MARK, person_id__in=[p[0] for p in people])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    results, entries, answers = [], [], []
    all_items = [pk for pool in items.values() for pk in pool]
    for assessment_id, (pk, levels, overall, answered, ability, when, seconds) in zip(
        ids, plans, strict=True
    ):
        entries_for = [
            {"competence": code, "theta": round(level - 4, 3), "sd": 0.6, "level": level,
             "low": _level(level - 0.8), "high": _level(level + 0.8), "band": band(level), "items": 1}
            for code, level in zip(codes, levels, strict=True)
        ]  # fmt: skip
        completed = when + timedelta(seconds=seconds)
        results.append(
            (assessment_id, pk, framework.pk, _stamp(completed), overall, band(overall) or "",
             json.dumps(entries_for), answered, seconds)
        )  # fmt: skip
        day = timezone.localdate(completed)
        entries.append(
            (pk, TimeEntry.Source.ASSESSMENT.value, max(1, round(seconds / 60)), day.isoformat() if sqlite else day,
             "", TimeEntry.Status.APPROVED.value, f"assessment:{assessment_id}", _stamp(completed))
        )  # fmt: skip
        used: set[int] = set()
        # Naive UTC text for SQLite, computed once per sitting: converting 4,000,000
        # aware datetimes one by one costs more than writing them.
        moment = when.astimezone(UTC).replace(tzinfo=None) if sqlite else when
        for position in range(1, answered + 1):
            pool = items.get(codes[(position - 1) % len(codes)]) or all_items
            item = rng.choice(pool)
            while item in used:
                item = rng.choice(all_items)
            used.add(item)
            spent = rng.randint(20, 80)
            correct = rng.random() < 1 / (1 + math.exp(-(ability - 3.5) / 1.5))
            after = moment + timedelta(seconds=spent)
            answers.append(
                (assessment_id, item, position, False, correct, True, str(moment) if sqlite else moment,
                 str(after) if sqlite else after, spent, str(position), "{}")
            )  # fmt: skip
            moment = after
    _insert(Result, ("assessment_id", "person_id", "framework_id", "completed_at", "overall_level", "overall_band",
                     "competences", "items_answered", "seconds_spent"), results)  # fmt: skip
    _insert(TimeEntry, ("person_id", "source", "minutes", "date", "description", "status", "reference",
                        "created_at"), entries)  # fmt: skip
    # The answers: 2,000,000 model instances would take minutes; tuples take seconds.
    _insert(Response, ("assessment_id", "item_id", "position", "dont_know", "correct", "scored", "presented_at",
                       "answered_at", "seconds", "idempotency_key", "answer"), answers)  # fmt: skip
    made["assessments"] += len(sittings)
    made["responses"] += len(answers)
