"""Candidates under load: `acculture serve` (gunicorn) against locust, on SQLite and PostgreSQL.

For each database: a fresh one (SQLite under var/bench/; PostgreSQL in a private cluster
started by scripts/pg-cluster on its own port with default durability — fsync on, unlike
the test cluster, and checked with SHOW fsync), `acculture demo --size 2000 --no-serve`
(the real content and a demo organisation), then accounts with a known password for the
candidates. The server runs with WORKERS gunicorn workers × THREADS threads (4 × 2: on
2 cores, more processes with fewer threads each keep a thread that holds SQLite's write
lock from waiting for the GIL behind many others). locust, headless on 127.0.0.1, first hammers
/healthz (a plain HttpResponse) for the ceiling; then, for each of two flows (FLOWS, each
with its own accounts), ONE locust process steps through STEPS candidates: each candidate
logs in once (argon2, ~180 ms of CPU by design) while the step ramps up, then answers with
2–5 s between answers, and stays logged in for the next step. The flows: a campaign's test
in a browser with JavaScript (each answer an htmx POST whose response is the next
question), and practice without JavaScript (question page, answer form, explanation page).
Each step is measured over its own window, after
the ramp and a settling delay, so no login falls inside a measured window. Every request
is written with its time by a locust `events.request` listener, so p50/p95/p99 per window
and per request type are exact, not locust's histogram buckets. The CPU used by the
server, by locust and by everything else is sampled with psutil over each window.

The load client and the server share the same 2 cores, so every figure is a floor.
Targets (issue 6): 500 simultaneous candidates with p95 ≤ 100 ms on both databases, and
sustained answers/s ≥ 50 % of the bare-view ceiling. The whole run takes 12–15 minutes.
"""

import csv
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import psutil

from bench._report import table, write_section

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
LOCUSTFILE = Path(__file__).with_name("locust_assessment.py")
# BENCH_LOAD_STEPS / BENCH_LOAD_DATABASES ("sqlite,postgres") / BENCH_LOAD_FLOWS
# ("campaign,practice") narrow a run while working on it; BENCH_LOAD_WORKERS / _THREADS
# change the server's shape.
STEPS = tuple(int(n) for n in os.environ.get("BENCH_LOAD_STEPS", "100,250,500").split(","))
DATABASES = os.environ.get("BENCH_LOAD_DATABASES", "sqlite,postgres").split(",")
SETTLE_SECONDS, STEP_SECONDS = 8, 25  # after each ramp: settle, then the measured window
MAX_RAMP_SECONDS = 90  # an overloaded server may never log everyone in: measure anyway
# A login checks an argon2 hash (Django's parameters: 100 MiB, 8 lanes), about 180 ms of
# CPU: 5 logins a second already take 0.9 of the 2 cores. A faster storm would measure
# only that, and leave a backlog of pages that spills into the first measured window.
SPAWN_RATE = 5
CEILING_USERS, CEILING_SECONDS, CEILING_WARMUP = 32, 20, 4
ANSWER_REQUESTS = ("question", "answer")  # one answer's round-trip: the POST and the next question
WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_LOAD_THREADS", "2"))
PASSWORD = "bench password 2026"
CAMPAIGNS = 4
PG_PORT, PG_DATA = "54339", "/tmp/acculture-pg-bench"

