"""Reads of reverse mentoring: what a person sees, the reasons in words, the CDO's report."""

from collections import Counter

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from acculture.frameworks.models import Competence
from acculture.mentoring.cohorts import latest_levels
from acculture.mentoring.models import Enrolment, Feedback, Meeting, Pair, Programme, slot_label
from acculture.people.models import Language, Person


def competence_names(framework_id: int) -> dict[str, str]:
    return {c.code: c.name for c in Competence.objects.filter(framework_id=framework_id)}


def reasons_in_words(pair: Pair, names: dict[str, str] | None = None) -> list[str]:
    """The matching's reasons for a pair, as short sentences in the current language."""
    data = pair.reasons or {}
    names = names if names is not None else competence_names(pair.programme.framework_id)
    words = []
    if strong := data.get("strong"):
        goals = ", ".join(
            _("%(name)s (level %(level)s)")
            % {"name": names.get(code, code), "level": number_format(level, 1 if level % 1 else 0)}
            for code, level in strong
        )
        words.append(_("The mentor is strong on the mentee’s goals: %(goals)s.") % {"goals": goals})
    else:
        words.append(
            _("The mentor offers to teach some of the mentee’s goals, without a strong measured level.")
        )
    if slots := data.get("slots"):
        words.append(
            ngettext("%(n)d time in common each week: %(slots)s.", "%(n)d times in common each week: %(slots)s.",
                     len(slots)) % {"n": len(slots), "slots": ", ".join(slot_label(s) for s in slots)}
        )  # fmt: skip
    else:
        words.append(_("No time in common each week yet: they will need to agree on one."))
    if languages := data.get("languages"):
        spoken = ", ".join(str(Language(code).label) for code in languages)
        words.append(_("They can speak: %(languages)s.") % {"languages": spoken})
    if data.get("on_site"):
        if data.get("same_site"):
            words.append(_("Same site for meeting in person: %(site)s.") % {"site": data.get("site", "")})
        else:
            words.append(_("Not on the same site: meetings will mostly be online."))
    if data.get("different_unit"):
        words.append(_("They work in different units."))
    else:
        words.append(_("They work in the same unit."))
    words.append(_("The mentor is below the mentee in the hierarchy and outside their reporting line."))
    return words


def programmes_open_to(person: Person) -> list[tuple[Programme, list[str]]]:
    """Open programmes the person may join and has not joined yet, with the sides."""
    enrolled = Enrolment.objects.filter(person=person).values("programme_id")
    found = Programme.objects.filter(
        organisation_id=person.organisation_id, status=Programme.Status.OPEN,
        enrol_until__gte=timezone.localdate(),
    ).exclude(pk__in=enrolled)  # fmt: skip
    return [(p, roles) for p in found if (roles := p.roles_open_to(person))]


def mentoring_for(person: Person) -> dict:
    """What the person's "Your mentoring" page and home card show."""
    enrolments = list(Enrolment.objects.filter(person=person).select_related("programme"))
    pairs = list(
        Pair.objects.filter(Q(mentor__person=person) | Q(mentee__person=person))
        .filter(status__in=[Pair.Status.PUBLISHED, Pair.Status.ACTIVE, Pair.Status.ENDED])
        .select_related("programme", "mentor__person", "mentee__person")
        .order_by("-created_at")
    )
    for pair in pairs:
        pair.my_side = pair.side_of(person)
        pair.other = pair.mentee.person if pair.my_side == Enrolment.Role.MENTOR else pair.mentor.person
        pair.waiting_for_me = pair.status == Pair.Status.PUBLISHED and not getattr(
            pair, f"{pair.my_side}_answer"
        )
    return {"enrolments": enrolments, "pairs": pairs, "open": programmes_open_to(person)}


def outcome_for(pair: Pair) -> list[dict]:
    """The mentee's levels on their goals: latest result before the pair started, and
    latest result since. Empty when the mentee has no result at all."""
    programme, mentee = pair.programme, pair.mentee.person_id
    start = pair.activated_at or pair.created_at
    before = latest_levels([mentee], programme.framework_id, before=start).get(mentee, {})
    now = latest_levels([mentee], programme.framework_id).get(mentee, {})
    from acculture.assessments.models import Result

    has_after = Result.objects.filter(person_id=mentee, framework_id=programme.framework_id,
                                      completed_at__gte=start).exists()  # fmt: skip
    names = competence_names(programme.framework_id)
    rows = []
    for code in pair.mentee.competences:
        b = before.get(code)
        a = now.get(code) if has_after else None
        rows.append({"code": code, "name": names.get(code, code), "before": b, "after": a,
                     "gain": None if a is None or b is None else round(a - b, 1)})  # fmt: skip
    return rows


