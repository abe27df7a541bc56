"""Reads of the champions network: the directory, the suggestions and the coverage."""

import math
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from acculture.assessments.models import Result
from acculture.champions.models import ChampionProfile, Nomination
from acculture.frameworks.models import Competence
from acculture.learning.models import TimeEntry
from acculture.people.models import UNIT_SEPARATOR, Organisation, Person, Role, Site, Unit
from acculture.people.privacy import groups_to_hide

# The suggestion rule, shown in words on the suggestions page (docs/champions.md): a
# latest assessment at level 5 or above ("advanced" band) and at least two hours of
# counted learning time (workshops, tutorials, declared time) over the last year.
SUGGEST_MIN_LEVEL = 5.0
SUGGEST_MIN_MINUTES = 120
SUGGEST_DAYS = 365
# Someone declined recently is not suggested again at once.
SUGGEST_AFTER_DECLINE_DAYS = 180
SUGGEST_LIMIT = 50


def is_in_reporting_line(*, person: Person, manager: Person) -> bool:
    """Whether `manager` is above `person` in the reporting lines, directly or not."""
    seen: set[int] = set()
    current = person.manager_id
    while current is not None and current not in seen:  # `seen`: a cycle in bad data ends here
        if current == manager.pk:
            return True
        seen.add(current)
        current = Person.objects.filter(pk=current).values_list("manager_id", flat=True).first()
    return False


def help_competences() -> QuerySet[Competence]:
    """The competences a champion can say they help with: the default framework's."""
    found = Competence.objects.filter(framework__is_default=True)
    if not found.exists():
        found = Competence.objects.all()
    return found.select_related("framework").order_by("framework", "order")


def directory(
    organisation: Organisation, *, q: str = "", competence: Competence | None = None,
    site: Site | None = None, language: str = "",
) -> QuerySet[ChampionProfile]:  # fmt: skip
    """Champions who chose to be listed: people who hold the role and have a profile."""
    found = ChampionProfile.objects.filter(
        organisation=organisation,
        listed=True,
        person__is_active=True,
        person__role_grants__role=Role.CHAMPION,
    )
    if q:
        found = found.filter(
            Q(person__first_name__icontains=q)
            | Q(person__last_name__icontains=q)
            | Q(how_i_help__icontains=q)
        )
    if competence is not None:
        found = found.filter(competences=competence)
    if site is not None:
        found = found.filter(site=site)
    if language:
        found = found.filter(languages__contains=f",{language},")
    return (
        found.select_related("person", "person__unit", "site")
        .prefetch_related("competences")
        .order_by("person__last_name", "person__first_name")
        .distinct()
    )


def suggestions(organisation: Organisation) -> list[Person]:
    """People who meet the suggestion rule and are neither champions nor waiting."""
    since = timezone.localdate() - timedelta(days=SUGGEST_DAYS)
    latest_level = Subquery(
        Result.objects.filter(person=OuterRef("pk")).order_by("-completed_at").values("overall_level")[:1]
    )
    minutes = Subquery(
        TimeEntry.objects.filter(person=OuterRef("pk"), status=TimeEntry.Status.APPROVED, date__gte=since)
        .values("person")
        .annotate(total=Sum("minutes"))
        .values("total")[:1]
    )
    recently_declined = Nomination.objects.filter(
        status=Nomination.Status.DECLINED,
        decided_at__gte=timezone.now() - timedelta(days=SUGGEST_AFTER_DECLINE_DAYS),
    ).values("person_id")
    return list(
        Person.objects.filter(organisation=organisation, is_active=True)
        # Only people who ever reached the level get the per-person subqueries: a few
        # hundred rows instead of the whole staff of a large organisation.
        .filter(pk__in=Result.objects.filter(overall_level__gte=SUGGEST_MIN_LEVEL).values("person_id"))
        .exclude(role_grants__role=Role.CHAMPION)
        .exclude(champion_nominations__status=Nomination.Status.PENDING)
        .exclude(pk__in=recently_declined)
        .annotate(level=latest_level, minutes=Coalesce(minutes, 0))
        .filter(level__gte=SUGGEST_MIN_LEVEL, minutes__gte=SUGGEST_MIN_MINUTES)
        .select_related("unit", "site")
        .order_by("-minutes", "last_name")[:SUGGEST_LIMIT]
    )