ACCOUNTS = """
import datetime
import django
django.setup()
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from acculture.assessments.models import Campaign, Invitation
from acculture.frameworks.models import Framework
from acculture.people.models import Person, User
hashed = make_password({password!r})  # one argon2 hash for all: 500 would take a minute
people = list(Person.objects.filter(is_active=True, user__isnull=True).order_by("pk")[:2 * {n}])
User.objects.bulk_create([User(email=p.email.lower(), password=hashed) for p in people], ignore_conflicts=True)
users = {{u.email: u for u in User.objects.filter(email__in=[p.email.lower() for p in people])}}
for p in people:
    p.user = users[p.email.lower()]
Person.objects.bulk_update(people, ["user"])
# The first half take a campaign's test: {campaigns} open campaigns over the whole framework
# invite them (one test per campaign each, so a candidate who finishes takes the next).
today = timezone.localdate()
for k in range({campaigns}):
    campaign = Campaign.objects.create(
        organisation=people[0].organisation, title=f"Load benchmark {{k + 1}}",
        framework=Framework.objects.get(is_default=True), opens_on=today,
        closes_on=today + datetime.timedelta(days=30), status=Campaign.Status.LAUNCHED,
        launched_at=timezone.now(),
    )
    Invitation.objects.bulk_create([Invitation(campaign=campaign, person=p) for p in people[:{n}]])
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


def prepare(env: dict, steps: tuple[int, ...] = STEPS) -> dict[str, Path]:
    acculture = [sys.executable, "-m", "acculture.cli"]
    subprocess.run([*acculture, "demo", "--size", "2000", "--no-serve"], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    accounts = subprocess.run(
        [sys.executable, "-c", ACCOUNTS.format(password=PASSWORD, n=max(steps), campaigns=CAMPAIGNS)],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.splitlines()  # fmt: skip
    files = {}
    for flow, lines in (("campaign", accounts[: max(steps)]), ("practice", accounts[max(steps) :])):
        files[flow] = BENCH_DIR / f"load-users-{flow}.txt"
        files[flow].write_text("\n".join(lines) + "\n")
    return files


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


class CpuSampler:
    """Every second: the CPU seconds used so far by the server (gunicorn and its workers),
    by locust, and by the whole machine; windows are then read off these samples."""

    def __init__(self, server_pid: int):
        self.server = psutil.Process(server_pid)
        self.locust: psutil.Process | None = None
        self.samples: list[tuple[float, float, float, float]] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @staticmethod
    def _tree(process: psutil.Process | None) -> float:
        if process is None:
            return 0.0
        total = 0.0
        try:
            family = [process, *process.children(recursive=True)]
        except psutil.Error:  # the locust process of a flow that has just ended
            return 0.0
        for p in family:
            try:
                times = p.cpu_times()
                total += times.user + times.system
            except psutil.Error:
                pass
        return total

    def _run(self):
        while not self.stopped.wait(1.0):
            machine = psutil.cpu_times()
            busy = sum(machine) - machine.idle - getattr(machine, "iowait", 0.0)
            self.samples.append((time.time(), self._tree(self.server), self._tree(self.locust), busy))

    def share(self, start: float, end: float) -> dict:
        """Cores used on average between start and end: server, locust, everything else."""
        inside = [s for s in self.samples if start <= s[0] <= end]
        if len(inside) < 2:
            return {"server": 0.0, "locust": 0.0, "other": 0.0}
        (t0, s0, l0, b0), (t1, s1, l1, b1) = inside[0], inside[-1]
        span = t1 - t0
        server, client = (s1 - s0) / span, (l1 - l0) / span
        return {"server": server, "locust": client, "other": max(0.0, (b1 - b0) / span - server - client)}

    def stop(self):
        self.stopped.set()
        self.thread.join()


def locust(port: int, user_class: str, users_file: Path, sampler: CpuSampler, folder: Path,
           users: int = 0, seconds: int = 0, steps: tuple[int, ...] = ()) -> tuple[list, list]:  # fmt: skip
    """Run locust headless; return every request (time, name, ms, failed) and the
    measured windows (users, start, end) when stepping."""
    samples, phases = folder / f"{user_class}-requests.csv", folder / f"{user_class}-phases.csv"
    env = {**os.environ, "LOAD_USERS_FILE": str(users_file), "LOAD_SAMPLES_FILE": str(samples)}
    argv = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--only-summary",
            "--host", f"http://127.0.0.1:{port}", "--stop-timeout", "5", "--loglevel", "ERROR"]  # fmt: skip
    if steps:
        env |= {"LOAD_STEPS": ",".join(map(str, steps)), "LOAD_PHASES_FILE": str(phases),
                "LOAD_RAMP_RATE": str(SPAWN_RATE), "LOAD_SETTLE_SECONDS": str(SETTLE_SECONDS),
                "LOAD_MEASURE_SECONDS": str(STEP_SECONDS), "LOAD_MAX_RAMP_SECONDS": str(MAX_RAMP_SECONDS)}  # fmt: skip
    else:
        argv += ["-u", str(users), "-r", str(users), "-t", f"{seconds}s"]
    process = subprocess.Popen([*argv, user_class], env=env, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=(folder / f"{user_class}.log").open("wb"))  # fmt: skip
    sampler.locust = psutil.Process(process.pid)
    process.wait()
    sampler.locust = None
    with samples.open(newline="") as f:
        requests = [(float(t), name, float(ms), failed == "1") for t, name, ms, failed in csv.reader(f)]
    windows = []
    if steps:
        windows = [(int(u), float(a), float(b), int(n)) for u, a, b, n in csv.reader(phases.open())]
    return requests, windows


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (exact: every request is counted)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def figures(requests: list, names: tuple[str, ...], start: float, end: float) -> dict:
    chosen = [(ms, failed) for t, name, ms, failed in requests if start <= t <= end and name in names]
    times = [ms for ms, _failed in chosen]
    return {
        "rps": len(chosen) / (end - start),
        "count": len(chosen),
        "failures": sum(failed for _ms, failed in chosen),
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "p99": percentile(times, 99),
    }


def ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


# The two flows: (key, locust user class, heading). Each has its own accounts.
CAMPAIGN_FLOW = ("campaign", "CampaignCandidate", "a campaign's test in a browser with JavaScript (htmx)")
PRACTICE_FLOW = ("practice", "Candidate", "practice with explanations, without JavaScript (HTML forms)")
FLOWS = tuple(
    flow
    for flow in (CAMPAIGN_FLOW, PRACTICE_FLOW)
    if flow[0] in os.environ.get("BENCH_LOAD_FLOWS", "campaign,practice").split(",")
)


def measure(
    label: str, url: str, steps: tuple[int, ...] = STEPS, flows: tuple = FLOWS, target_500: bool = True
) -> tuple[str, dict]:
    """One database: the ceiling, then each flow stepped through `steps` candidates; with
    `target_500`, each flow's text says whether 500 candidates met the target."""
    env = server_env(url)
    started = time.monotonic()
    users_files = prepare(env, steps)
    setup_s = time.monotonic() - started
    server = Server(env, BENCH_DIR / f"serve-{label.split()[0].lower()}.log")
    sampler = CpuSampler(server.process.pid)
    load_before = os.getloadavg()
    folder = BENCH_DIR / label.split()[0].lower()  # every request timed, kept for a closer look
    folder.mkdir(parents=True, exist_ok=True)
    runs = {}
    try:
        requests, _ = locust(server.port, "BareView", users_files["practice"], sampler, folder,
                             users=CEILING_USERS, seconds=CEILING_SECONDS)  # fmt: skip
        first = min(t for t, *_ in requests)
        c_window = (first + CEILING_WARMUP, max(t for t, *_ in requests) - 1)
        ceiling = figures(requests, ("healthz",), *c_window)
        ceiling_cpu = sampler.share(*c_window)
        for flow, user_class, _heading in flows:
            runs[flow] = locust(server.port, user_class, users_files[flow], sampler, folder, steps=steps)
    finally:
        sampler.stop()
        server.stop()
    load_after = os.getloadavg()
    ceiling_row = ["bare view /healthz", f"{ceiling['rps']:.0f} req/s", ceiling["count"], ceiling["failures"],
                   ms(ceiling["p50"]), ms(ceiling["p95"]), ms(ceiling["p99"]), "—", "—", "—", "—", "—", "—",
                   f"{ceiling_cpu['server']:.2f} / {ceiling_cpu['locust']:.2f} / {ceiling_cpu['other']:.2f}"]  # fmt: skip
    parts, summary = [], {"ceiling": ceiling["rps"]}
    for flow, _user_class, heading in flows:
        rows, flow_summary = flow_rows(label, *runs[flow], sampler)
        summary[flow] = flow_summary
        sustained = flow_summary["sustained"]
        parts.append(
            f"#### {heading}\n\n"
            + table(
                [
                    "candidates",
                    "answers/s",
                    "answers",
                    "failed",
                    "answer POST p50 ms",
                    "p95",
                    "p99",
                    "question GET p50",
                    "p95",
                    "p99",
                    "round-trip p95 (POST + any GET of the question)",
                    "explanation GET p95",
                    "start + home p95",
                    "cores: server / locust / other",
                ],
                [*rows, ceiling_row],
            )
            + f"\n\nHighest sustained answers/s with the round-trip p95 ≤ 100 ms: **{sustained:.1f}** "
            f"({sustained / ceiling['rps']:.0%} of the bare-view ceiling of {ceiling['rps']:.0f} requests/s)."
            + (
                f" 500 candidates: round-trip p95 {ms(flow_summary['p95_500'] or 0)} ms — "
                f"{'meets' if flow_summary['ok_500'] else 'misses'} the target of ≤ 100 ms."
                if target_500
                else ""
            )
        )
    text = (
        f"### {label}\n\n"
        + "\n\n".join(parts)
        + f"\n\nLoad average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load_before)}; after: "
        f"{', '.join(f'{x:.2f}' for x in load_after)}. Setup (demo of 2,000 people, content, accounts, "
        f"campaigns): {setup_s:.0f} s."
    )
    return text, summary


