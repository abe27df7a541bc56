"""DiscourseConnect: a signed request from the configured forum, answered with a signed
payload for the signed-in person (champions in the "champions" group); anything unsigned,
altered or aimed elsewhere is refused with a clear page."""

import base64
import hashlib
import hmac
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.test import override_settings
from django.urls import reverse

from acculture.people.models import AuditEvent
from tests.conftest import PASSWORD

SECRET = "a shared secret of the forum"
FORUM = "https://forum.example.org"
CONFIGURED = override_settings(DISCOURSE_URL=FORUM, DISCOURSE_SECRET=SECRET, DISCOURSE_ORGANISATION="")


def signed(nonce="cb68251eefb5211e58c00ff1395f0c0b", return_url=f"{FORUM}/session/sso_login", secret=SECRET):
    payload = base64.b64encode(urlencode({"nonce": nonce, "return_sso_url": return_url}).encode()).decode()
    sig = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    return reverse("discourse:sso") + "?" + urlencode({"sso": payload, "sig": sig})


def answer(response) -> dict:
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{FORUM}/session/sso_login"
    query = {k: v[0] for k, v in parse_qs(location.query).items()}
    expected = hmac.new(SECRET.encode(), query["sso"].encode(), hashlib.sha256).hexdigest()
    assert hmac.compare_digest(query["sig"], expected)
    return {k: v[0] for k, v in parse_qs(base64.b64decode(query["sso"]).decode()).items()}


@CONFIGURED
def test_a_champion_signs_in_to_the_forum_and_joins_the_champions_group(cast, login):
    fields = answer(login(cast.champion).get(signed()))
    assert fields["nonce"] == "cb68251eefb5211e58c00ff1395f0c0b"
    assert fields["external_id"] == str(cast.champion.pk)
    assert fields["email"] == cast.champion.user.email
    assert (fields["name"], fields["username"]) == ("Champion Person", "champion.person")
    assert fields["add_groups"] == "champions" and "remove_groups" not in fields
    assert AuditEvent.objects.filter(
        action="discourse.sign_in", subject=f"person:{cast.champion.pk}"
    ).exists()


@CONFIGURED
def test_someone_who_is_not_a_champion_is_taken_out_of_the_group(cast, login):
    fields = answer(login(cast.employee).get(signed()))
    assert fields["remove_groups"] == "champions" and "add_groups" not in fields


@CONFIGURED
def test_an_anonymous_visitor_signs_in_first_and_comes_back_to_the_forum(cast, client):
    url = signed()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("people:login"))
    next_url = parse_qs(urlsplit(response["Location"]).query)["next"][0]
    assert next_url == url
    client.post(reverse("people:login") + "?" + urlencode({"next": next_url}),
                {"email": cast.employee.email, "password": PASSWORD})  # fmt: skip
    fields = answer(client.get(next_url))
    assert fields["external_id"] == str(cast.employee.pk)


@CONFIGURED
@pytest.mark.parametrize("who", ["anonymous", "employee"])
def test_a_bad_signature_gets_a_clear_refusal(cast, client, login, who):
    if who == "employee":
        login(cast.employee)
    url = signed(secret="not the forum's secret")
    response = client.get(url)
    assert response.status_code == 403
    assert "This sign-in link is not valid" in response.content.decode()
    tampered = signed().replace("sig=", "sig=0")
    assert client.get(tampered).status_code == 403
    assert client.get(reverse("discourse:sso")).status_code == 403


@CONFIGURED
def test_an_answer_is_never_sent_to_another_site(cast, login):
    client = login(cast.employee)
    for target in ("https://evil.example/session/sso_login", "http://forum.example.org/session/sso_login",
                   "https://forum.example.org.evil.example/x"):  # fmt: skip
        response = client.get(signed(return_url=target))
        assert response.status_code == 403, target
        assert "another site" in response.content.decode()


@CONFIGURED
def test_a_payload_that_is_not_base64_is_refused(cast, login):
    payload = "%%%not base64%%%"
    sig = hmac.new(SECRET.encode(), payload.encode(), hashlib.sha256).hexdigest()
    response = login(cast.employee).get(
        reverse("discourse:sso") + "?" + urlencode({"sso": payload, "sig": sig})
    )
    assert response.status_code == 403


@override_settings(DISCOURSE_URL=FORUM, DISCOURSE_SECRET=SECRET, DISCOURSE_ORGANISATION="agence")
def test_the_forum_can_be_kept_to_one_organisation(cast, login):
    assert login(cast.outsider).get(signed()).status_code == 403
    assert answer(login(cast.employee).get(signed()))["external_id"] == str(cast.employee.pk)


@CONFIGURED
def test_a_platform_admin_without_a_staff_record_cannot_sign_in_to_the_forum(cast, login):
    response = login(cast.admin).get(signed())
    assert response.status_code == 403 and "not linked to a member of staff" in response.content.decode()


def test_without_configuration_the_endpoint_does_not_exist(cast, login):
    assert login(cast.employee).get(signed()).status_code == 404


@CONFIGURED
def test_a_sign_in_link_is_answered_once(cast, login):
    client = login(cast.employee)
    url = signed(nonce="only-once")
    answer(client.get(url))
    response = client.get(url)
    assert response.status_code == 403 and "already used" in response.content.decode()
    answer(client.get(signed(nonce="a-new-click")))  # the next "Log in" on the forum works
