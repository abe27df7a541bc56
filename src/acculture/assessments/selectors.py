"""Reads for the assessment pages: what to show a person about their own tests."""

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from acculture.assessments import engine
from acculture.assessments.models import Assessment, Campaign, Result
from acculture.assessments.services import retake_available_at
from acculture.content.models import Item, Tutorial
from acculture.frameworks.models import Band, Competence
from acculture.people.models import Person

SECONDS_PER_QUESTION = 45  # what staff took per question in trials; only for "about N minutes"


def home_for(person: Person) -> dict:
    today = timezone.localdate()
    in_progress = (
        Assessment.objects.filter(person=person, status=Assessment.Status.IN_PROGRESS)
        .exclude(mode=Assessment.Mode.CERTIFICATION)
        .first()
    )
    # Without the NULLs of practice tests: `NOT IN (…, NULL)` is never true in SQL, so one
    # finished practice test would hide every campaign.
    done_campaigns = Assessment.objects.filter(
        person=person, status=Assessment.Status.COMPLETED, campaign__isnull=False
    ).values("campaign_id")
    campaigns = (
        Campaign.objects.filter(invitations__person=person, status=Campaign.Status.LAUNCHED)
        .filter(opens_on__lte=today, closes_on__gte=today)
        .exclude(pk__in=done_campaigns)
        .order_by("closes_on")
    )
    available_at = retake_available_at(person)
    return {
        "in_progress": in_progress,
        "campaigns": list(campaigns),
        "results": list(Result.objects.filter(person=person).select_related("assessment")[:10]),
        "retake_at": available_at if available_at and available_at > timezone.now() else None,
    }


def progress_for(assessment: Assessment) -> dict:
    loaded = engine.load_bank(assessment.framework_id, assessment.competence_codes)
    session = engine.open_session(loaded=loaded, state=assessment.engine_state)
    left = engine.remaining_estimate(session)
    return {
        "number": assessment.current_position,
        "answered": assessment.answered,
        "left": left,
        "minutes": max(1, round(left * SECONDS_PER_QUESTION / 60)) if left else 0,
    }


def answer_display(response, language: str) -> str:
    """The person's answer in words, as they gave it."""
    if response.dont_know:
        return _("I don't know")
    value = response.answer.get("value")
    item = response.item
    labels = {c["id"]: c.get(language) or c.get("fr") for c in item.choices}
    if item.type == Item.Type.SINGLE:
        return labels.get(value, value)
    if item.type == Item.Type.MULTIPLE:
        return "; ".join(labels.get(v, v) for v in value)
    if item.type == Item.Type.FIELDS:
        names = {f["id"]: f["label"].get(language) or f["label"]["fr"] for f in item.answer.get("fields", [])}
        return "; ".join(f"{names.get(k, k)}: {v}" for k, v in value.items())
    return str(value)


def _band_names(framework, language: str) -> dict[str, str]:
    bands = Band.objects.filter(framework=framework)
    # Engine band names map onto the framework's four bands by their level range.
    engine_names = {1: "novice", 3: "independent", 5: "advanced", 7: "expert"}
    return {engine_names.get(b.min_level, b.code): getattr(b, f"name_{language}") for b in bands}


def uncertainty_words(low: float, high: float) -> str:
    def level(value: float) -> str:
        return number_format(value, decimal_pos=1)  # 3,1 in French, 3.1 in English

    if high - low < 0.6:
        return _("probably close to %(level)s") % {"level": level((low + high) / 2)}
    return _("probably between %(low)s and %(high)s") % {"low": level(low), "high": level(high)}


def results_for(result: Result, language: str) -> dict:
    """Levels per competence with their band and uncertainty in words, the comparison
    with the previous result, strengths, three priorities and a learning path."""
    competences = {
        c.code: c for c in Competence.objects.filter(framework=result.framework).select_related("domain")
    }
    band_names = _band_names(result.framework, language)
    previous = (
        Result.objects.filter(
            person=result.person, framework=result.framework, completed_at__lt=result.completed_at
        )
        .order_by("-completed_at")
        .first()
    )
    before = previous.by_code() if previous else {}
    rows = []
    for entry in result.competences:
        competence = competences.get(entry["competence"])
        old = before.get(entry["competence"])
        rows.append(
            {
                "code": entry["competence"],
                "name": getattr(competence, f"name_{language}") if competence else entry["competence"],
                "level": entry["level"],
                "band": band_names.get(entry["band"], "—") if entry["band"] else _("Not yet at level 1"),
                "uncertainty": uncertainty_words(entry["low"], entry["high"]),
                "items": entry["items"],
                "previous": old["level"] if old else None,
                "change": round(entry["level"] - old["level"], 1) if old else None,
            }
        )
    ranked = sorted(rows, key=lambda r: r["level"], reverse=True)
    strengths = ranked[:3]
    priorities = sorted(rows, key=lambda r: r["level"])[:3]
    path = []
    for row in priorities:
        tutorials = Tutorial.objects.filter(
            competence__framework=result.framework, competence__code=row["code"], is_active=True
        )
        # The next step up first: tutorials aimed above the person's level, nearest first.
        current = int(row["level"])
        chosen = sorted(tutorials, key=lambda t: (t.level <= current, abs(t.level - current - 1)))[:2]
        path.append({"priority": row, "tutorials": [_tutorial_view(t, language) for t in chosen]})
    return {
        "result": result,
        "rows": rows,
        "overall_band": band_names.get(result.overall_band, "")
        if result.overall_band
        else _("Not yet at level 1"),
        "previous": previous,
        "overall_change": round(result.overall_level - previous.overall_level, 1) if previous else None,
        "strengths": strengths,
        "priorities": priorities,
        "path": path,
        "minutes": max(1, round(result.seconds_spent / 60)),
    }


def _tutorial_view(tutorial: Tutorial, language: str) -> dict:
    return {
        "code": tutorial.code,
        "title": getattr(tutorial, f"title_{language}"),
        "minutes": tutorial.duration_minutes,
        "url": tutorial.url,
        "level": tutorial.level,
    }


def history_for(person: Person, language: str) -> dict:
    results = list(Result.objects.filter(person=person).order_by("completed_at"))
    codes: list[str] = []
    for result in results:
        for entry in result.competences:
            if entry["competence"] not in codes:
                codes.append(entry["competence"])
    table = [
        {
            "date": result.completed_at,
            "overall": result.overall_level,
            "levels": [result.by_code().get(code, {}).get("level") for code in codes],
            "pk": result.assessment_id,
        }
        for result in results
    ]
    points = [(r.completed_at, r.overall_level) for r in results]
    return {"codes": codes, "table": table, "points": points, "results": results}