def pending_nominations(organisation: Organisation) -> QuerySet[Nomination]:
    return Nomination.objects.filter(
        organisation=organisation, status=Nomination.Status.PENDING
    ).select_related("person", "person__unit", "person__site", "nominated_by")


# --- Coverage ---------------------------------------------------------------------------


@dataclass
class CoverageRow:
    label: str
    people: int
    champions: int
    shown: bool = True
    small: bool = False
    pk: int | None = None

    @property
    def needed(self) -> int:
        return math.ceil(self.people / settings.CHAMPION_RATIO) if self.people else 0

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.champions)

    @property
    def people_per_champion(self) -> int | None:
        return round(self.people / self.champions) if self.champions else None


@dataclass
class Coverage:
    total: CoverageRow
    sites: list[CoverageRow] = field(default_factory=list)
    units: list[CoverageRow] = field(default_factory=list)
    parent: Unit | None = None
    ratio: int = 50
    minimum: int = 5


def _protect(rows: list[CoverageRow], total: int, minimum: int) -> None:
    """The small-group rule (people/privacy.py): small groups, and any group whose figure
    could be worked out from the total by difference, are not shown. A champion who
    chose not to be listed could otherwise be pointed at in a unit of three."""
    for index in groups_to_hide(total, [row.people for row in rows], minimum):
        rows[index].shown = False
        rows[index].small = rows[index].people < minimum


def coverage(organisation: Organisation, *, parent: Unit | None = None) -> Coverage:
    """Champions against the target ratio, for the whole organisation, per site, and per
    unit (the units under `parent`, each with everything below it)."""
    minimum = settings.MIN_GROUP_SIZE
    active = Person.objects.filter(organisation=organisation, is_active=True)
    is_champion = Q(role_grants__role=Role.CHAMPION)
    totals = active.aggregate(people=Count("pk", distinct=True), champions=Count("pk", filter=is_champion))
    total = CoverageRow(label="", people=totals["people"], champions=totals["champions"])
    total.shown = total.people >= minimum
    result = Coverage(total=total, parent=parent, ratio=settings.CHAMPION_RATIO, minimum=minimum)

    people_by_site = dict(
        active.exclude(site=None).values("site_id").annotate(n=Count("pk")).values_list("site_id", "n")
    )
    # A champion counts where they help (their profile's site), else where they work.
    champions_by_site = dict(
        active.filter(is_champion)
        .annotate(where=Coalesce(F("champion_profile__site_id"), F("site_id")))
        .exclude(where=None)
        .values("where")
        .annotate(n=Count("pk"))
        .values_list("where", "n")
    )
    for site in Site.objects.filter(organisation=organisation):
        result.sites.append(
            CoverageRow(
                site.name, people_by_site.get(site.pk, 0), champions_by_site.get(site.pk, 0), pk=site.pk
            )
        )
    _protect(result.sites, total.people, minimum)

    units = Unit.objects.filter(organisation=organisation)
    children = list(units.filter(parent=parent) if parent else units.filter(parent=None))
    by_path = {
        row["unit__path"]: row
        for row in active.exclude(unit=None)
        .values("unit__path")
        .annotate(people=Count("pk", distinct=True), champions=Count("pk", filter=is_champion))
    }
    for unit in children:
        prefix = unit.path + UNIT_SEPARATOR
        inside = [row for path, row in by_path.items() if path == unit.path or path.startswith(prefix)]
        result.units.append(
            CoverageRow(
                unit.name, sum(r["people"] for r in inside), sum(r["champions"] for r in inside), pk=unit.pk
            )
        )
    if parent is not None:
        branch = [
            r for p, r in by_path.items() if p == parent.path or p.startswith(parent.path + UNIT_SEPARATOR)
        ]
        within = sum(r["people"] for r in branch)
    else:
        within = total.people
    _protect(result.units, within, minimum)
    return result
