"""Workflows that keep the precomputed figures up to date, and the monthly report request.

- `profile_refresh` runs when an assessment finishes (assessments.services._finish): the
  person's current profile is their latest measure of each competence.
- `profile_rebuild` and `monthly_figures_rebuild` recompute everything from the results
  (`acculture insights-rebuild`), after an import of history or a change of framework.
"""

from datetime import date, datetime, time, timedelta

import numpy as np
from django.db import transaction
from django.utils import timezone

from acculture.assessments.models import Result
from acculture.frameworks.models import Competence
from acculture.insights.models import LOW_LEVEL_BELOW, MISSING, MonthlyFigure, Profile, Report
from acculture.people.models import Organisation, Person, User
from acculture.psychometrics import band


def competence_codes(framework_id: int) -> list[str]:
    """The framework's competence codes in its own order (the order of Profile.levels)."""
    return list(
        Competence.objects.filter(framework_id=framework_id)
        .order_by("order", "pk")
        .values_list("code", flat=True)
    )


def encode_levels(codes: list[str], levels: dict[str, float]) -> bytes:
    return bytes(MISSING if levels.get(code) is None else round(10 * levels[code]) for code in codes)


def decode_levels(codes: list[str], blob: bytes) -> dict[str, float]:
    return {code: value / 10 for code, value in zip(codes, bytes(blob), strict=False) if value != MISSING}


def _profile_from(results: list[dict], codes_of) -> Profile | None:
    """The profile given by a person's results, oldest first: the latest framework's
    competences, each at its latest measure."""
    if not results:
        return None
    latest = results[-1]
    framework_id = latest["framework_id"]
    levels: dict[str, float] = {}
    for result in results:
        if result["framework_id"] == framework_id:
            levels.update({entry["competence"]: entry["level"] for entry in result["competences"]})
    first = results[0]
    return Profile(
        framework_id=framework_id,
        result_id=latest["pk"],
        overall_level=latest["overall_level"],
        band=band(latest["overall_level"]) or "",
        levels=encode_levels(codes_of(framework_id), levels),
        assessed_at=latest["completed_at"],
        first_level=first["overall_level"],
        first_assessed_at=first["completed_at"],
        assessments=len(results),
    )


RESULT_FIELDS = ("pk", "person_id", "framework_id", "completed_at", "overall_level", "competences")


@transaction.atomic
def profile_refresh(*, person_id: int) -> Profile | None:
    """Bring one person's current profile up to date with their results (idempotent)."""
    # No lock of its own: it runs inside the finishing assessment's transaction, which holds
    # the lock on the person's one assessment in progress.
    person = Person.objects.filter(pk=person_id).only("pk", "organisation_id").first()
    if person is None:
        return None
    results = list(
        Result.objects.filter(person_id=person_id).order_by("completed_at", "pk").values(*RESULT_FIELDS)
    )
    profile = _profile_from(results, competence_codes)
    if profile is None:
        Profile.objects.filter(person_id=person_id).delete()
        return None
    profile.person_id = person_id
    profile.organisation_id = person.organisation_id
    profile.save()  # the primary key is the person: an insert or an update
    return profile


def profile_rebuild(*, organisation: Organisation, batch_size: int = 2000) -> int:
    """Recompute every profile of the organisation from its results; returns how many."""
    codes_cache: dict[int, list[str]] = {}

    def codes_of(framework_id: int) -> list[str]:
        if framework_id not in codes_cache:
            codes_cache[framework_id] = competence_codes(framework_id)
        return codes_cache[framework_id]

    person_ids = list(
        Person.objects.filter(organisation=organisation).order_by("pk").values_list("pk", flat=True)
    )
    made = 0
    with transaction.atomic():
        Profile.objects.filter(organisation=organisation).delete()
        for start in range(0, len(person_ids), batch_size):
            chunk = person_ids[start : start + batch_size]
            by_person: dict[int, list[dict]] = {}
            for row in (
                Result.objects.filter(person_id__in=chunk)
                .order_by("completed_at", "pk")
                .values(*RESULT_FIELDS)
            ):
                by_person.setdefault(row["person_id"], []).append(row)
            profiles = []
            for person_id, results in by_person.items():
                profile = _profile_from(results, codes_of)
                profile.person_id = person_id
                profile.organisation_id = organisation.pk
                profiles.append(profile)
            Profile.objects.bulk_create(profiles, batch_size=1000)
            made += len(profiles)
    return made


