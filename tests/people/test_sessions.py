"""Sessions are kept in the database and, in front of it, in files that every process of
the server shares (settings.SESSION_CACHE): a signed-in page reads no session row, and a
sign-out ends the session in every process at once."""

import os
import subprocess
import sys

import pytest
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.models import Session
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


@pytest.fixture
def session_files(settings, tmp_path):
    """The production cache, in a directory of this test's own."""
    settings.CACHES = {
        **settings.CACHES,
        "sessions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "sessions"),
        },
    }
    return tmp_path / "sessions"


def another_process(directory) -> FileBasedCache:
    """What another gunicorn worker of the same machine reads: the same directory."""
    return FileBasedCache(str(directory), {})


def test_a_signed_in_page_reads_no_session_row(client, login, cast, session_files):
    login(cast.employee)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"]]


def test_signing_out_ends_the_session_in_every_process(client, login, cast, session_files):
    login(cast.employee)
    key = client.session.session_key
    assert client.get(reverse("home")).status_code == 200
    assert another_process(session_files).get(KEY_PREFIX + key) is not None
    client.post(reverse("people:logout"))
    assert another_process(session_files).get(KEY_PREFIX + key) is None
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = key  # the old cookie, replayed
    assert client.get(reverse("home")).status_code == 302


def test_a_session_whose_file_is_gone_is_read_from_the_database(client, login, cast, session_files):
    login(cast.employee)
    key = client.session.session_key
    another_process(session_files).clear()
    response = client.get(reverse("home"))
    assert response.status_code == 200 and response.context["actor"].person == cast.employee
    assert another_process(session_files).get(KEY_PREFIX + key) is not None  # written back


def test_the_session_cache_can_be_turned_off_for_several_machines(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCULTURE_", "DJANGO_"))}
    show = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_ENGINE, s.CACHES.get('sessions', {}).get('BACKEND', '-'))"
    )
    engines = {}
    for value in ("files", "none"):
        result = subprocess.run(
            [sys.executable, "-c", show],
            env={**env, "ACCULTURE_VAR_DIR": str(tmp_path), "ACCULTURE_ENV": "development",
                 "ACCULTURE_SESSION_CACHE": value, "DJANGO_SETTINGS_MODULE": "acculture.settings"},
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        engines[value] = result.stdout.split()
    assert engines["files"] == [
        "django.contrib.sessions.backends.cached_db",
        "django.core.cache.backends.filebased.FileBasedCache",
    ]
    assert engines["none"] == ["django.contrib.sessions.backends.db", "-"]
