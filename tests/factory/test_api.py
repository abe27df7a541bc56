"""The Digital Factory over the API, with personal tokens."""

from acculture.factory import services
from acculture.people.services import api_token_create
from tests.factory.conftest import make_session, make_staff

P = "/api/v1/factory"


def bearer(person) -> dict:
    return {"Authorization": f"Bearer {api_token_create(person=person, name='test')[1]}"}


def test_a_script_lists_sessions_registers_lands_on_the_waiting_list_and_takes_an_offered_seat(cast, client):
    session = make_session(cast, capacity=1)
    seated, me = cast.manager, cast.employee
    listed = client.get(f"{P}/sessions", headers=bearer(me)).json()
    assert [(s["id"], s["seats_left"], s["time_zone"]) for s in listed] == [(session.pk, 1, "Europe/Paris")]

    first = client.post(f"{P}/sessions/{session.pk}/registrations", headers=bearer(seated))
    assert first.status_code == 201 and first.json()["status"] == "confirmed"
    mine = client.post(f"{P}/sessions/{session.pk}/registrations", headers=bearer(me)).json()
    assert (mine["status"], mine["waiting_position"]) == ("waitlisted", 1)

    cancelled = client.post(f"{P}/registrations/{first.json()['id']}/cancel", headers=bearer(seated))
    assert cancelled.json()["status"] == "cancelled"
    offered = client.get(f"{P}/registrations", headers=bearer(me)).json()[0]
    assert offered["status"] == "offered" and offered["offer_expires_at"]
    accepted = client.post(f"{P}/registrations/{mine['id']}/accept", headers=bearer(me))
    assert accepted.status_code == 200 and accepted.json()["status"] == "confirmed"


def test_only_the_facilitator_reads_who_is_coming(cast, client):
    session = make_session(cast, capacity=2)
    for person in make_staff(cast.org, 3):
        services.registration_create(session=session, person=person)
    found = client.get(f"{P}/sessions/{session.pk}/attendees", headers=bearer(cast.facilitator)).json()
    assert [a["status"] for a in found] == ["confirmed", "confirmed", "waitlisted"]
    assert (
        client.get(f"{P}/sessions/{session.pk}/attendees", headers=bearer(cast.employee)).status_code == 404
    )


def test_the_workshop_catalogue_and_filters_are_in_the_openapi_document(cast, client):
    make_session(cast)
    workshops = client.get(f"{P}/workshops", headers=bearer(cast.employee)).json()
    assert [w["title"] for w in workshops] == ["Strong passwords"]
    assert client.get(f"{P}/sessions?track=agile", headers=bearer(cast.employee)).json() == []
    assert client.get(f"{P}/sessions?track=nonsense", headers=bearer(cast.employee)).status_code == 422
    assert (
        client.get(f"{P}/sessions?start=0", headers=bearer(cast.employee)).status_code == 422
    )  # not a timestamp
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        f"{P}/workshops",
        f"{P}/sessions/{{session_id}}/registrations",
        "/api/v1/learning/entries",
    } <= set(paths)
