from django.urls import reverse


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get(reverse("people:login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    page = response.content.decode()
    nonce = policy.split("'nonce-", 1)[1].split("'", 1)[0]
    # Every <script> is either a static file or carries the request's nonce.
    for tag in page.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        assert "src=" in opening or f'nonce="{nonce}"' in opening


def test_htmx_is_served_from_our_own_static_files(client, db):
    page = client.get(reverse("people:login")).content.decode()
    assert "/static/django-htmx/htmx" in page or "/static/django_htmx/htmx" in page
    assert "https://" not in page.split("<body", 1)[0]


def test_pages_cannot_be_framed_and_forms_carry_a_csrf_token(client, db):
    response = client.get(reverse("people:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_a_post_without_csrf_token_is_refused(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("people:login"), {"email": "a@b.c", "password": "x"}).status_code == 403


def test_the_health_check_answers_without_a_session(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


def test_the_browsers_favicon_request_gets_nothing_and_never_a_new_csrf_cookie(client, db):
    # A first visit's favicon request must not race the login page with a cookie of its own.
    response = client.get("/favicon.ico")
    assert response.status_code == 204 and response.content == b""
    assert "csrftoken" not in response.cookies and "sessionid" not in response.cookies
