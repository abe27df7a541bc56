"""DiscourseConnect: without ACCULTURE_DISCOURSE_URL and _SECRET (as in the tests) the
endpoint does not exist; tests/discourse checks it once configured."""

from tests.permissions.common import Entry, everyone

MATRIX = {"discourse:sso": Entry(everyone(404), page=False)}
