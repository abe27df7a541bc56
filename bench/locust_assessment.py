"""Locust users for bench_assessment_load: candidates taking practice tests through the
HTML form flow (a browser without JavaScript), candidates taking a campaign's test as a
browser with JavaScript does (htmx requests), and a bare-view hammer for the ceiling.

Run by bench/bench_assessment_load.py. Environment:
  LOAD_USERS_FILE    "email password" lines, one account per simulated candidate;
  LOAD_SAMPLES_FILE  where every request is written as time,name,ms,failed (CSV) so that
                     the benchmark computes exact percentiles per measured window;
  LOAD_STEPS         e.g. "100,250,500": when set, one locust process steps through these
                     numbers of candidates (see Steps) and writes its windows to
                     LOAD_PHASES_FILE; candidates log in once, during the ramp, and stay.

FastHttpUser (geventhttpclient) rather than HttpUser (requests): the load client shares
the server's 2 cores, and it costs several times less CPU per request.
"""

import csv
import os
import random
import re
import time
from itertools import count
from pathlib import Path

from locust import FastHttpUser, LoadTestShape, between, constant, events, task

ACCOUNTS = [
    line.split(" ", 1)
    for line in Path(os.environ.get("LOAD_USERS_FILE", os.devnull)).read_text().splitlines()
]
_next = count()
_logged_in = [0]  # candidates who have finished logging in (the shape waits for them all)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CAMPAIGN = re.compile(r'name="campaign" value="(\d+)"')

_samples_path = os.environ.get("LOAD_SAMPLES_FILE")
_samples = open(_samples_path, "w", newline="") if _samples_path else None  # noqa: SIM115
_writer = csv.writer(_samples) if _samples else None


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None, **_kwargs):
    if _writer is not None:
        _writer.writerow((f"{time.time():.3f}", name, f"{response_time:.2f}", int(exception is not None)))


@events.quitting.add_listener
def _close(**_kwargs):
    if _samples is not None:
        _samples.close()


def field(page: str, name: str) -> str | None:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    return found.group(1) if found else None


class _Account(FastHttpUser):
    """A member of staff who logs in once, with the next account of LOAD_USERS_FILE."""

    abstract = True
    wait_time = between(2, 5)

    def on_start(self):
        email, password = ACCOUNTS[next(_next) % len(ACCOUNTS)]
        page = self.client.get("/login/", name="login page").text
        self.client.post("/login/", {"email": email, "password": password,
                                     "csrfmiddlewaretoken": TOKEN.search(page).group(1)}, name="login")  # fmt: skip
        _logged_in[0] += 1
        self.assessment = None

    def _start(self, campaign: bool = False):
        page = self.client.get("/assessments/", name="assessments home").text
        data = {"csrfmiddlewaretoken": TOKEN.search(page).group(1)}
        if campaign and (found := CAMPAIGN.search(page)):
            data["campaign"] = found.group(1)
        response = self.client.post("/assessments/start/", data, name="start", allow_redirects=False)
        location = response.headers.get("Location", "")
        self.assessment = location if re.fullmatch(r"/assessments/\d+/", location) else None


def answer_data(page: str) -> dict:
    """The answer form of a question page: mostly a choice, sometimes "I don't know"."""
    data = {"csrfmiddlewaretoken": TOKEN.search(page).group(1), "position": field(page, "position"),
            "item": field(page, "item")}  # fmt: skip
    choices = re.findall(r'type="(?:radio|checkbox)" name="answer" value="([^"]+)"', page)
    if choices and random.random() < 0.85:
        data["answer"] = random.choice(choices)
    else:
        data["dont_know"] = "1"
    return data


