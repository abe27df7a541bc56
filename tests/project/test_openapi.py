def test_the_openapi_document_is_published(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert document["info"]["title"] == "Acculture API"
    assert "/api/v1/people/me" in document["paths"]


def test_the_api_needs_a_session_and_returns_only_the_callers_own_record(client, login, cast):
    assert client.get("/api/v1/people/me").status_code == 401
    login(cast.employee)
    me = client.get("/api/v1/people/me").json()
    assert me["employee_number"] == "E001"
    assert me["roles"] == ["employee"]