def month_start(day: date) -> date:
    return day.replace(day=1)


def previous_months(today: date, count: int) -> list[date]:
    """The first days of the `count` whole months before today's month, oldest first."""
    months, here = [], month_start(today)
    for _ in range(count):
        here = month_start(here - timedelta(days=1))
        months.append(here)
    return list(reversed(months))


def monthly_figures_rebuild(
    *, organisation: Organisation, months: int = 12, today: date | None = None
) -> int:
    """Recompute the figures at the end of each of the last `months` whole months, per
    unit, from the results. Today's units and active staff are used for every month: the
    history of moves is not kept. Returns the number of rows written."""
    today = today or timezone.localdate()
    wanted = previous_months(today, months)
    people = list(
        Person.objects.filter(organisation=organisation, is_active=True).values_list("pk", "unit_id")
    )
    index = {pk: i for i, (pk, _unit) in enumerate(people)}
    units = [unit for _pk, unit in people]
    unit_keys = [*sorted({u for u in units if u is not None}), None]
    position = {key: i for i, key in enumerate(unit_keys)}
    unit_index = np.array([position[u] for u in units], dtype=np.int64)
    rows = list(
        Result.objects.filter(person__organisation=organisation, person__is_active=True)
        .order_by("completed_at", "pk")
        .values_list("person_id", "completed_at", "overall_level")
    )
    who = np.array([index[r[0]] for r in rows], dtype=np.int64)
    when = np.array([r[1].timestamp() for r in rows], dtype=np.float64)
    level = np.array([r[2] for r in rows], dtype=np.float64)
    current = np.full(len(people), np.nan)
    tz = timezone.get_current_timezone()
    done = 0
    figures = []
    for first_day in wanted:
        following = month_start(first_day + timedelta(days=32))
        end = datetime.combine(following, time.min, tzinfo=tz).timestamp()
        begin = datetime.combine(first_day, time.min, tzinfo=tz).timestamp()
        upto = int(np.searchsorted(when, end, side="left"))
        # Results are in time order, so the last assignment for a person is their latest.
        current[who[done:upto]] = level[done:upto]
        changed_people = np.zeros(len(people), dtype=bool)
        changed_people[who[int(np.searchsorted(when, begin, side="left")) : upto]] = True
        done = upto
        assessed = ~np.isnan(current)
        count = len(unit_keys)
        per = {
            "people": np.bincount(unit_index, minlength=count),
            "assessed": np.bincount(unit_index, weights=assessed, minlength=count),
            "low": np.bincount(
                unit_index, weights=assessed & (np.nan_to_num(current) < LOW_LEVEL_BELOW), minlength=count
            ),
            "level_sum": np.bincount(unit_index, weights=np.nan_to_num(current), minlength=count),
            "changed": np.bincount(unit_index, weights=changed_people, minlength=count),
        }
        for i, unit_id in enumerate(unit_keys):
            if per["people"][i]:
                figures.append(
                    MonthlyFigure(
                        organisation=organisation,
                        month=first_day,
                        unit_id=unit_id,
                        people=int(per["people"][i]),
                        assessed=int(per["assessed"][i]),
                        low=int(per["low"][i]),
                        level_sum=float(per["level_sum"][i]),
                        changed=int(per["changed"][i]),
                    )
                )
    with transaction.atomic():
        MonthlyFigure.objects.filter(organisation=organisation, month__in=wanted).delete()
        MonthlyFigure.objects.bulk_create(figures, batch_size=1000)
    return len(figures)


@transaction.atomic
def report_request(
    *, organisation: Organisation, month: date, requested_by: User | None, language: str
) -> Report:
    """Ask for the month's report; a second request while one is being prepared, or once
    it is ready, changes nothing. A failed one is tried again."""
    from acculture.insights.tasks import report_build

    report, created = Report.objects.select_for_update().get_or_create(
        organisation=organisation,
        month=month_start(month),
        defaults={"requested_by": requested_by, "language": language},
    )
    if not created and report.status != Report.Status.FAILED:
        return report
    if not created:
        report.status = Report.Status.PENDING
        report.language = language
        report.requested_by = requested_by
        report.save(update_fields=["status", "language", "requested_by"])
    report_id = report.pk
    transaction.on_commit(lambda: report_build.enqueue(report_id))
    return report
