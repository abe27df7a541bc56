from django.conf import settings
from django.db.models import Count

from acculture.people.models import Organisation, Person, StaffImport


def team_summary(*, manager: Person) -> dict:
    """What a manager may see of their teams: head counts, never a list of people
    below the minimum group size."""
    direct = Person.objects.filter(manager=manager, is_active=True)
    count = direct.count()
    by_level = dict(
        direct.values_list("hierarchy_level").annotate(n=Count("id")).values_list("hierarchy_level", "n")
    )
    shown = count >= settings.MIN_GROUP_SIZE
    return {
        "direct_reports": count,
        "by_level": by_level if shown else {},
        "min_group_size": settings.MIN_GROUP_SIZE,
    }


def recent_imports(organisation: Organisation, limit: int = 10):
    return (
        StaffImport.objects.filter(organisation=organisation)
        .select_related("uploaded_by")
        .defer("content")[:limit]
    )
