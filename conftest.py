"""Loaded before the tests: Playwright's sync API runs beside pytest-django's live_server."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
