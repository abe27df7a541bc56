"""The assessment over the REST API: the same services as the pages, reached with a token
or a session, answering exactly once."""

import pytest

from acculture.assessments.models import Assessment, Response, Result
from acculture.people.services import api_token_create
from tests.assessments.conftest import right_answer

BASE = "/api/v1/assessments"


@pytest.fixture
def token(cast):
    cast.employee.language = "en"  # the API answers in the person's language
    cast.employee.save(update_fields=["language"])
    return api_token_create(person=cast.employee, name="script")[1]


class Api:
    """A JSON client speaking for one person with a bearer token."""

    def __init__(self, client, token):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path, **params):
        return self.client.get(BASE + path, params, headers=self.headers)

    def post(self, path, body=None, key=None):
        headers = {**self.headers, **({"Idempotency-Key": key} if key else {})}
        return self.client.post(BASE + path, body or {}, content_type="application/json", headers=headers)


@pytest.fixture
def api(client, token):
    return Api(client, token)


def answer_body(question: dict, **override) -> dict:
    from acculture.content.models import Item

    item = Item.objects.get(code=question["item"])
    return {"position": question["position"], "item": question["item"], **right_answer(item), **override}


def test_an_employee_takes_the_whole_test_through_the_api_with_a_token(api, cast, bank):
    started = api.post("/start")
    assert started.status_code == 201
    assessment = started.json()
    assert assessment["status"] == "in_progress" and assessment["position"] == 1
    question = api.get(f"/{assessment['id']}/question", lang="en").json()
    assert question["stem"].startswith("Question") and question["progress"]["answered"] == 0
    assert [c["text"] for c in question["choices"]] == ["Choice a", "Choice b", "Choice c"]
    for n in range(60):
        answered = api.post(f"/{assessment['id']}/answers", answer_body(question), key=f"k{n}")
        assert answered.status_code == 200, answered.json()
        body = answered.json()
        assert body["answered"]["position"] == question["position"]
        if body["next"] is None:
            break
        question = body["next"]
        assert question["position"] == body["assessment"]["position"] == n + 2
    assert body["assessment"]["status"] == "completed"
    result = api.get(f"/{assessment['id']}/result", lang="en")
    assert result.status_code == 200
    levels = result.json()
    assert {c["code"] for c in levels["competences"]} == {"1.1", "1.2", "2.1"}
    assert all(c["low"] <= c["level"] <= c["high"] for c in levels["competences"])
    assert levels["overall_level"] > 4 and levels["overall_band"]
    assert levels["items_answered"] == Response.objects.count()
    history = api.get("/results").json()
    assert [h["assessment"] for h in history] == [assessment["id"]]
    assert api.post(f"/{assessment['id']}/answers", answer_body(question), key="late").status_code == 409


def test_a_question_never_shows_the_key_or_the_why(api, cast, bank):
    from acculture.content.models import Item

    Item.objects.update(
        choices=[{"id": i, "fr": f"Choix {i}", "en": f"Choice {i}", "why": "SECRET"} for i in "abc"]
    )
    cast.employee.language = "fr"
    cast.employee.save(update_fields=["language"])
    assessment = api.post("/start").json()
    page = api.get(f"/{assessment['id']}/question").content.decode()
    assert "SECRET" not in page and '"key"' not in page and "Because b" not in page
    assert "Choix a" in page  # the person's language by default


def test_the_same_key_twice_records_one_answer_and_gives_the_same_next_question(api, cast, bank):
    assessment = api.post("/start").json()
    question = api.get(f"/{assessment['id']}/question").json()
    first = api.post(f"/{assessment['id']}/answers", answer_body(question), key="same")
    again = api.post(f"/{assessment['id']}/answers", answer_body(question), key="same")
    assert first.status_code == again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert again.json() == first.json()
    assert Response.objects.count() == 1
    assert Assessment.objects.get().current_position == 2


def test_a_second_key_for_the_same_position_is_stale(api, cast, bank):
    assessment = api.post("/start").json()
    question = api.get(f"/{assessment['id']}/question").json()
    api.post(f"/{assessment['id']}/answers", answer_body(question), key="one")
    second = api.post(f"/{assessment['id']}/answers", answer_body(question), key="two")
    assert second.status_code == 409
    assert second.json()["status"] == "stale" and second.json()["position"] == 2
    assert Response.objects.count() == 1


