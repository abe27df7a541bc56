"""What one answer cycle costs the server, in-process: CPU ms and queries per request.

    .venv/bin/python -m bench.profile_answer_cycle [--cycles 100] [--repeat 5] [--candidates 20]
        [--reuse] [--lang fr] [--sql] [--profile [--sort cumulative] [--top 30]]

The same flow as bench/locust_assessment.py (a browser without JavaScript): the question
page, the answer POST through the HTML form (CSRF token and all), the explanation page in
practice mode; a finished test starts again from the assessments home. Candidates of the
demo organisation (`acculture demo --size 2000`, built in var/bench/profile.sqlite3 or in
BENCH_DATABASE_URL; --reuse keeps the last one) take turns, each with its own session,
as in the load run.

Requests go through the real WSGI handler (acculture.wsgi), not the test client's: the
CSRF check is enforced and the database connection is closed or kept at the end of each
request exactly as under gunicorn. Settings as `bench_assessment_load` serves them:
ACCULTURE_ENV=development, DEBUG off. CPU is time.process_time() around each request,
after a warm-up, over several passes (the best pass is the least disturbed by other work
on the machine); queries are counted in a last pass (so that counting costs nothing in
the others). The load client's own work (building the request, reading the cookies) is
inside the figure, but is small next to the server's.
"""

import argparse
import cProfile
import os
import pstats
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench" / "profile.sqlite3"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CAMPAIGN = re.compile(r'name="campaign" value="(\d+)"')
CHOICE = re.compile(r'type="(?:radio|checkbox)" name="answer" value="([^"]+)"')


def field(page: str, name: str) -> str | None:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    return found.group(1) if found else None


def setup(reuse: bool) -> None:
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{DATABASE}"
    os.environ.update(
        ACCULTURE_ENV="development",
        ACCULTURE_DEBUG="false",
        ACCULTURE_ASSESSMENT_RETAKE_DAYS="0",  # a candidate who finishes starts again
        ACCULTURE_EMAIL="console",
        DJANGO_SETTINGS_MODULE="acculture.settings",
    )
    # BENCH_DATABASE_URL may name another database (PostgreSQL), as for the benchmarks:
    # the demo is built in it too unless --reuse (the demo command is idempotent).
    sqlite = os.environ["DATABASE_URL"] == f"sqlite:///{DATABASE}"
    fresh = not reuse or (sqlite and not DATABASE.exists())
    if fresh and sqlite:
        DATABASE.parent.mkdir(parents=True, exist_ok=True)
        for leftover in DATABASE.parent.glob(DATABASE.name + "*"):
            leftover.unlink()
    import django

    django.setup()
    from django.core.management import call_command

    if fresh:
        started = time.monotonic()
        call_command("demo", size=2000, no_serve=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"demo of 2,000 built in {time.monotonic() - started:.0f} s", file=sys.stderr)
    else:
        call_command("migrate", interactive=False, verbosity=0)


def candidates(n: int) -> list:
    from django.contrib.auth.hashers import make_password

    from acculture.people.models import Person, User

    people = list(Person.objects.filter(is_active=True, user__isnull=True).order_by("pk")[:n])
    hashed = make_password(None)
    for person in people:
        person.user = User.objects.create(email=f"profile-{person.pk}@bench.invalid", password=hashed)
        person.save(update_fields=["user"])
    return [p.user for p in people]


class Server:
    """Django's WSGI handler (what acculture.wsgi serves), called as gunicorn would: the
    response is closed after it is sent, which fires request_finished (Django then closes
    or keeps the database connection according to CONN_MAX_AGE). The request is attached
    to the response only because the test client reads it back."""

    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler

        class Handler(WSGIHandler):
            def get_response(self, request):
                response = super().get_response(request)
                response.wsgi_request = request
                return response

        self.application = Handler()

    def __call__(self, environ):
        response = self.application(environ, lambda status, headers, exc_info=None: None)
        response.close()
        return response


class Candidate:
    def __init__(self, user, language: str):
        from django.conf import settings
        from django.test import Client

        class Browser(Client):
            """Posts forms URL-encoded, as a browser (and locust) does; the test client
            would send multipart/form-data."""

            def post(self, path, data, **extra):
                return super().post(
                    path, urlencode(data), content_type="application/x-www-form-urlencoded", **extra
                )

        self.client = Browser()
        self.client.handler = Server()
        self.client.force_login(user)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        self.assessment: str | None = None
        self.page: str | None = None  # htmx: the question the last answer's response held


HX = {"headers": {"HX-Request": "true"}}


def label(name: str, response) -> str:
    """The answer that ends a test is counted apart: it writes the result."""
    if name == "answer" and (
        "HX-Redirect" in response.headers or "/results/" in response.headers.get("Location", "")
    ):
        return "last answer"
    return name


