"""What one answer cycle costs the server, in-process: CPU ms and queries per request.

    .venv/bin/python -m bench.profile_answer_cycle [--cycles 150] [--candidates 20]
        [--reuse] [--lang fr] [--sql] [--profile [--sort cumulative] [--top 30]]

The same flow as bench/locust_assessment.py (a browser without JavaScript): the question
page, the answer POST through the HTML form (CSRF token and all), the explanation page in
practice mode; a finished test starts again from the assessments home. Candidates of the
demo organisation (`acculture demo --size 2000`, built in var/bench/profile.sqlite3;
--reuse keeps the last one) take turns, each with its own session, as in the load run.

Requests go through the real WSGI handler (acculture.wsgi), not the test client's: the
CSRF check is enforced and the database connection is closed or kept at the end of each
request exactly as under gunicorn. Settings as `bench_assessment_load` serves them:
ACCULTURE_ENV=development, DEBUG off. CPU is time.process_time() around each request,
after a warm-up; queries are counted in a second pass (so that counting costs nothing in
the first). The load client's own work (building the request, reading the cookies) is
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

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench" / "profile.sqlite3"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE = re.compile(r'type="(?:radio|checkbox)" name="answer" value="([^"]+)"')


def field(page: str, name: str) -> str | None:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    return found.group(1) if found else None


def setup(reuse: bool) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{DATABASE}")
    os.environ.update(
        ACCULTURE_ENV="development",
        ACCULTURE_DEBUG="false",
        ACCULTURE_ASSESSMENT_RETAKE_DAYS="0",  # a candidate who finishes starts again
        ACCULTURE_EMAIL="console",
        DJANGO_SETTINGS_MODULE="acculture.settings",
    )
    fresh = os.environ["DATABASE_URL"].startswith("sqlite") and not (reuse and DATABASE.exists())
    if fresh:
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

        self.client = Client()
        self.client.handler = Server()
        self.client.force_login(user)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        self.assessment: str | None = None


def run(cycles: int, people: list, language: str, record, rng: random.Random) -> None:
    """`cycles` answer cycles, round-robin over the candidates; record(name, method, *args)
    makes (and times, or counts) one request."""
    done = 0
    while done < cycles:
        for candidate in people:
            client = candidate.client
            if candidate.assessment is None:
                page = record("assessments home", client.get, "/assessments/").content.decode()
                token = TOKEN.search(page).group(1)
                started = record("start", client.post, "/assessments/start/", {"csrfmiddlewaretoken": token})
                location = started.headers.get("Location", "")
                candidate.assessment = location if re.fullmatch(r"/assessments/\d+/", location) else None
                if candidate.assessment is None:
                    raise RuntimeError(f"could not start: {started.status_code} {location}")
            url = candidate.assessment
            response = record("question", client.get, url)
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
            answered = record("answer", client.post, url, data)
            location = answered.headers.get("Location", "")
            if answered.status_code == 302 and "/answers/" in location:
                explained = record("explanation", client.get, location)
                assert explained.status_code == 200, explained.status_code
            elif answered.status_code != 302:
                raise RuntimeError(f"answer refused: {answered.status_code}")
            done += 1
            if done >= cycles:
                return


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=150, help="measured answer cycles (default 150)")
    parser.add_argument("--warmup", type=int, default=30, help="cycles before measuring (default 30)")
    parser.add_argument("--candidates", type=int, default=20, help="candidates taking turns (default 20)")
    parser.add_argument("--reuse", action="store_true", help="keep the demo database of the last run")
    parser.add_argument("--profile", action="store_true", help="cProfile the measured pass: top 30")
    parser.add_argument("--sort", default="tottime", help="cProfile sort key (default tottime)")
    parser.add_argument("--top", type=int, default=30, help="cProfile lines to print (default 30)")
    parser.add_argument("--sql", action="store_true", help="print the statements of each request type")
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    args = parser.parse_args(argv)

    setup(args.reuse)
    from django.db import connection

    rng = random.Random(2026)
    people = [Candidate(user, args.lang) for user in candidates(args.candidates)]

    def untimed(name, method, *args):
        return method(*args)

    run(args.warmup, people, args.lang, untimed, rng)

    cpu: dict[str, list[float]] = defaultdict(list)

    def timed(name, method, *args):
        started = time.process_time()
        response = method(*args)
        cpu[name].append((time.process_time() - started) * 1000)
        return response

    profiler = cProfile.Profile() if args.profile else None
    wall = time.perf_counter()
    if profiler:
        profiler.enable()
    run(args.cycles, people, args.lang, timed, rng)
    if profiler:
        profiler.disable()
    wall = time.perf_counter() - wall

    queries: dict[str, list[int]] = defaultdict(list)
    statements: dict[str, list[str]] = {}
    current: list[str] = []

    def count(execute, sql, params, many, context):
        current.append(sql)
        return execute(sql, params, many, context)

    def counted(name, method, *args):
        current.clear()
        with connection.execute_wrapper(count):
            response = method(*args)
        queries[name].append(len(current))
        statements.setdefault(name, list(current))
        return response

    run(max(10, args.cycles // 5), people, args.lang, counted, rng)

    answers = len(cpu["answer"])
    print(f"\n{answers} answer cycles, {len(people)} candidates, language {args.lang}, {connection.vendor}")
    print(f"{'request':<18}{'n':>6}{'CPU ms mean':>13}{'median':>9}{'p90':>8}{'queries':>10}")
    for name in ("question", "answer", "explanation", "assessments home", "start"):
        if not cpu.get(name):
            continue
        values = sorted(cpu[name])
        p90 = values[int(0.9 * (len(values) - 1))]
        q = queries.get(name) or [0]
        print(
            f"{name:<18}{len(values):>6}{statistics.fmean(values):>13.2f}{statistics.median(values):>9.2f}"
            f"{p90:>8.2f}{statistics.fmean(q):>10.1f}"
        )
    total = sum(sum(v) for v in cpu.values())
    per_cycle = total / answers
    print(f"CPU per answer cycle (every request, starts included): {per_cycle:.2f} ms")
    print(f"wall time {wall:.1f} s for {answers} cycles")
    if args.sql:
        for name, sqls in statements.items():
            print(f"\n-- {name}")
            for sql in sqls:
                print("  ", sql[:200])
    if profiler:
        print()
        pstats.Stats(profiler).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
