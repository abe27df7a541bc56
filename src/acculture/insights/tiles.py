"""Programme tiles: figures read from the other apps, when they are installed.

Each app is imported here, at call time and only if installed, so insights never needs
them to load; an app that is missing (or whose reads have changed) leaves its tile out
and is named in `missing`. All figures are whole-organisation counts; a count of people
is shown only when it is 0 or at least the minimum group size, and the per-function and
per-site rows follow the small-group rule of `insights.privacy`.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.insights import privacy
from acculture.insights.tables import Column, Row, Table

log = logging.getLogger(__name__)


@dataclass
class Tiles:
    tables: list[Table] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _people(count: int, least: int) -> int | None:
    """A number of people: shown when 0 or at least the minimum."""
    return count if count == 0 or count >= least else None


def _one_row(slug, title, columns, values, label) -> Table:
    table = Table(slug, title, [Column("what", _("What"), "text"), *columns])
    table.rows.append(Row(label=label, values=[label, *values]))
    return table


def functions_table(organisation, least: int) -> Table:
    """Holders of each function who meet its requirement, are in their grace period, or
    are past it. A function with fewer holders than the minimum shows no figures."""
    from acculture.functions.evaluation import Standing
    from acculture.functions.selectors import compliance_rows

    counts: dict[int, dict] = {}
    for row in compliance_rows(organisation, include_met=True):
        entry = counts.setdefault(row.function.pk, {"name": row.function.name, Standing.MET: 0,
                                                    Standing.IN_GRACE: 0, Standing.OVERDUE: 0})  # fmt: skip
        entry[row.standing] += 1
    table = Table(
        "functions",
        _("Functions: compliance with their required level"),
        [
            Column("function", _("Function"), "text"),
            Column("holders", _("Holders"), "int"),
            Column("met", _("Meet the requirement"), "int"),
            Column("grace", _("In the grace period"), "int"),
            Column("overdue", _("Grace period over"), "int"),
            Column("met_pct", _("Meet (%)"), "pct"),
        ],
    )
    for entry in sorted(counts.values(), key=lambda e: e["name"]):
        holders = entry[Standing.MET] + entry[Standing.IN_GRACE] + entry[Standing.OVERDUE]
        shown = holders >= least
        values = [holders, entry[Standing.MET], entry[Standing.IN_GRACE], entry[Standing.OVERDUE],
                  round(100 * entry[Standing.MET] / holders, 1)]  # fmt: skip
        table.rows.append(
            Row(label=entry["name"], values=[entry["name"], *(values if shown else [None] * 5)],
                status="shown" if shown else "small")
        )  # fmt: skip
    return table


def factory_table(organisation, least: int, since) -> Table:
    from acculture.factory.models import Registration, Session

    sessions = Session.objects.filter(workshop__organisation=organisation)
    held = sessions.filter(starts_at__gte=since, starts_at__lte=timezone.now()).exclude(
        status=Session.Status.CANCELLED
    )
    attended = Registration.objects.filter(
        session__in=held, attendance=Registration.Attendance.ATTENDED
    ).aggregate(seats=Count("pk"), people=Count("person", distinct=True))
    coming = sessions.filter(status=Session.Status.PUBLISHED, starts_at__gt=timezone.now()).count()
    return _one_row(
        "factory",
        _("Digital Factory, the last twelve months"),
        [
            Column("held", _("Sessions held"), "int"),
            Column("seats", _("Seats attended"), "int"),
            Column("people", _("People who attended"), "int"),
            Column("coming", _("Sessions coming up"), "int"),
        ],
        [held.count(), attended["seats"], _people(attended["people"], least), coming],
        organisation.name,
    )


def mentoring_table(organisation, least: int, since) -> Table:
    from acculture.mentoring.models import Meeting, Pair, Programme

    pairs = Pair.objects.filter(programme__organisation=organisation)
    counts = pairs.aggregate(
        active=Count("pk", filter=Q(status=Pair.Status.ACTIVE)),
        ended=Count("pk", filter=Q(status=Pair.Status.ENDED)),
    )
    meetings = Meeting.objects.filter(
        pair__programme__organisation=organisation, on__gte=since.date()
    ).aggregate(n=Count("pk"), minutes=Sum("minutes", default=0))
    programmes = (
        Programme.objects.filter(organisation=organisation).exclude(status=Programme.Status.DRAFT).count()
    )
    return _one_row(
        "mentoring",
        _("Reverse mentoring"),
        [
            Column("programmes", _("Programmes"), "int"),
            Column("active", _("Pairs under way"), "int"),
            Column("ended", _("Pairs finished"), "int"),
            Column("meetings", _("Meetings, last twelve months"), "int"),
            Column("hours", _("Hours of meetings"), "int"),
        ],
        [programmes, counts["active"], counts["ended"], meetings["n"], round(meetings["minutes"] / 60)],
        organisation.name,
    )


def champions_table(organisation, least: int, people_by_site: dict, sites: list) -> Table:
    """Champions against the target ratio (ACCULTURE_CHAMPION_RATIO), for the whole
    organisation and per site. The people per site come from the dashboard's own pass; a
    champion counts where they help (their profile's site), else where they work, as on
    the champions' coverage page."""
    from django.conf import settings
    from django.db.models import F
    from django.db.models.functions import Coalesce

    from acculture.people.models import Role, RoleGrant

    ratio = settings.CHAMPION_RATIO
    grants = RoleGrant.objects.filter(
        role=Role.CHAMPION, person__organisation=organisation, person__is_active=True
    )
    by_site = dict(
        grants.annotate(where=Coalesce(F("person__champion_profile__site_id"), F("person__site_id")))
        .values("where")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("where", "n")
    )
    table = Table(
        "champions",
        _("Champions: coverage"),
        [
            Column("where", _("Where"), "text"),
            Column("people", _("People"), "int"),
            Column("champions", _("Champions"), "int"),
            Column("needed", _("Champions needed"), "int"),
            Column("missing", _("Missing"), "int"),
        ],
        note=_("One champion for every %(n)s people.") % {"n": ratio},
    )
    total = sum(people_by_site.values())
    rows = [(organisation.name, total, sum(by_site.values()))]
    rows += [(site.name, people_by_site.get(site.pk, 0), by_site.get(site.pk, 0)) for site in sites]
    statuses = [
        "shown" if total >= least else "small",
        *privacy.partition_statuses(total, [people for _name, people, _n in rows[1:]], least),
    ]
    for (label, people, champions), status in zip(rows, statuses, strict=True):
        if people == 0:
            continue
        needed = -(-people // ratio)
        values = [people, champions, needed, max(0, needed - champions)]
        table.rows.append(Row(label=label, values=[label, *(values if status == "shown" else [None] * 4)],
                              status=status))  # fmt: skip
    return table


def community_table(organisation, least: int, since) -> Table:
    from acculture.wins.selectors import win_counts

    wins = win_counts(organisation, since=since)
    columns = [
        Column("wins", _("Small wins posted"), "int"),
        Column("featured", _("Featured"), "int"),
        Column("people", _("People who posted"), "int"),
        Column("kudos", _("Kudos"), "int"),
        Column("minutes", _("Minutes saved a week"), "int"),
    ]
    values = [wins["wins"], wins["featured"], _people(wins["people"], least), wins["kudos"],
              wins["minutes_saved_per_week"]]  # fmt: skip
    return _one_row("wins", _("Small wins, the last twelve months"), columns, values, organisation.name)


def proposals_table(organisation) -> Table:
    from acculture.proposals.selectors import proposal_counts

    counts = proposal_counts(organisation)
    return _one_row(
        "proposals",
        _("Shadow committee proposals"),
        [
            Column("total", _("Proposals"), "int"),
            Column("overdue", _("Waiting past their answer date"), "int"),
            Column("supports", _("Supports"), "int"),
        ],
        [counts["total"], counts["overdue"], counts["supports"]],
        organisation.name,
    )


TILES = [
    ("acculture.functions", "functions", lambda org, least, since: functions_table(org, least)),
    ("acculture.factory", "factory", factory_table),
    ("acculture.mentoring", "mentoring", mentoring_table),
    ("acculture.champions", "champions", None),
    ("acculture.wins", "wins", community_table),
    ("acculture.proposals", "proposals", lambda org, least, since: proposals_table(org)),
]


def programme_tiles(organisation, *, people_by_site: dict, sites: list) -> Tiles:
    """The tiles of every installed app; the others named in `missing`."""
    least = privacy.minimum()
    since = timezone.now() - timedelta(days=365)
    found = Tiles()
    for app, slug, build in TILES:
        if not apps.is_installed(app):
            found.missing.append(slug)
            continue
        try:
            if slug == "champions":
                found.tables.append(champions_table(organisation, least, people_by_site, sites))
            else:
                found.tables.append(build(organisation, least, since))
        except (ImportError, AttributeError, LookupError):
            # The app is there but its reads are not (yet) what this tile expects: the
            # dashboard still shows everything else.
            log.exception("The %s tile could not be built", slug)
            found.missing.append(slug)
    return found