def programme_figures(programme: Programme) -> dict:
    """The CDO's report: counts of pairs, meetings, goals reached and the feedback,
    each answer count hidden below the small-group minimum."""
    minimum = settings.MIN_GROUP_SIZE
    by_status = dict(
        Pair.objects.filter(programme=programme)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    enrolled = dict(
        Enrolment.objects.filter(programme=programme)
        .values_list("role")
        .annotate(n=Count("pk"))
        .values_list("role", "n")
    )
    meetings = Meeting.objects.filter(pair__programme=programme)
    minutes = sum(meetings.values_list("minutes", flat=True))
    feedback = Feedback.objects.filter(pair__programme=programme)
    sections = []
    for kind in Feedback.Kind:
        answers = list(feedback.filter(kind=kind).values_list("rating", "goals_reached"))
        shown = len(answers) >= minimum
        ratings = Counter(r for r, _g in answers)
        goals = Counter(g for _r, g in answers)
        sections.append({
            "kind": kind, "count": len(answers), "shown": shown,
            "ratings": [(label, ratings.get(value, 0)) for value, label in Feedback.Rating.choices],
            "goals": [(label, goals.get(value, 0)) for value, label in Feedback.Goals.choices],
        })  # fmt: skip
    final_mentees = feedback.filter(kind=Feedback.Kind.FINAL, author=models_mentee_author())
    reached = final_mentees.filter(goals_reached=Feedback.Goals.YES).count()
    final_count = final_mentees.count()
    return {
        "minimum": minimum,
        "mentors": enrolled.get(Enrolment.Role.MENTOR, 0),
        "mentees": enrolled.get(Enrolment.Role.MENTEE, 0),
        "status": [(label, by_status.get(value, 0)) for value, label in Pair.Status.choices],
        "active": by_status.get(Pair.Status.ACTIVE, 0),
        "meetings": meetings.count(),
        "hours": round(minutes / 60, 1),
        "goals_reached": reached if final_count >= minimum else None,
        "goals_answers": final_count,
        "feedback": sections,
        "waiting_for_new_match": _waiting_for_new_match(programme),
        "progress": _progress(programme, minimum),
    }


def _progress(programme: Programme, minimum: int) -> dict:
    """Measured progress of the mentees on their goals: their latest level before their
    pair started against their latest since, for mentees with both. Shown only for at
    least `minimum` mentees. Three queries, whatever the number of pairs."""
    from acculture.assessments.models import Result

    pairs = list(
        Pair.objects.filter(programme=programme, status__in=[Pair.Status.ACTIVE, Pair.Status.ENDED])
        .select_related("mentee")
        .only("activated_at", "created_at", "mentee__person_id", "mentee__competences")
    )
    results: dict[int, list] = {}
    for person_id, completed_at, competences in (
        Result.objects.filter(
            person_id__in=[p.mentee.person_id for p in pairs], framework_id=programme.framework_id
        )
        .order_by("completed_at")
        .values_list("person_id", "completed_at", "competences")
    ):
        results.setdefault(person_id, []).append(
            (completed_at, {e["competence"]: e["level"] for e in competences})
        )
    gains = []
    for pair in pairs:
        start = pair.activated_at or pair.created_at
        history = results.get(pair.mentee.person_id, [])
        before = [levels for at, levels in history if at < start]
        after = [levels for at, levels in history if at >= start]
        if before and after:
            codes = [c for c in pair.mentee.competences if c in before[-1] and c in after[-1]]
            if codes:
                gains.append(sum(after[-1][c] - before[-1][c] for c in codes) / len(codes))
    shown = len(gains) >= minimum
    return {
        "count": len(gains),
        "shown": shown,
        "mean_gain": round(sum(gains) / len(gains), 1) if shown else None,
        "improved": sum(g > 0 for g in gains) if shown else None,
    }


def models_mentee_author():
    """Filter expression: the feedback's author is the pair's mentee."""
    from django.db.models import F

    return F("pair__mentee__person")


def _waiting_for_new_match(programme: Programme) -> int:
    """Mentees with no live pair (after a decline, an expiry or an exclusion)."""
    live = Pair.objects.filter(programme=programme, status__in=Pair.LIVE).values("mentee_id")
    return (
        Enrolment.objects.filter(programme=programme, role=Enrolment.Role.MENTEE).exclude(pk__in=live).count()
    )
