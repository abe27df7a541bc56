"""Reads of the small wins: the feed with its filters, and the figures for the dashboard."""

from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from acculture.people.models import UNIT_SEPARATOR, Organisation, Person, Unit
from acculture.wins.models import Kudos, Win, WinImage


def wins_feed(
    organisation: Organisation,
    *,
    viewer: Person | None = None,
    competence: str = "",
    unit: Unit | None = None,
    site_id: int | None = None,
    featured: bool = False,
) -> QuerySet:
    """The organisation's wins, newest first; a unit filter takes its whole branch."""
    found = (
        Win.objects.filter(organisation=organisation)
        .select_related("author", "unit", "site")
        .prefetch_related("competences")
        .annotate(
            kudos_count=Count("kudos", distinct=True),
            has_image=Exists(WinImage.objects.filter(win=OuterRef("pk"))),
        )
    )
    found = found.order_by("-created_at", "-pk")
    if viewer is not None:
        found = found.annotate(given=Exists(Kudos.objects.filter(win=OuterRef("pk"), person=viewer)))
    if competence:
        found = found.filter(competences__code=competence)
    if unit is not None:
        found = found.filter(Q(unit=unit) | Q(unit__path__startswith=unit.path + UNIT_SEPARATOR))
    if site_id:
        found = found.filter(site_id=site_id)
    if featured:
        found = found.filter(featured_at__isnull=False)
    return found


def win_counts(organisation: Organisation, since: datetime | None = None) -> dict[str, int]:
    """Whole-organisation figures for the leadership dashboard: wins posted, featured,
    kudos given, people who posted, minutes a week saved. No person appears in them."""
    wins = Win.objects.filter(organisation=organisation)
    kudos = Kudos.objects.filter(win__organisation=organisation)
    if since is not None:
        wins = wins.filter(created_at__gte=since)
        kudos = kudos.filter(created_at__gte=since)
    figures = wins.aggregate(
        wins=Count("pk"),
        featured=Count("pk", filter=Q(featured_at__isnull=False)),
        people=Count("author", distinct=True),
        minutes_saved_per_week=Sum("minutes_saved_per_week", default=0),
    )
    figures["kudos"] = kudos.count()
    return figures