class Candidate(_Account):
    """Practice without JavaScript: read the question, answer through the HTML form, read
    the explanation, wait 2–5 s, and again. A finished test starts again."""

    @task
    def answer(self):
        if self.assessment is None:
            self._start()
            if self.assessment is None:
                return
        response = self.client.get(self.assessment, name="question", allow_redirects=False)
        if response.status_code != 200:
            self.assessment = None  # finished: start again next time
            return
        answered = self.client.post(
            self.assessment, answer_data(response.text), name="answer", allow_redirects=False
        )
        if answered.status_code == 302 and "/answers/" in answered.headers.get("Location", ""):
            self.client.get(answered.headers["Location"], name="explanation")


class CampaignCandidate(_Account):
    """A campaign's test in a browser with JavaScript: the first question as a whole page,
    then each answer is the form's htmx POST, whose response is the next question (what
    htmx swaps in). A finished test (htmx is told to go to the results) starts the next
    open campaign; with none left, a practice test."""

    HTMX = {"HX-Request": "true", "HX-Target": "question-area"}

    def on_start(self):
        super().on_start()
        self.page, self.explained = None, False

    @task
    def answer(self):
        if self.assessment is None:
            self._start(campaign=True)
            if self.assessment is None:
                return
            self.page, self.explained = None, False
        if self.page is None:
            # After the start, the whole page; after an explanation, "Next question" (htmx).
            headers = self.HTMX if self.explained else {}
            response = self.client.get(self.assessment, name="question", headers=headers)
            if response.status_code != 200 or 'name="item"' not in response.text:
                self.assessment = None
                return
            self.page = response.text
        data = answer_data(self.page)
        answered = self.client.post(self.assessment, data, name="answer", headers=self.HTMX)
        if answered.headers is None:
            # The kept-alive connection was closed while the person thought: a browser sends
            # the request again on a new one (safe: an answer is recorded once per position).
            answered = self.client.post(self.assessment, data, name="answer", headers=self.HTMX)
            if answered.headers is None:
                return
        if "HX-Redirect" in answered.headers:
            self.assessment = None  # finished: htmx would open the results
        elif "HX-Push-Url" in answered.headers or 'name="item"' not in answered.text:
            self.page, self.explained = None, True  # an explanation (practice): then "Next"
        else:
            self.page = answered.text


class BareView(FastHttpUser):
    """The ceiling: the cheapest Django view (a plain HttpResponse), no think time."""

    wait_time = constant(0)

    @task
    def healthz(self):
        self.client.get("/healthz", name="healthz")


if os.environ.get("LOAD_STEPS"):

    class Steps(LoadTestShape):
        """For each number of candidates: ramp up (logins happen here, RAMP_RATE a second)
        until every candidate has logged in, let it settle, then measure a window; the
        candidates stay logged in for the next step. Each window is written to
        LOAD_PHASES_FILE as users,start,end (Unix times)."""

        steps = [int(n) for n in os.environ["LOAD_STEPS"].split(",")]
        rate = float(os.environ.get("LOAD_RAMP_RATE", "25"))
        settle = float(os.environ.get("LOAD_SETTLE_SECONDS", "8"))
        measure = float(os.environ.get("LOAD_MEASURE_SECONDS", "25"))
        max_ramp = float(os.environ.get("LOAD_MAX_RAMP_SECONDS", "90"))  # an overloaded server

        def __init__(self):
            super().__init__()
            self.step, self.phase, self.since = 0, "ramp", time.time()
            self.phases = open(os.environ["LOAD_PHASES_FILE"], "w")  # noqa: SIM115

        def tick(self):
            if self.step >= len(self.steps):
                return None
            users, now = self.steps[self.step], time.time()
            if self.phase == "ramp" and (_logged_in[0] >= users or now - self.since > self.max_ramp):
                self.phase, self.since = "settle", now
            elif self.phase == "settle" and now - self.since >= self.settle:
                self.phase, self.since = "measure", now
            elif self.phase == "measure" and now - self.since >= self.measure:
                self.phases.write(f"{users},{self.since:.3f},{now:.3f},{_logged_in[0]}\n")
                self.phases.flush()
                self.step, self.phase, self.since = self.step + 1, "ramp", now
                return self.tick()
            return users, self.rate
