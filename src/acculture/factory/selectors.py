"""Reads of the Digital Factory: the calendar, a person's registrations, the sessions a
facilitator runs, feedback in aggregate, and the workshops recommended after a result."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from acculture.assessments.models import Result
from acculture.factory.models import Factory, Format, Registration, Session, Workshop, WorkshopTarget
from acculture.people.models import Organisation, Person

HOLDS_SEAT = Q(registrations__status__in=Registration.HOLDS_SEAT)
WAITING = Q(registrations__status=Registration.Status.WAITLISTED)


def sessions_with_seats(queryset: QuerySet[Session]) -> QuerySet[Session]:
    """Sessions with `taken` (seats held) and `waiting` (on the list), in one query."""
    return queryset.select_related("workshop", "factory__site", "facilitator").annotate(
        taken=Count("registrations", filter=HOLDS_SEAT), waiting=Count("registrations", filter=WAITING)
    )


@dataclass
class CalendarFilters:
    track: str = ""
    format: str = ""
    site: int | None = None  # a site's pk; 0 means "online"
    competence: str = ""  # a competence code
    start: date | None = None
    days: int = 31


def calendar_sessions(organisation: Organisation, filters: CalendarFilters) -> list[Session]:
    """Published sessions from `start` (today) for `days` days, matching the filters."""
    start = filters.start or timezone.localdate()
    zone = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    # Today's sessions stay listed until they end, not from midnight only.
    since = max(since, timezone.now() - timedelta(hours=12)) if start <= timezone.localdate() else since
    until = datetime.combine(start + timedelta(days=filters.days), time.min, tzinfo=zone)
    found = Session.objects.published().filter(
        workshop__organisation=organisation, ends_at__gt=since, starts_at__lt=until
    )
    if filters.track:
        found = found.filter(workshop__track=filters.track)
    if filters.format:
        found = found.filter(workshop__format=filters.format)
    if filters.site == 0:
        found = found.filter(factory__site__isnull=True)
    elif filters.site:
        found = found.filter(factory__site_id=filters.site)
    if filters.competence:
        # A subquery, not a join: a join would repeat sessions and inflate the seat counts.
        targeted = WorkshopTarget.objects.filter(competence__code=filters.competence).values("workshop_id")
        found = found.filter(workshop_id__in=targeted)
    return list(sessions_with_seats(found).order_by("starts_at", "pk"))


def by_day(sessions: list[Session]) -> list[tuple[date, list[Session]]]:
    """Group sessions under the local day of their start (the agenda's headings)."""
    days: dict[date, list[Session]] = {}
    for session in sessions:
        days.setdefault(session.local_start.date(), []).append(session)
    return list(days.items())


def registrations_for(person: Person) -> dict[str, list[Registration]]:
    now = timezone.now()
    mine = Registration.objects.filter(person=person).select_related(
        "session__workshop", "session__factory", "session__facilitator"
    )
    upcoming = mine.filter(session__ends_at__gt=now, status__in=Registration.ACTIVE).order_by(
        "session__starts_at"
    )
    past = mine.filter(session__ends_at__lte=now, status=Registration.Status.CONFIRMED).order_by(
        "-session__starts_at"
    )
    return {"upcoming": list(upcoming), "past": list(past[:20])}


def waiting_position(registration: Registration) -> int:
    """1 for the first person waiting."""
    ahead = Registration.objects.filter(
        session_id=registration.session_id, status=Registration.Status.WAITLISTED
    ).filter(
        Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def sessions_to_run(person: Person, *, manage: bool) -> QuerySet[Session]:
    """The sessions a facilitator runs; with `manage`, every session of the organisation."""
    found = Session.objects.filter(workshop__organisation=person.organisation)
    if not manage:
        found = found.filter(facilitator=person)
    return sessions_with_seats(found)


def session_people(session: Session) -> dict[str, list[Registration]]:
    regs = list(session.registrations.select_related("person").order_by("queued_at", "pk"))
    return {
        "seated": sorted(
            (r for r in regs if r.holds_seat), key=lambda r: (r.person.last_name, r.person.first_name)
        ),
        "waiting": [r for r in regs if r.status == Registration.Status.WAITLISTED],
    }


def feedback_summary(session: Session) -> dict:
    """How attendees found the session, without names: an average and the comments."""
    from acculture.factory.models import Feedback

    found = Feedback.objects.filter(registration__session=session)
    figures = found.aggregate(
        n=Count("pk"), usefulness=Avg("usefulness"), will_use=Count("pk", filter=Q(will_use=True))
    )
    return {**figures, "comments": [c for c in found.order_by("?").values_list("comment", flat=True) if c]}


def factories_for(organisation: Organisation) -> QuerySet[Factory]:
    return Factory.objects.filter(organisation=organisation, is_active=True).select_related("site")


# --- Recommendations ----------------------------------------------------------------------

PRIORITIES = 3  # as many as the results page shows (assessments.selectors.results_for)


@dataclass
class Recommendation:
    workshop: Workshop
    competence: str  # the name of the priority it works on
    level: float  # the person's level in it
    sessions: list[Session] = field(default_factory=list)


def _near(person: Person) -> Q:
    """Sessions a person can reach: at their own site, in an online lab, or of a workshop
    that can be followed online."""
    near = Q(factory__site__isnull=True) | Q(workshop__format__in=[Format.ONLINE, Format.HYBRID])
    if person.site_id:
        near |= Q(factory__site_id=person.site_id)
    return near


def workshops_recommended(person: Person, limit: int = 3) -> list[Recommendation]:
    """After a result: workshops that work on the person's priorities (their lowest
    competences, as on the results page) at their level, each with its next sessions at
    their site or online. Workshops with a session to go to come first, then by priority.
    Without a result, nothing: the recommendation follows the measure."""
    result = Result.objects.filter(person=person).order_by("-completed_at").first()
    if result is None:
        return []
    priorities = sorted(result.competences, key=lambda entry: entry["level"])[:PRIORITIES]
    rank = {entry["competence"]: i for i, entry in enumerate(priorities)}
    levels = {entry["competence"]: entry["level"] for entry in priorities}
    targets = WorkshopTarget.objects.filter(
        workshop__organisation=person.organisation,
        workshop__is_active=True,
        competence__framework=result.framework,
        competence__code__in=list(rank),
    ).select_related("workshop", "competence")
    chosen: dict[int, Recommendation] = {}
    for target in sorted(targets, key=lambda t: rank[t.competence.code]):
        level = levels[target.competence.code]
        if not target.level_min <= int(level) <= target.level_max or target.workshop_id in chosen:
            continue
        chosen[target.workshop_id] = Recommendation(target.workshop, target.competence.name, level)
    if not chosen:
        return []
    upcoming = (
        Session.objects.published()
        .upcoming()
        .filter(workshop_id__in=list(chosen))
        .filter(_near(person))
        .select_related("factory", "workshop")
        .order_by("starts_at")
    )
    for session in upcoming[:200]:
        recommendation = chosen[session.workshop_id]
        if len(recommendation.sessions) < 2:
            recommendation.sessions.append(session)
    ordered = sorted(chosen.values(), key=lambda r: (not r.sessions, list(chosen).index(r.workshop.pk)))
    return ordered[:limit]
