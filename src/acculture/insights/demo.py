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

import random
from datetime import datetime, time, timedelta

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
    invitations, sittings, plans = [], [], []
    direction_effect: dict[str, float] = {}
    for pk, birth_year, hierarchy, path in people:
        invitations.append(Invitation(campaign=campaign, person_id=pk, invited_at=opens, emailed_at=opens))
        count = rng.choices((0, 1, 2, 3), weights=(20, 35, 30, 15))[0]
        if not count:
            continue
        direction = (path or "").split(" / ")[1] if path and " / " in path else ""
        effect = direction_effect.setdefault(direction, random.Random(direction).uniform(-0.6, 0.6))
        age = now.year - (birth_year or 1980)
        # Hardly any age effect (the myth), a frozen middle, executives a little ahead.
        base = (
            3.4 + effect - 0.006 * (age - 40) + {"middle_manager": -0.5, "executive": 0.4}.get(hierarchy, 0.0)
        )
        ability = rng.gauss(base, 1.4)
        spread = [rng.gauss(0, 0.8) for _ in codes]
        when = opens + timedelta(hours=rng.randint(0, 60 * 24)) if rng.random() < 0.6 else (
            now - timedelta(days=rng.randint(200, 360), hours=rng.randint(0, 23)))  # fmt: skip
        for sitting in range(count):
            if when >= now - timedelta(days=1):
                break
            levels = [_level(ability + s) for s in spread]
            overall = _level(sum(levels) / len(levels))
            answered = rng.randint(14, 15)
            seconds = answered * rng.randint(25, 70)
            sittings.append(
                Assessment(
                    person_id=pk,
                    campaign=campaign if sitting == 0 and when < opens + timedelta(days=61) else None,
                    mode=Assessment.Mode.CAMPAIGN,
                    framework=framework,
                    status=Assessment.Status.COMPLETED,
                    started_at=when,
                    completed_at=when + timedelta(seconds=seconds),
                    seed=HISTORY_SEED_MARK,
                    current_position=answered + 1,
                    seconds_spent=seconds,
                )
            )
            plans.append((pk, levels, overall, answered, ability))
            ability += rng.gauss(0.35, 0.3)  # learning between sittings
            when = when + timedelta(days=rng.randint(45, 150))
    Invitation.objects.bulk_create(invitations, batch_size=2000, ignore_conflicts=True)
    Assessment.objects.bulk_create(sittings, batch_size=2000)
    results, entries, answers = [], [], []
    for sitting, (pk, levels, overall, answered, ability) in zip(sittings, plans, strict=True):
        entries_for = [
            {"competence": code, "theta": round(level - 4, 3), "sd": 0.6, "level": level,
             "low": _level(level - 0.8), "high": _level(level + 0.8), "band": band(level), "items": 1}
            for code, level in zip(codes, levels, strict=True)
        ]  # fmt: skip
        results.append(
            Result(
                assessment=sitting,
                person_id=pk,
                framework=framework,
                completed_at=sitting.completed_at,
                overall_level=overall,
                overall_band=band(overall) or "",
                competences=entries_for,
                items_answered=answered,
                seconds_spent=sitting.seconds_spent,
            )
        )
        entries.append(
            TimeEntry(
                person_id=pk,
                source=TimeEntry.Source.ASSESSMENT,
                minutes=max(1, round(sitting.seconds_spent / 60)),
                date=timezone.localdate(sitting.completed_at),
                reference=f"assessment:{sitting.pk}",
                status=TimeEntry.Status.APPROVED,
                created_at=sitting.completed_at,
            )
        )
        chosen_codes = [codes[i % len(codes)] for i in range(answered)]
        used: set[int] = set()
        moment = sitting.started_at
        for position, code in enumerate(chosen_codes, start=1):
            pool = items.get(code) or next(iter(items.values()))
            item = rng.choice(pool)
            while item in used and len(used) < sum(len(v) for v in items.values()):
                item = rng.choice(rng.choice(list(items.values())))
            used.add(item)
            spent = rng.randint(20, 80)
            correct = rng.random() < 1 / (1 + 2.718 ** (-(ability - 3.5) / 1.5))
            answers.append((sitting.pk, item, position, False, correct, True, moment, moment + timedelta(seconds=spent),
                            spent, str(position)))  # fmt: skip
            moment += timedelta(seconds=spent)
    Result.objects.bulk_create(results, batch_size=2000)
    TimeEntry.objects.bulk_create(entries, batch_size=2000, ignore_conflicts=True)
    table = connection.ops.quote_name(Response._meta.db_table)
    stamp = connection.ops.adapt_datetimefield_value
    answers = [(*a[:6], stamp(a[6]), stamp(a[7]), *a[8:]) for a in answers]
    with connection.cursor() as cursor:
        # The answers go in with one executemany: 2,000,000 model instances would take minutes.
        cursor.executemany(
            f"INSERT INTO {table} (assessment_id, item_id, position, answer, dont_know, correct, scored, "
            f"presented_at, answered_at, seconds, idempotency_key) VALUES (%s, %s, %s, '{{}}', %s, %s, %s, %s, %s, %s, %s)",
            answers,
        )
    made["assessments"] += len(sittings)
    made["responses"] += len(answers)