def flow_rows(label: str, requests: list, windows: list, sampler: "CpuSampler") -> tuple[list, dict]:
    """One table row per measured step of a flow, and its summary against the targets."""
    rows, steps = [], []
    for users, start, end, logged_in in windows:
        answers = figures(requests, ("answer",), start, end)
        trip = figures(requests, ANSWER_REQUESTS, start, end)
        question = figures(requests, ("question",), start, end)
        explanation = figures(requests, ("explanation",), start, end)
        other = figures(requests, ("assessments home", "start", "login page", "login"), start, end)
        failed = trip["failures"] + explanation["failures"] + other["failures"]
        cpu = sampler.share(start, end)
        steps.append((users, answers, trip))
        rows.append([users if logged_in >= users else f"{users} ({logged_in} logged in)", f"{answers['rps']:.1f}", answers["count"], failed,
                     ms(answers["p50"]), ms(answers["p95"]), ms(answers["p99"]),
                     *(ms(question[q]) if question["count"] else "—" for q in ("p50", "p95", "p99")), ms(trip["p95"]),
                     ms(explanation["p95"]) if explanation["count"] else "—", ms(other["p95"]) if other["count"] else "—",
                     f"{cpu['server']:.2f} / {cpu['locust']:.2f} / {cpu['other']:.2f}"])  # fmt: skip
        names = sorted({r[1] for r in requests})
        detail = "; ".join(f"{n} n={f['count']} p95={f['p95']:.0f}"
                           for n in names if (f := figures(requests, (n,), start, end))["count"])  # fmt: skip
        print(f"   {label} {users} candidates ({logged_in} logged in): {detail}; cpu {cpu}", flush=True)
    met = [bool(a["count"] and trip["p95"] <= 100 and not trip["failures"]) for _u, a, trip in steps]
    good = [a["rps"] for (_u, a, _trip), ok in zip(steps, met, strict=True) if ok]
    at_500 = next(((a, trip) for users, a, trip in steps if users == 500), None)
    ok_500 = bool(at_500 and at_500[1]["count"] and at_500[1]["p95"] <= 100 and not at_500[1]["failures"])
    return rows, {"sustained": max(good, default=0.0), "ok_500": ok_500, "last_step_met": bool(met and met[-1]),
                  "p95_500": at_500[1]["p95"] if at_500 else None}  # fmt: skip


