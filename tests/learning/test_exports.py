import csv
import hashlib
import io
import json
from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from acculture.learning.exports import VERB_COMPLETED, VERB_EXPERIENCED, iso_duration
from acculture.learning.models import TimeEntry


@pytest.mark.parametrize(
    ("minutes", "duration"), [(90, "PT1H30M"), (45, "PT45M"), (120, "PT2H"), (0, "PT0M"), (61, "PT1H1M")]
)
def test_minutes_become_an_iso_8601_duration(minutes, duration):
    assert iso_duration(minutes) == duration


@override_settings(BASE_URL="https://acculture.example")
def test_the_xapi_export_has_one_statement_per_counted_entry(cast, login):
    TimeEntry.objects.create(person=cast.employee, source="assessment", minutes=90, date=date(2026, 3, 2),
                             reference="assessment:42")  # fmt: skip
    TimeEntry.objects.create(person=cast.employee, source="tutorial", minutes=20, date=date(2026, 3, 3),
                             description="Strong passwords")  # fmt: skip
    TimeEntry.objects.create(person=cast.employee, source="declared", minutes=5, date=date(2026, 3, 4),
                             status="pending")  # fmt: skip
    TimeEntry.objects.create(person=cast.manager, source="declared", minutes=7, date=date(2026, 3, 4))

    response = login(cast.employee).get(reverse("learning:export-json"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    statements = json.loads(response.content)
    assert len(statements) == 2
    first, second = statements
    expected_sum = hashlib.sha1(f"mailto:{cast.employee.email}".encode()).hexdigest()
    assert first["actor"] == {"objectType": "Agent", "name": "Emma Employee", "mbox_sha1sum": expected_sum}
    assert "mbox" not in first["actor"]
    assert first["verb"]["id"] == VERB_COMPLETED
    assert first["object"]["id"] == "https://acculture.example/learning/activities/assessment/42"
    assert first["result"]["duration"] == "PT1H30M"
    assert first["timestamp"].startswith("2026-03-02T")
    assert second["verb"]["id"] == VERB_EXPERIENCED
    assert second["object"]["definition"]["name"] == {"fr": "Strong passwords"}
    assert second["result"]["duration"] == "PT20M"
    assert len({s["id"] for s in statements}) == 2


def test_the_statement_ids_are_the_same_on_every_export(cast, login):
    TimeEntry.objects.create(person=cast.employee, source="tutorial", minutes=20, date=date(2026, 3, 3))
    client = login(cast.employee)
    first = json.loads(client.get(reverse("learning:export-json")).content)
    again = json.loads(client.get(reverse("learning:export-json")).content)
    assert first[0]["id"] == again[0]["id"]


def test_the_csv_export_lists_all_my_time_and_only_mine(cast, login):
    TimeEntry.objects.create(person=cast.employee, source="tutorial", minutes=20, date=date(2026, 3, 3),
                             description="Strong passwords")  # fmt: skip
    TimeEntry.objects.create(person=cast.employee, source="declared", minutes=5, date=date(2026, 3, 4),
                             status="pending")  # fmt: skip
    TimeEntry.objects.create(person=cast.manager, source="declared", minutes=7, date=date(2026, 3, 4))

    response = login(cast.employee).get(reverse("learning:export-csv"))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["date", "minutes", "kind", "what", "status", "reference"],
        ["2026-03-03", "20", "tutorial", "Strong passwords", "approved", ""],
        ["2026-03-04", "5", "declared", "", "pending", ""],
    ]
