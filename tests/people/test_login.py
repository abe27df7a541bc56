import pytest
from django.urls import reverse

from acculture.people.models import LoginAttempt, Person, User
from tests.conftest import PASSWORD


def test_a_person_signs_in_with_email_and_password_and_lands_on_their_home(client, cast):
    response = client.post(
        reverse("people:login"), {"email": cast.employee.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert "Emma" in home.content.decode()


def test_a_wrong_password_gets_a_message_that_helps_and_no_session(client, cast):
    response = client.post(
        reverse("people:login"), {"email": cast.employee.email, "password": "nope"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page or "Il y a un problème" in page
    assert "_auth_user_id" not in client.session


def test_login_is_throttled_after_five_failures_even_with_the_right_password(client, cast):
    for _ in range(5):
        client.post(reverse("people:login"), {"email": cast.employee.email, "password": "wrong"})
    response = client.post(reverse("people:login"), {"email": cast.employee.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert LoginAttempt.objects.filter(succeeded=False).count() == 5


def test_a_success_forgets_earlier_failures_of_that_account(client, cast):
    for _ in range(3):
        client.post(reverse("people:login"), {"email": cast.employee.email, "password": "wrong"})
    client.post(reverse("people:login"), {"email": cast.employee.email, "password": PASSWORD})
    assert not LoginAttempt.objects.filter(email=cast.employee.email, succeeded=False).exists()


def test_login_never_redirects_to_another_site(client, cast):
    response = client.post(
        reverse("people:login") + "?next=https://evil.example/",
        {"email": cast.employee.email, "password": PASSWORD},
    )
    assert response["Location"] == reverse("home")


def test_logout_needs_a_post(client, login, cast):
    login(cast.employee)
    assert client.get(reverse("people:logout")).status_code == 405
    response = client.post(reverse("people:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_imported_person_without_an_account_gets_a_link_to_set_a_password(client, cast, mailoutbox):
    newcomer = Person.objects.create(
        organisation=cast.org,
        employee_number="N1",
        first_name="Nina",
        last_name="New",
        email="nina@agence.example",
    )
    response = client.post(reverse("people:password-reset"), {"email": "Nina@agence.example"})
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.user is not None and not newcomer.user.has_usable_password()
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "une phrase facile", "new_password2": "une phrase facile"},
    )
    assert response.status_code == 302
    assert (
        client.post(
            reverse("people:login"), {"email": "nina@agence.example", "password": "une phrase facile"}
        ).status_code
        == 302
    )


def test_a_reset_request_for_an_unknown_address_reveals_nothing(client, db, mailoutbox):
    response = client.post(reverse("people:password-reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []
    assert User.objects.count() == 0


@pytest.mark.parametrize(
    "language, heading", [("fr", "Connexion à Acculture"), ("en", "Sign in to Acculture")]
)
def test_the_login_page_speaks_french_by_default_and_english_when_chosen(client, db, language, heading):
    del client.cookies["acculture_language"]
    if language == "en":
        client.post(reverse("set-language"), {"language": "en", "next": "/login/"})
    page = client.get(reverse("people:login")).content.decode()
    assert heading in page
    assert f'<html lang="{language}">' in page
