"""The dashboard's tables over time and activity: the trend month by month, the
campaigns, and the learning time given and used this year. Each follows the same rules
of privacy as the dashboard's other tables (insights.selectors)."""

from datetime import date, datetime, time

import numpy as np
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.insights.models import MonthlyFigure, Profile
from acculture.insights.population import ASSESSED, LOW, OVERALL, PEOPLE
from acculture.insights.services import month_start, previous_months
from acculture.insights.tables import Column, Row, Table, level, pct

TREND_MONTHS = 12


def trend_table(scope, tree, population, sums, today, least) -> Table:
    """The end of each of the last months, then today. A month is shown when its group is
    large enough and the people assessed in it are 0 or at least the minimum, so that two
    months side by side never give away one person's result."""
    months = previous_months(today, TREND_MONTHS)
    found = MonthlyFigure.objects.filter(organisation=scope.organisation, month__in=months)
    if not scope.whole:
        found = found.filter(unit_id__in=[k for k in tree.keys if k is not None])
    by_month = {
        row["month"]: row
        for row in found.values("month").annotate(
            people=Sum("people"), assessed=Sum("assessed"), low=Sum("low"), level_sum=Sum("level_sum"),
            changed=Sum("changed"),
        )
    }  # fmt: skip
    table = Table(
        "trend",
        _("Over time"),
        [
            Column("month", _("Month"), "text"),
            Column("people", _("People"), "int"),
            Column("assessed", _("Assessed"), "int"),
            Column("assessed_pct", _("Assessed (%)"), "pct"),
            Column("illiteracy_pct", _("Levels 1–2 or not assessed (%)"), "pct"),
            Column("mean_level", _("Mean level (0–8)"), "level"),
        ],
        note=_("At the end of each month, for the people in post today."),
    )
    root = tree.root_position
    this_month = month_start(today)
    since = timezone.make_aware(datetime.combine(this_month, time.min))
    changed = Profile.objects.filter(
        organisation=scope.organisation, assessed_at__gte=since, person__is_active=True
    )
    if not scope.whole:
        changed = changed.filter(person__unit_id__in=[k for k in tree.keys if k is not None])
    live = {
        "people": sums[root, PEOPLE], "assessed": sums[root, ASSESSED], "low": sums[root, LOW],
        "level_sum": sums[root, OVERALL], "changed": changed.count(),
    }  # fmt: skip
    for month, row in [*((m, by_month.get(m)) for m in months), (this_month, live)]:
        label = _("today") if month == this_month else month.strftime("%Y-%m")
        if row is None or not row["people"]:
            continue
        people, assessed = int(row["people"]), int(row["assessed"])
        shown = people >= least and assessed >= least and not (0 < int(row["changed"]) < least)
        status = "shown" if shown else ("small" if people < least or assessed < least else "protected")
        values = [label, people, assessed, pct(assessed, people), pct(people - assessed + row["low"], people),
                  level(row["level_sum"], assessed)]  # fmt: skip
        table.rows.append(Row(label=label, values=values if shown else [label] + [None] * 5, status=status))
    return table


def campaigns_table(scope, tree, least) -> Table:
    """Invited, started and completed per launched campaign, among the scope's people."""
    from acculture.assessments.models import Assessment, Campaign, Invitation

    # Everyone invited counts, those who have left since too: the campaign's own figures.
    invitations = Invitation.objects.filter(
        campaign__organisation=scope.organisation, campaign__status=Campaign.Status.LAUNCHED
    )
    sittings = Assessment.objects.filter(
        campaign__organisation=scope.organisation, campaign__status=Campaign.Status.LAUNCHED
    )
    if not scope.whole:
        units = [k for k in tree.keys if k is not None]
        invitations = invitations.filter(person__unit_id__in=units)
        sittings = sittings.filter(person__unit_id__in=units)
    invited = {
        row["campaign_id"]: row
        for row in invitations.values("campaign_id", "campaign__title", "campaign__opens_on")
        .annotate(n=Count("pk"))
        .order_by("-campaign__opens_on")
    }
    took = {
        row["campaign_id"]: row
        for row in sittings.values("campaign_id")
        .annotate(
            started=Count("person_id", distinct=True),
            completed=Count("person_id", distinct=True, filter=Q(status=Assessment.Status.COMPLETED)),
        )
        .order_by()
    }
    table = Table(
        "campaigns",
        _("Campaigns"),
        [
            Column("campaign", _("Campaign"), "text"),
            Column("invited", _("Invited"), "int"),
            Column("started", _("Started"), "int"),
            Column("completed", _("Completed"), "int"),
            Column("completed_pct", _("Completed (%)"), "pct"),
        ],
    )
    for campaign_id, row in invited.items():
        n = row["n"]
        done = took.get(campaign_id, {"started": 0, "completed": 0})
        shown = n >= least
        values = [row["campaign__title"], n, done["started"], done["completed"], pct(done["completed"], n)]
        table.rows.append(
            Row(label=row["campaign__title"], values=values if shown else [values[0]] + [None] * 4,
                status="shown" if shown else "small")
        )  # fmt: skip
    return table


def learning_table(scope, tree, population, today, least) -> Table:
    """Learning time given this year (the allowances) against the time counted."""
    from acculture.learning.models import TimeEntry
    from acculture.learning.selectors import allowance_by_month, policies_for

    policies = policies_for(scope.organisation)
    # Only the month of hire changes a month's allowance, and only this year's hires have
    # one: count people per (tree node, month hired this year or 0), not per person.
    keys = [*tree.keys]
    pairs, counts = np.unique(population.node * 13 + population.hire_month, return_counts=True)
    groups = {(keys[int(pair) // 13], int(pair) % 13): int(n) for pair, n in zip(pairs, counts, strict=True)}
    cache: dict[tuple, int] = {}
    given = 0
    for (unit_id, month), count in groups.items():
        unit = tree.units.get(unit_id)
        # Units covered by the same policies get the same allowance: computed once.
        covering = tuple(
            p.pk for p in policies
            if p.unit is None or (unit is not None and (unit.path == p.unit.path or unit.path.startswith(p.unit.path + " / ")))
        )  # fmt: skip
        key = (covering, month)
        if key not in cache:
            hired = date(today.year, month, 1) if month else None
            cache[key] = sum(allowance_by_month(policies, unit, hired, today).values())
        given += count * cache[key]
    entries = TimeEntry.objects.filter(
        person__organisation=scope.organisation, person__is_active=True, status=TimeEntry.Status.APPROVED,
        date__year=today.year, date__lte=today,
    )  # fmt: skip
    if not scope.whole:
        entries = entries.filter(person__unit_id__in=list(scope.unit_ids))
    used = entries.aggregate(total=Sum("minutes"))["total"] or 0
    people = len(population.node)
    table = Table(
        "learning",
        _("Learning time this year"),
        [
            Column("scope", _("Who"), "text"),
            Column("people", _("People"), "int"),
            Column("given", _("Hours given"), "int"),
            Column("used", _("Hours used"), "int"),
            Column("used_pct", _("Used (%)"), "pct"),
        ],
    )
    shown = people >= least
    values = [scope.label, people, round(given / 60), round(used / 60), pct(used, given)]
    table.rows.append(
        Row(label=scope.label, values=values if shown else [scope.label] + [None] * 4,
            status="shown" if shown else "small")
    )  # fmt: skip
    return table
