"""Nothing acknowledged is lost: a real gunicorn server is killed (SIGKILL, master and
workers) while twenty candidates answer through the HTML form, then restarted on the
same database; every answer the server acknowledged (a 302 after the POST) is there,
and each candidate resumes right after their last acknowledged answer.

Why the server gets its own database, not pytest-django's: the server is another process
and sees only committed data, while pytest-django runs each test inside a transaction
that is never committed (`db`) or truncates tables around it (`transactional_db`), and
on SQLite its test database may live in the test process's memory. So this test creates
a database of its own, migrates and seeds it in a subprocess, and drops it at the end:
a fresh SQLite file (WAL, as in production) by default, or, when DATABASE_URL points at
PostgreSQL (`make test-postgres`), a new database on that same server. The test never
touches Django's connection; it reads the results with sqlite3 / psycopg directly.
"""

import contextlib
import http.client
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = 20
PASSWORD = "a long test password"
KILL_AFTER_ACKS = 90  # about four answers each: well into the run, far from its end

SEED = f"""
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from acculture.people.models import Organisation, Person, User
from tests.assessments.conftest import make_bank
make_bank()
org = Organisation.objects.create(name="Crash", slug="crash")
for n in range({CANDIDATES}):
    user = User.objects.create_user(f"c{{n}}@crash.example", "{PASSWORD}")
    Person.objects.create(organisation=org, employee_number=f"C{{n}}", first_name="C", last_name=str(n),
                          email=user.email, user=user, language="en")
"""


class Database:
    """A database of the test's own, SQLite or PostgreSQL, with a way to read it."""

    def __init__(self, tmp_path: Path):
        base = os.environ.get("DATABASE_URL", "")
        self.postgres = base.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            import psycopg

            self.name = f"acculture_crash_{os.getpid()}"
            self.admin_url = urlparse(base)._replace(path="/postgres").geturl()
            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {self.name}")
                conn.execute(f"CREATE DATABASE {self.name}")
            self.url = urlparse(base)._replace(path=f"/{self.name}").geturl()
        else:
            self.path = tmp_path / "crash.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def rows(self, sql: str) -> list[tuple]:
        if self.postgres:
            import psycopg

            with psycopg.connect(self.url) as conn:
                return conn.execute(sql).fetchall()
        with sqlite3.connect(self.path) as conn:
            return conn.execute(sql).fetchall()

    def drop(self):
        if self.postgres:
            import psycopg

            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, env: dict, log: Path):
        self.env, self.log, self.port = env, log, free_port()
        self.process = None

    def start(self):
        # A session of its own: the master and its workers form one process group to kill.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "acculture.cli", "serve", "--bind", f"127.0.0.1:{self.port}",
             "--workers", "2", "--threads", "4"],
            env=self.env, cwd=ROOT, stdout=self.log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline, last = time.monotonic() + 30, None
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                last = conn.getresponse().status
                if last == 200:
                    return
            except OSError as error:
                last = error
            time.sleep(0.1)
        raise AssertionError(f"The server did not start ({last!r}): {self.log.read_text()[-1000:]}")

    def kill(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)


class Browser:
    """A plain HTTP client with a cookie jar, as a browser without JavaScript."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, form: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            text = response.read().decode()
        finally:
            conn.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, value = cookie.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response.status, response.headers.get("Location", ""), text


def field_value(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} in the page: {page[:3000]}"
    return found.group(1)


@dataclass
class Candidate:
    n: int
    assessment: str = ""
    acked: list = field(default_factory=list)  # (position, item) the server acknowledged
    in_flight: tuple | None = None  # an answer posted when the server died: maybe committed


def take_test(browser: Browser, candidate: Candidate, stop: threading.Event):
    status, _, page = browser.request("GET", "/login/")
    browser.request("POST", "/login/", {"email": f"c{candidate.n}@crash.example", "password": PASSWORD,
                                        "csrfmiddlewaretoken": field_value(page, "csrfmiddlewaretoken")})  # fmt: skip
    _, _, page = browser.request("GET", "/assessments/")  # the token rotates at login
    _, location, _ = browser.request(
        "POST", "/assessments/start/", {"csrfmiddlewaretoken": field_value(page, "csrfmiddlewaretoken")}
    )
    candidate.assessment = location
    while not stop.is_set():
        status, _, page = browser.request("GET", candidate.assessment)
        if status != 200:
            return  # finished: sent to the results
        position, item = int(field_value(page, "position")), field_value(page, "item")
        answer = "b" if 'type="radio"' in page else "42"
        candidate.in_flight = (position, item)
        status, _, _ = browser.request("POST", candidate.assessment, {
            "csrfmiddlewaretoken": field_value(page, "csrfmiddlewaretoken"),
            "position": position, "item": item, "answer": answer,
        })  # fmt: skip
        assert status == 302, status
        candidate.acked.append((position, item))
        candidate.in_flight = None


def run_until_killed(browser, candidate, stop):
    # The server dies under it: what was acknowledged is what counts.
    with contextlib.suppress(OSError, http.client.HTTPException):
        take_test(browser, candidate, stop)


def test_no_acknowledged_answer_is_lost_when_the_server_is_killed(tmp_path):
    database = Database(tmp_path)
    env = {**os.environ, "DATABASE_URL": database.url, "ACCULTURE_ENV": "test", "ACCULTURE_VAR_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "acculture.settings", "PYTHONPATH": str(ROOT)}  # fmt: skip
    server = Server(env, tmp_path / "server.log")
    try:
        subprocess.run([sys.executable, "-c", SEED], env=env, cwd=ROOT, check=True, timeout=120)
        server.start()
        candidates = [Candidate(n) for n in range(CANDIDATES)]
        browsers = [Browser(server.port) for _ in candidates]
        stop = threading.Event()
        with ThreadPoolExecutor(CANDIDATES) as pool:
            futures = [
                pool.submit(run_until_killed, b, c, stop) for b, c in zip(browsers, candidates, strict=True)
            ]
            deadline = time.monotonic() + 20
            while sum(len(c.acked) for c in candidates) < KILL_AFTER_ACKS and time.monotonic() < deadline:
                time.sleep(0.02)
            server.kill()  # mid-run: requests are in flight
            stop.set()
            for future in futures:
                future.result()
        acked = sum(len(c.acked) for c in candidates)
        assert acked >= KILL_AFTER_ACKS // 2, "too few answers before the kill to prove anything"

        recorded = {
            (str(a), p, code)
            for a, p, code in database.rows(
                "SELECT r.assessment_id, r.position, i.code FROM assessments_response r "
                "JOIN content_item i ON i.id = r.item_id"
            )
        }
        server.start()  # same database, after an unclean stop
        for candidate, browser in zip(candidates, browsers, strict=True):
            if not candidate.assessment:
                continue  # the server died before this one had started: nothing to keep
            pk = candidate.assessment.strip("/").split("/")[-1]
            for position, item in candidate.acked:
                assert (pk, position, item) in recorded, f"candidate {candidate.n} lost answer {position}"
            last = candidate.acked[-1][0] if candidate.acked else 0
            # An answer posted as the server died may have committed without its 302.
            committed_unacked = candidate.in_flight is not None and (pk, *candidate.in_flight) in recorded
            status, location, page = browser.request("GET", candidate.assessment)
            if status == 302:
                assert "/results/" in location
                continue
            assert int(field_value(page, "position")) == last + 1 + committed_unacked
    finally:
        server.kill()
        database.drop()
