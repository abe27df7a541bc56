from datetime import date

from django.utils import timezone

from acculture.learning.models import TimeEntry
from acculture.people.services import api_token_create
from tests.learning.conftest import make_policy


def bearer(person) -> dict:
    return {"Authorization": f"Bearer {api_token_create(person=person, name='test')[1]}"}


def test_a_person_declares_time_and_reads_it_back_with_a_token(cast, client):
    headers = bearer(cast.employee)
    today = timezone.localdate().isoformat()

    created = client.post(
        "/api/v1/learning/entries",
        {"date": today, "minutes": 30, "description": "A video on phishing"},
        content_type="application/json",
        headers=headers,
    )

    assert created.status_code == 201
    assert created.json()["status"] == "pending"
    listed = client.get("/api/v1/learning/entries", headers=headers).json()
    assert [(e["minutes"], e["description"]) for e in listed] == [(30, "A video on phishing")]
    assert TimeEntry.objects.get().person == cast.employee


def test_time_in_the_future_is_refused_with_a_reason(cast, client):
    response = client.post(
        "/api/v1/learning/entries",
        {"date": "2999-01-01", "minutes": 30, "description": "Later"},
        content_type="application/json",
        headers=bearer(cast.employee),
    )
    assert response.status_code == 409
    assert "past" in response.json()["detail"]
    assert not TimeEntry.objects.exists()


def test_a_body_that_is_not_valid_gets_a_422(cast, client):
    response = client.post(
        "/api/v1/learning/entries",
        {"date": "2026-01-01", "minutes": 0, "description": ""},
        content_type="application/json",
        headers=bearer(cast.employee),
    )
    assert response.status_code == 422


def test_the_balance_shows_given_used_and_remaining(cast, client):
    make_policy(cast.org, 120, date(2020, 1, 1))
    TimeEntry.objects.create(person=cast.employee, source="declared", minutes=50, date=timezone.localdate())
    body = client.get("/api/v1/learning/balance", headers=bearer(cast.employee)).json()
    assert body["month"] == {"given": 120, "used": 50, "remaining": 70}
    assert body["pending"] == 0


def test_only_my_own_entries_are_listed(cast, client):
    TimeEntry.objects.create(person=cast.manager, source="declared", minutes=50, date=timezone.localdate())
    assert client.get("/api/v1/learning/entries", headers=bearer(cast.employee)).json() == []
