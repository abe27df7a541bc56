"""Locust users for bench_assessment_load: candidates taking the test through the HTML
form flow (as a browser without JavaScript), and a bare-view hammer for the ceiling.

Run by bench/bench_assessment_load.py; LOAD_USERS_FILE names a file of "email password"
lines, one account per simulated candidate.
"""

import os
import random
import re
from itertools import count
from pathlib import Path

from locust import HttpUser, between, constant, task

ACCOUNTS = [
    line.split(" ", 1)
    for line in Path(os.environ.get("LOAD_USERS_FILE", os.devnull)).read_text().splitlines()
]
_next = count()
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def field(page: str, name: str) -> str | None:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    return found.group(1) if found else None


class Candidate(HttpUser):
    """Log in, start (or resume), then: read the question, answer, read the explanation
    (practice mode), wait 2–5 s, and again. A finished test starts again (retakes allowed)."""

    wait_time = between(2, 5)

    def on_start(self):
        email, password = ACCOUNTS[next(_next) % len(ACCOUNTS)]
        page = self.client.get("/login/", name="login page").text
        self.client.post("/login/", {"email": email, "password": password,
                                     "csrfmiddlewaretoken": TOKEN.search(page).group(1)}, name="login")  # fmt: skip
        self.assessment = None

    def _start(self):
        page = self.client.get("/assessments/", name="assessments home").text
        response = self.client.post("/assessments/start/", {"csrfmiddlewaretoken": TOKEN.search(page).group(1)},
                                    name="start", allow_redirects=False)  # fmt: skip
        location = response.headers.get("Location", "")
        self.assessment = location if re.fullmatch(r"/assessments/\d+/", location) else None

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
        page = response.text
        data = {"csrfmiddlewaretoken": TOKEN.search(page).group(1), "position": field(page, "position"),
                "item": field(page, "item")}  # fmt: skip
        choices = re.findall(r'type="(?:radio|checkbox)" name="answer" value="([^"]+)"', page)
        if choices and random.random() < 0.85:
            data["answer"] = random.choice(choices)
        else:
            data["dont_know"] = "1"
        answered = self.client.post(self.assessment, data, name="answer", allow_redirects=False)
        if answered.status_code == 302 and "/answers/" in answered.headers.get("Location", ""):
            self.client.get(answered.headers["Location"], name="explanation")


class BareView(HttpUser):
    """The ceiling: the cheapest Django view (a plain HttpResponse), no think time."""

    wait_time = constant(0)

    @task
    def healthz(self):
        self.client.get("/healthz", name="healthz")