def run(
    cycles: int,
    people: list,
    language: str,
    record,
    rng: random.Random,
    htmx: bool = False,
    campaign: bool = False,
) -> None:
    """`cycles` answer cycles, round-robin over the candidates; record(name, method, *args)
    makes (and times, or counts) one request. With `htmx`, the requests a browser with
    JavaScript makes: the answer and the next question as htmx requests (partial pages).
    With `campaign`, a candidate starts an open campaign of theirs (no explanations)."""
    done = 0
    while done < cycles:
        for candidate in people:
            client = candidate.client
            if candidate.assessment is None:
                page = record("assessments home", client.get, "/assessments/").content.decode()
                form = {"csrfmiddlewaretoken": TOKEN.search(page).group(1)}
                if campaign and (found := CAMPAIGN.search(page)):
                    form["campaign"] = found.group(1)
                started = record("start", client.post, "/assessments/start/", form)
                location = started.headers.get("Location", "")
                candidate.assessment = location if re.fullmatch(r"/assessments/\d+/", location) else None
                if candidate.assessment is None:
                    raise RuntimeError(f"could not start: {started.status_code} {location}")
            url = candidate.assessment
            if candidate.page is not None:
                page, candidate.page = candidate.page, None
            else:
                response = record("question", client.get, url, **(HX if htmx else {}))
                if response.status_code != 200:
                    candidate.assessment = None
                    continue
                page = response.content.decode()
            data = {
                "csrfmiddlewaretoken": TOKEN.search(page).group(1),
                "position": field(page, "position"),
                "item": field(page, "item"),
            }
            choices = CHOICE.findall(page)
            if choices and rng.random() < 0.85:
                data["answer"] = rng.choice(choices)
            else:
                data["dont_know"] = "1"
            answered = record("answer", client.post, url, data, **(HX if htmx else {}))
            location = answered.headers.get("Location", "")
            if htmx and "HX-Redirect" in answered.headers:
                candidate.assessment = None  # finished: the results page (a 200 for htmx)
            elif htmx and answered.status_code == 200:
                if "HX-Push-Url" not in answered.headers:  # a campaign: the next question
                    candidate.page = answered.content.decode()
            elif answered.status_code == 302 and "/answers/" in location:
                explained = record("explanation", client.get, location)
                assert explained.status_code == 200, explained.status_code
            elif answered.status_code != 302:
                raise RuntimeError(f"answer refused: {answered.status_code}")
            done += 1
            if done >= cycles:
                return


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=100, help="answer cycles per pass (default 100)")
    parser.add_argument("--repeat", type=int, default=5, help="measured passes (default 5)")
    parser.add_argument("--warmup", type=int, default=30, help="cycles before measuring (default 30)")
    parser.add_argument("--candidates", type=int, default=20, help="candidates taking turns (default 20)")
    parser.add_argument("--reuse", action="store_true", help="keep the demo database of the last run")
    parser.add_argument("--profile", action="store_true", help="cProfile the measured pass: top 30")
    parser.add_argument("--sort", default="tottime", help="cProfile sort key (default tottime)")
    parser.add_argument("--top", type=int, default=30, help="cProfile lines to print (default 30)")
    parser.add_argument("--sql", action="store_true", help="print the statements of each request type")
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--htmx", action="store_true", help="the flow of a browser with JavaScript (htmx)")
    parser.add_argument("--campaign", action="store_true", help="candidates take a campaign's test")
    args = parser.parse_args(argv)

    setup(args.reuse)
    from django.db import connection

    rng = random.Random(2026)
    people = [Candidate(user, args.lang) for user in candidates(args.candidates)]

    def untimed(name, method, *args, **kwargs):
        return method(*args, **kwargs)

    run(args.warmup, people, args.lang, untimed, rng, args.htmx, args.campaign)

    # Several passes: the machine may be shared, and the best pass is the least disturbed.
    passes: list[dict[str, list[float]]] = []

    def timed(name, method, *args, **kwargs):
        started = time.process_time()
        response = method(*args, **kwargs)
        passes[-1][label(name, response)].append((time.process_time() - started) * 1000)
        return response

    profiler = cProfile.Profile() if args.profile else None
    wall = time.perf_counter()
    for _ in range(args.repeat):
        passes.append(defaultdict(list))
        if profiler:
            profiler.enable()
        run(args.cycles, people, args.lang, timed, rng, args.htmx, args.campaign)
        if profiler:
            profiler.disable()
    wall = time.perf_counter() - wall

    queries: dict[str, list[int]] = defaultdict(list)
    statements: dict[str, list[str]] = {}
    current: list[str] = []

    def count(execute, sql, params, many, context):
        current.append(sql)
        return execute(sql, params, many, context)

    def counted(name, method, *args, **kwargs):
        current.clear()
        with connection.execute_wrapper(count):
            response = method(*args, **kwargs)
        name = label(name, response)
        queries[name].append(len(current))
        statements.setdefault(name, list(current))
        return response

    run(max(10, args.cycles // 5), people, args.lang, counted, rng, args.htmx, args.campaign)

    cycles = [sum(map(sum, p.values())) / (len(p["answer"]) + len(p["last answer"])) for p in passes]
    print(
        f"\n{args.repeat} passes of {args.cycles} answer cycles, {len(people)} candidates, "
        f"language {args.lang}, {connection.vendor}, load average {os.getloadavg()[0]:.2f}"
    )
    print(f"{'request':<18}{'n':>6}{'CPU ms median':>15}{'p90':>8}{'best pass mean':>16}{'queries':>9}")
    for name in ("question", "answer", "last answer", "explanation", "assessments home", "start"):
        values = sorted(v for p in passes for v in p.get(name, []))
        if not values:
            continue
        best = min(statistics.fmean(p[name]) for p in passes if p.get(name))
        q = queries.get(name) or [0]
        print(
            f"{name:<18}{len(values):>6}{statistics.median(values):>15.2f}"
            f"{values[int(0.9 * (len(values) - 1))]:>8.2f}{best:>16.2f}{statistics.fmean(q):>9.1f}"
        )
    print(
        f"CPU ms per answer cycle (all requests, new tests included): best pass {min(cycles):.2f}, "
        f"median pass {statistics.median(cycles):.2f}; wall {wall:.1f} s"
    )
    if args.sql:
        for name, sqls in statements.items():
            print(f"\n-- {name}")
            for sql in sqls:
                print("  ", sql[:200])
    if profiler:
        print()
        stats = pstats.Stats(profiler)
        if os.environ.get("BENCH_PROFILE_DUMP"):
            stats.dump_stats(os.environ["BENCH_PROFILE_DUMP"])
        stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