def test_a_key_reused_for_another_answer_is_refused(api, cast, bank):
    assessment = api.post("/start").json()
    question = api.get(f"/{assessment['id']}/question").json()
    following = api.post(f"/{assessment['id']}/answers", answer_body(question), key="one").json()["next"]
    reused = api.post(f"/{assessment['id']}/answers", answer_body(following), key="one")
    assert reused.status_code == 422 and "already used" in reused.json()["detail"]
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "headers", "says"),
    [
        ({"answer": "z"}, {}, "Choose an answer"),  # not one of the choices
        ({"answer": ["b"]}, {}, "takes a choice id"),
        ({"answer": None}, {}, "Give an answer"),
        ({"position": "first"}, {}, "position"),
        ({}, {"Idempotency-Key": None}, "Idempotency-Key"),
    ],
)
def test_a_bad_body_gets_a_422_with_a_detail_and_changes_nothing(api, cast, bank, body, headers, says):
    assessment = api.post("/start").json()
    question = api.get(f"/{assessment['id']}/question").json()
    key = None if "Idempotency-Key" in headers else "k"
    response = api.post(f"/{assessment['id']}/answers", answer_body(question, **body), key=key)
    assert response.status_code == 422
    assert says in str(response.json()["detail"])
    assert not Response.objects.exists()
    assert Assessment.objects.get().current_position == 1


def test_i_dont_know_needs_no_answer(api, cast, bank):
    assessment = api.post("/start").json()
    question = api.get(f"/{assessment['id']}/question").json()
    body = {"position": 1, "item": question["item"], "dont_know": True}
    answered = api.post(f"/{assessment['id']}/answers", body, key="k")
    assert answered.status_code == 200 and answered.json()["answered"]["dont_know"]
    assert Response.objects.get().dont_know


def test_a_session_works_as_well_as_a_token_and_both_reach_the_same_assessment(
    client, api, login, cast, bank
):
    by_token = api.post("/start").json()
    login(cast.employee)
    by_session = client.post(f"{BASE}/start", {}, content_type="application/json")
    assert by_session.status_code == 200 and by_session.json()["id"] == by_token["id"]


def test_anonymous_a_wrong_token_and_a_revoked_token_get_401(client, cast, bank):
    from acculture.people.services import api_token_revoke

    api_token, token = api_token_create(person=cast.employee, name="old")
    assert client.get(f"{BASE}/results").status_code == 401
    assert client.get(f"{BASE}/results", headers={"Authorization": "Bearer acc_wrong"}).status_code == 401
    assert client.get(f"{BASE}/results", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    api_token_revoke(api_token=api_token)
    assert client.get(f"{BASE}/results", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_a_token_of_someone_who_left_no_longer_works(client, cast, bank):
    _, token = api_token_create(person=cast.employee, name="script")
    cast.employee.is_active = False
    cast.employee.save()
    assert client.get(f"{BASE}/results", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_another_persons_assessment_is_not_found(client, api, cast, bank):
    from acculture.assessments.services import assessment_start

    theirs = assessment_start(person=cast.manager)
    for response in (
        api.get(f"/{theirs.pk}/question"),
        api.get(f"/{theirs.pk}/result"),
        api.post(
            f"/{theirs.pk}/answers", {"position": 1, "item": theirs.current_item.code, "answer": "b"}, key="k"
        ),
    ):
        assert response.status_code == 404
        assert response.json()["detail"] == "You have no assessment with this id."
    assert not Response.objects.exists()


def test_the_result_of_an_assessment_in_progress_is_a_conflict(api, cast, bank):
    assessment = api.post("/start").json()
    response = api.get(f"/{assessment['id']}/result")
    assert response.status_code == 409 and response.json()["position"] == 1
    assert not Result.objects.exists()


def test_a_retake_too_soon_is_refused_with_the_reason(api, cast, bank):
    Assessment.objects.create(
        person=cast.employee, mode="practice", framework=bank, seed=1, status="completed"
    )
    Result.objects.create(
        assessment=Assessment.objects.get(),
        person=cast.employee,
        framework=bank,
        overall_level=3,
        competences=[],
    )
    response = api.post("/start")
    assert response.status_code == 409 and "again from" in response.json()["detail"]


def test_the_openapi_document_lists_the_operations_and_the_bearer_scheme(client, db):
    document = client.get("/api/v1/openapi.json").json()
    operations = {(method, path) for path, item in document["paths"].items() for method in item}
    assert {
        ("post", f"{BASE}/start"),
        ("get", f"{BASE}/{{assessment_id}}/question"),
        ("post", f"{BASE}/{{assessment_id}}/answers"),
        ("get", f"{BASE}/{{assessment_id}}/result"),
        ("get", f"{BASE}/results"),
    } <= operations
    schemes = document["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} >= {"http", "apiKey"}
