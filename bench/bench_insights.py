"""The CDO's dashboard on a demo organisation of 100,000 people and ~2,000,000 answers.

Builds the organisation as `acculture demo --size 100000` does (the staff import, then the
assessment history of insights/demo.py), then times full page renders through Django's
test client, signed in as the demo CDO: the organisation's dashboard, a drill-down into a
direction, the same filtered on one site, a manager's dashboard and one CSV export. Beside
them, in the same run and on the same database, a plain `SELECT COUNT(*)` of the answers
table: the floor any page that read the answers would stand on. Target (issue #11): the
CDO's dashboard in ≤ 1 s on SQLite and on PostgreSQL.

    python -m bench insights                     # SQLite, a fresh file under var/bench/
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:54329/bench_insights python -m bench insights
    BENCH_INSIGHTS_SIZE=20000 python -m bench insights   # a smaller run
"""

import os
import statistics
import time

from bench._django import setup
from bench._report import table, write_section

SIZE = int(os.environ.get("BENCH_INSIGHTS_SIZE", "100000"))
REPEAT = 5


def timed(call, repeat=REPEAT) -> tuple[float, float]:
    """(first, median of the next `repeat`) in seconds."""
    started = time.perf_counter()
    call()
    first = time.perf_counter() - started
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        runs.append(time.perf_counter() - started)
    return first, statistics.median(runs)


def main() -> None:
    vendor = setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from acculture.assessments.models import Response
    from acculture.insights.demo import demo_build as history_build
    from acculture.insights.population import forget_kept
    from acculture.people.demo import DEMO_DOMAIN, demo_build
    from acculture.people.models import Person, Site, Unit, User

    call_command("content", "load", verbosity=0)
    started = time.perf_counter()
    organisation, _accounts = demo_build(size=SIZE)
    people_s = time.perf_counter() - started
    started = time.perf_counter()
    line = history_build(organisation)
    history_s = time.perf_counter() - started
    print(line, flush=True)
    built = (
        f"built in {people_s:.0f} s + {history_s:.0f} s of assessment history"
        if line
        else f"the database of an earlier run, checked in {people_s + history_s:.0f} s"
    )
    people = Person.objects.filter(organisation=organisation).count()
    answers = Response.objects.count()

    table_name = connection.ops.quote_name(Response._meta.db_table)

    def count_answers():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table_name}")
            cursor.fetchone()

    count_first, count_median = timed(count_answers)

    # Each request would reset the query log and close the connection (Django's request
    # signals); a server keeps its connections (CONN_MAX_AGE), and we want the query counts.
    from django.core import signals
    from django.db import close_old_connections, reset_queries

    signals.request_started.disconnect(reset_queries)
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)

    cdo = Client()
    cdo.force_login(User.objects.get(email=f"cdo@{DEMO_DOMAIN}"))
    manager = Client()
    manager.force_login(User.objects.get(email=f"manager@{DEMO_DOMAIN}"))
    direction = Unit.objects.get(organisation=organisation, path__regex=r"^Direction générale / [^/]+$",
                                 name="Direction du numérique")  # fmt: skip
    site = Site.objects.filter(organisation=organisation).order_by("name").first()
    pages = [
        ("CDO dashboard (the organisation)", cdo, "/insights/", {}),
        ("CDO drill-down into a direction", cdo, "/insights/", {"unit": direction.pk}),
        ("the same, one site", cdo, "/insights/", {"unit": direction.pk, "site": site.pk}),
        ("a manager's dashboard", manager, "/insights/", {}),
        ("CSV export of the units table", cdo, "/insights/export/units.csv", {}),
    ]
    # Warm the process (imports, URL configuration, templates) on a page of another app,
    # and once on a small scope of this one, so the fresh reads below measure the data.
    assert cdo.get("/").status_code == 200
    assert manager.get("/insights/").status_code == 200
    rows = []
    for label, client, url, query in pages:

        def get(client=client, url=url, query=query):
            response = client.get(url, query)
            assert response.status_code == 200, (url, response.status_code)

        # A fresh read: nothing kept from an earlier page (the process itself is warm: its
        # modules and templates loaded), timed on its own with its queries counted; then
        # the median of the next renders.
        forget_kept()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            get()
            first = time.perf_counter() - started
        _again, median = timed(get)
        rows.append(
            [label, round(first * 1000), round(median * 1000), round(median / count_median, 1), len(queries)]
        )
    rows.append(["plain SELECT COUNT(*) of the answers (reference)", round(count_first * 1000, 1),
                 round(count_median * 1000, 1), 1.0, 1])  # fmt: skip
    dashboard, cold = rows[0][2] / 1000, rows[0][1] / 1000
    verdict = "meets" if dashboard <= 1.0 else "misses"
    verdict_fresh = "meets" if cold <= 1.0 else "misses"
    text = (
        f"## Insights: the CDO dashboard ({vendor})\n\n`python -m bench insights`. Demo organisation of "
        f"{people:,} people and {answers:,} answers ({built}). Full page renders through the test client, signed in, in a warmed-up process: the "
        f"first with nothing kept from an earlier page (a fresh read of the people and of the activity "
        f"counts) and its number of queries, then, after one more, the median of the "
        f"next {REPEAT} (the people's read and the activity counts kept, see docs/insights.md).\n\n"
        + table(["page", "fresh read (ms)", "median (ms)", "median × COUNT(*)", "queries (fresh)"], rows)
        + f"\n\nTarget ≤ 1 s for the CDO dashboard: {verdict} it ({dashboard:.2f} s; with a fresh read "
        f"{cold:.2f} s, which {verdict_fresh} it). Machine load during the run (1-minute average): {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores."
    )
    print(text)
    write_section(f"insights_{vendor}", text)
