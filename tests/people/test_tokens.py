"""The API tokens page: a person creates and revokes their own tokens."""

import hashlib

from django.urls import reverse

from acculture.people.models import ApiToken, AuditEvent
from acculture.people.services import api_token_create


def test_the_tokens_page_is_for_members_of_staff_only(client, login, cast):
    url = reverse("people:tokens")
    assert "/login/" in client.get(url)["Location"]  # anonymous
    login(cast.admin)
    assert client.get(url).status_code == 302  # an account without a person: to the admin
    login(cast.employee)
    assert client.get(url).status_code == 200


def test_a_new_token_is_shown_once_and_only_its_hash_is_stored(client, login, cast):
    login(cast.employee)
    response = client.post(reverse("people:tokens"), {"name": "Reporting script"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    api_token = ApiToken.objects.get()
    token = response.context["created"]["token"]
    assert token.startswith("acc_") and len(token) > 40
    assert token in response.content.decode()
    assert api_token.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {api_token.name, api_token.hint, api_token.token_hash}
    assert api_token.person == cast.employee
    again = client.get(reverse("people:tokens")).content.decode()
    assert token not in again and "Reporting script" in again and api_token.hint in again
    assert AuditEvent.objects.filter(action="api_token.create").count() == 1


def test_a_token_needs_a_name(client, login, cast):
    login(cast.employee)
    response = client.post(reverse("people:tokens"), {"name": ""})
    assert response.status_code == 400 and "Give the token a name" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_revoked_token_is_refused_by_the_api(client, login, cast):
    api_token, token = api_token_create(person=cast.employee, name="script")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/people/me", headers=headers).status_code == 200
    api_token.refresh_from_db()
    assert api_token.last_used_at is not None
    login(cast.employee)
    response = client.post(reverse("people:token-revoke", args=[api_token.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("people:tokens")
    api_token.refresh_from_db()
    assert api_token.revoked_at is not None
    client.logout()
    assert client.get("/api/v1/people/me", headers=headers).status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoke").count() == 1


def test_nobody_revokes_someone_elses_token(client, login, cast):
    api_token, _ = api_token_create(person=cast.employee, name="script")
    for who in (cast.manager, cast.cdo, cast.outsider):
        login(who)
        assert client.post(reverse("people:token-revoke", args=[api_token.pk])).status_code == 404
    api_token.refresh_from_db()
    assert api_token.revoked_at is None
    login(cast.employee)
    assert client.get(reverse("people:token-revoke", args=[api_token.pk])).status_code == 405
