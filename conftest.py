"""Loaded before the tests: Playwright's sync API runs beside pytest-django's live_server."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# CI runs the property and fuzz tests on hypothesis's fixed examples (HYPOTHESIS_PROFILE=ci,
# set by .ci/run), so that a merge is judged on the same cases each time; locally the
# examples vary from run to run and keep exploring.
from hypothesis import settings as _hypothesis_settings

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("HYPOTHESIS_PROFILE"):
    _hypothesis_settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
