"""Repeated or concurrent assignments change nothing twice: real threads, each with its
own database connection, against the real database."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.db import connection
from django.utils import translation

from acculture.functions.models import Holding
from acculture.functions.services import FunctionRefused, holding_create, holdings_import
from tests.assessments.conftest import make_bank
from tests.functions.conftest import make_function

CROWD = 8


def at_once(task, count=CROWD):
    start = threading.Barrier(count)

    def run(index):
        start.wait()  # every request arrives at the same instant
        try:
            with translation.override("en"):  # the language is per thread
                return task(index)
        finally:
            connection.close()

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


@pytest.mark.django_db(transaction=True)
def test_concurrent_assignments_of_one_person_make_one_holding(cast):
    function = make_function(cast.org, make_bank(levels=(2,)), overall=3)

    def assign(_index):
        try:
            holding_create(function=function, person=cast.employee, started_on=date(2026, 1, 5), actor=None)
        except FunctionRefused as refusal:
            return str(refusal)
        return "added"

    outcomes = at_once(assign)
    assert outcomes.count("added") == 1
    assert set(outcomes) - {"added"} == {"Emma Employee already holds this function."}
    assert Holding.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_file_uploaded_concurrently_is_applied_once(cast):
    function = make_function(cast.org, make_bank(levels=(2,)), overall=3)
    data = b"employee_number\nE001\nM001\nT000\n"

    def upload(_index):
        return holdings_import(function=function, data=data, filename="h.csv", actor=None).created

    assert sorted(at_once(upload)) == [0] * (CROWD - 1) + [3]
    assert Holding.objects.count() == 3
