"""Candidates under load: `acculture serve` (gunicorn) against locust, on SQLite and PostgreSQL.

For each database: a fresh one (SQLite under var/bench/; PostgreSQL in a private cluster
started by scripts/pg-cluster on its own port with default durability — fsync on, unlike
the test cluster), `acculture demo --size 2000 --no-serve` (the real content and a demo
organisation), then accounts with a known password for the candidates. The server runs
with 2 gunicorn workers × 8 threads (one worker per core; threads cover the waits on the
database). locust, headless on 127.0.0.1, first hammers /healthz (a plain HttpResponse)
for the ceiling, then steps the number of candidates, each logging in, starting, and
answering through the real HTML form flow with 2–5 s between answers.

The load client and the server share the same 2 cores, so every figure is a floor.
Targets (issue 6): 500 simultaneous candidates with p95 ≤ 100 ms on both databases, and
sustained answers/s ≥ 50 % of the bare-view ceiling.
"""

import csv
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench._report import table, write_section

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
LOCUSTFILE = Path(__file__).with_name("locust_assessment.py")
STEPS = (100, 250, 500)
STEP_SECONDS = 30
SPAWN_RATE = 25  # logins use argon2 (~50 ms of CPU each): a faster storm would only measure that
CEILING_USERS, CEILING_SECONDS = 32, 20
WORKERS, THREADS = 2, 8
PASSWORD = "bench password 2026"
PG_PORT, PG_DATA = "54339", "/tmp/acculture-pg-bench"