def measure_databases(
    steps: tuple[int, ...] = STEPS, flows: tuple = FLOWS, target_500: bool = True
) -> tuple[list[str], dict]:
    """`measure` on each database of DATABASES; the benchmark's PostgreSQL cluster is
    stopped at the end."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    parts, summaries = [], {}
    for key, label, database in (
        ("sqlite", "SQLite (WAL)", sqlite_database),
        ("postgres", "PostgreSQL (fsync on)", postgres_database),
    ):
        if key not in DATABASES:
            continue
        print(f"== {label}", flush=True)
        text, summaries[label] = measure(label, database(), steps, flows, target_500)
        parts.append(text)
    subprocess.run([ROOT / "scripts" / "pg-cluster", "stop"], check=False,
                   env={**os.environ, "PGPORT": PG_PORT, "PGDATA_DIR": PG_DATA})  # fmt: skip
    return parts, summaries


def main() -> None:
    parts, summaries = measure_databases()
    verdicts = []
    for label, summary in summaries.items():
        for flow, _user_class, heading in FLOWS:
            figures_ = summary[flow]
            share = figures_["sustained"] / summary["ceiling"] if summary["ceiling"] else 0.0
            p95 = figures_["p95_500"]
            verdicts.append(
                f"- {label}, {heading}: 500 candidates with p95 ≤ 100 ms — "
                + ("**met**" if figures_["ok_500"] else f"**missed** (round-trip p95 {ms(p95 or 0)} ms)")
                + "; sustained answers/s ≥ 50 % of the ceiling — "
                + ("**met**" if share >= 0.5 else "**missed**")
                + f" ({figures_['sustained']:.1f} answers/s = {share:.0%} of {summary['ceiling']:.0f} requests/s)."
            )
    text = (
        "## Candidates under load (gunicorn + locust)\n\n"
        "`python -m bench assessment_load` (`make bench`, 12–15 minutes). `acculture serve` with "
        f"{WORKERS} gunicorn workers × {THREADS} threads on 127.0.0.1; locust (FastHttpUser, one "
        "process) headless on the **same 2 cores**. Two flows, each with its own accounts, one after "
        "the other on the same server: **a campaign's test in a browser with JavaScript** — the "
        "candidate starts one of the open campaigns from the assessments page, reads the first "
        "question as a whole page, then each answer is an htmx POST whose response is the next "
        "question (what the question page's form does: one request per answer; campaigns show the "
        "explanations at the end) — and **practice without JavaScript** — the question page, the "
        "answer through the HTML form (a redirect), the explanation page: three requests per answer. "
        "Each simulated candidate logs in **once** "
        f"(argon2) while its step ramps up ({SPAWN_RATE} logins/s), waits 2–5 s between answers, "
        "and stays logged in for the next step; a finished test starts again (the next campaign). "
        "Steps of "
        f"{', '.join(map(str, STEPS))} candidates; each is measured over its own {STEP_SECONDS} s window "
        f"once every candidate of the step has logged in (at most {MAX_RAMP_SECONDS} s; the table says "
        f"when some had not) and after {SETTLE_SECONDS} s of settling, so no login falls inside a window. "
        "Every request is timed by a locust listener, so percentiles are exact. *round-trip* "
        "is the answer POST (lock, scoring, posterior update, next item, one commit) and any GET of "
        "the question page, taken together (the target applies to their p95); *start + home* are "
        "the home page and the start of a new test after a finished one. The bare view is /healthz "
        "(a plain HttpResponse) hammered by "
        f"{CEILING_USERS} users without pause for {CEILING_SECONDS} s, by the same server in the "
        "same run. *cores* is the CPU used on average over the window (psutil): the server "
        "(gunicorn and its workers), locust, and everything else on the machine (PostgreSQL and "
        "any other work), out of 2.\n\n"
        + "\n\n".join(parts)
        + "\n\n### Verdict\n\n"
        + "\n".join(verdicts)
        + "\n\nWith 2–5 s between answers, N candidates offer at most N / 3.5 answers/s (≈ 143 "
        "at 500), so the second target compares paced traffic with an unpaced ceiling."
    )
    print(text)
    write_section("assessment_load", text)