ACCOUNTS = """
import django
django.setup()
from django.contrib.auth.hashers import make_password
from acculture.people.models import Person, User
hashed = make_password({password!r})  # one argon2 hash for all: 500 would take a minute
people = list(Person.objects.filter(is_active=True, user__isnull=True).order_by("pk")[:{n}])
User.objects.bulk_create([User(email=p.email.lower(), password=hashed) for p in people], ignore_conflicts=True)
users = {{u.email: u for u in User.objects.filter(email__in=[p.email.lower() for p in people])}}
for p in people:
    p.user = users[p.email.lower()]
Person.objects.bulk_update(people, ["user"])
print("\\n".join(f"{{p.email.lower()}} {password}" for p in people))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "ACCULTURE_ENV": "development",
        "ACCULTURE_DEBUG": "false",
        "ACCULTURE_ASSESSMENT_RETAKE_DAYS": "0",  # a candidate who finishes starts again
        "DJANGO_SETTINGS_MODULE": "acculture.settings",
    }


def sqlite_database() -> str:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for leftover in BENCH_DIR.glob("load.sqlite3*"):
        leftover.unlink()
    return f"sqlite:///{BENCH_DIR / 'load.sqlite3'}"


def postgres_database() -> str:
    import psycopg

    env = {**os.environ, "PGPORT": PG_PORT, "PGDATA_DIR": PG_DATA, "PG_DURABLE": "1"}
    subprocess.run([ROOT / "scripts" / "pg-cluster"], env=env, check=True)
    admin = f"postgres://postgres@127.0.0.1:{PG_PORT}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS acculture_bench WITH (FORCE)")
        conn.execute("CREATE DATABASE acculture_bench")
        fsync = conn.execute("SHOW fsync").fetchone()[0]
    assert fsync == "on", "the benchmark cluster must keep default durability"
    return f"postgres://postgres@127.0.0.1:{PG_PORT}/acculture_bench"


def prepare(env: dict) -> Path:
    acculture = [sys.executable, "-m", "acculture.cli"]
    subprocess.run([*acculture, "demo", "--size", "2000", "--no-serve"], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    accounts = subprocess.run(
        [sys.executable, "-c", ACCOUNTS.format(password=PASSWORD, n=max(STEPS))],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    users_file = BENCH_DIR / "load-users.txt"
    users_file.write_text(accounts)
    return users_file


class Server:
    def __init__(self, env: dict, log: Path):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "acculture.cli",
                "serve",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--threads",
                str(THREADS),
            ],
            env=env,
            cwd=ROOT,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the server did not start; see {log}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def locust(port: int, user_class: str, users: int, seconds: int, users_file: Path) -> dict[str, dict]:
    """Run locust headless; return its statistics by request name (after the ramp-up)."""
    spawn = min(users, SPAWN_RATE)
    run_for = int(users / spawn) + seconds
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "run"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(LOCUSTFILE),
                "--headless",
                "--only-summary",
                "-u",
                str(users),
                "-r",
                str(spawn),
                "-t",
                f"{run_for}s",
                "--reset-stats",
                "--stop-timeout",
                "5",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--loglevel",
                "ERROR",
                user_class,
            ],
            env={**os.environ, "LOAD_USERS_FILE": str(users_file)},
            cwd=ROOT,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with open(f"{prefix}_stats.csv", newline="") as f:
            return {row["Name"]: row for row in csv.DictReader(f)}


def figures(stats: dict[str, dict], name: str) -> dict:
    row = stats.get(name) or {}
    number = lambda key: float(row.get(key) or 0)  # noqa: E731
    return {
        "rps": number("Requests/s"),
        "count": int(number("Request Count")),
        "failures": int(number("Failure Count")),
        "p50": number("50%"),
        "p95": number("95%"),
        "p99": number("99%"),
    }


def measure(label: str, url: str) -> tuple[str, dict]:
    env = server_env(url)
    started = time.monotonic()
    users_file = prepare(env)
    setup_s = time.monotonic() - started
    server = Server(env, BENCH_DIR / f"serve-{label}.log")
    try:
        ceiling = figures(
            locust(server.port, "BareView", CEILING_USERS, CEILING_SECONDS, users_file), "healthz"
        )
        steps = []
        for users in STEPS:
            stats = locust(server.port, "Candidate", users, STEP_SECONDS, users_file)
            steps.append((users, figures(stats, "answer"), figures(stats, "question")))
            print(f"   {label} {users} candidates: {steps[-1][1]}", flush=True)
    finally:
        server.stop()
    rows = [
        [users, round(a["rps"], 1), a["count"], a["failures"], a["p50"], a["p95"], a["p99"], q["p95"]]
        for users, a, q in steps
    ]
    rows.append(["bare view /healthz", round(ceiling["rps"], 1), ceiling["count"], ceiling["failures"],
                 ceiling["p50"], ceiling["p95"], ceiling["p99"], "—"])  # fmt: skip
    good = [a["rps"] for _u, a, _q in steps if a["count"] and a["p95"] <= 100 and not a["failures"]]
    sustained = max(good, default=0.0)
    at_500 = next(a for users, a, _q in steps if users == 500)
    summary = {
        "sustained": sustained,
        "ceiling": ceiling["rps"],
        "p95_500": at_500["p95"],
        "ok_500": at_500["count"] > 0 and at_500["p95"] <= 100 and not at_500["failures"],
    }
    text = (
        f"### {label}\n\n"
        + table(
            [
                "candidates",
                "answers/s",
                "answers",
                "failed",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "question page p95 ms",
            ],
            rows,
        )
        + f"\n\nSetup (demo of 2,000 people, content, accounts): {setup_s:.0f} s. "
        f"Highest sustained answers/s with p95 ≤ 100 ms: **{sustained:.1f}** "
        f"({sustained / ceiling['rps']:.0%} of the bare-view ceiling of {ceiling['rps']:.0f} requests/s). "
        f"500 candidates: p95 {at_500['p95']:.0f} ms — {'meets' if summary['ok_500'] else 'misses'} "
        "the target of ≤ 100 ms."
    )
    return text, summary


def main() -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    parts = []
    for label, database in (("SQLite (WAL)", sqlite_database), ("PostgreSQL (fsync on)", postgres_database)):
        print(f"== {label}", flush=True)
        text, _summary = measure(label, database())
        parts.append(text)
    subprocess.run([ROOT / "scripts" / "pg-cluster", "stop"], check=False,
                   env={**os.environ, "PGPORT": PG_PORT, "PGDATA_DIR": PG_DATA})  # fmt: skip
    text = (
        "## Candidates under load (gunicorn + locust)\n\n"
        "`python -m bench assessment_load` (`make bench`). `acculture serve` with "
        f"{WORKERS} gunicorn workers × {THREADS} threads on 127.0.0.1; locust 2 headless on the "
        "**same 2 cores** (so these are floors). Each simulated candidate logs in, starts, reads "
        "the question page, answers through the HTML form (practice mode: then reads the "
        "explanation) and waits 2–5 s. Steps of "
        f"{', '.join(map(str, STEPS))} candidates, {STEP_SECONDS} s each after the ramp-up "
        f"({SPAWN_RATE} logins/s, argon2); the bare view is /healthz (a plain HttpResponse) hammered "
        f"by {CEILING_USERS} users without pause for {CEILING_SECONDS} s. Latencies are those of the "
        "answer POST (scoring, posterior update, next item, one commit).\n\n"
        + "\n\n".join(parts)
        + "\n\nTargets: 500 simultaneous candidates with p95 ≤ 100 ms on both databases; sustained "
        "answers/s ≥ 50 % of the bare-view ceiling. With 2–5 s between answers, 500 candidates "
        "offer only ~100–140 answers/s, so the second target compares paced traffic to an "
        "unpaced ceiling: read it with that in mind."
    )
    print(text)
    write_section("assessment_load", text)
