"""Small wins: everyone posts, reads and gives kudos; only the author changes a win; the
CDO features one. Another organisation's win is not found."""

from tests.permissions.common import API_STAFF, LOGIN, STAFF, Entry, everyone, only

STAFF_PAGE = {**STAFF, "anonymous": LOGIN, "platform_admin": 302}
SAME_ORGANISATION = {**STAFF_PAGE, "outsider": 404}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def a_win(cast):
    from acculture.wins.models import Win
    from acculture.wins.services import win_post

    found = Win.objects.filter(organisation=cast.org, title="Matrix win").first()
    found = found or win_post(author=cast.employee, title="Matrix win", before="B", after="A", image=PNG)
    return {"pk": found.pk}


MATRIX = {
    "wins:index": Entry(STAFF_PAGE),
    "wins:create": Entry(STAFF_PAGE),
    "wins:detail": Entry(SAME_ORGANISATION, a_win),
    "wins:edit": Entry(
        {**everyone(403), "anonymous": LOGIN, "platform_admin": 302, "employee": 200, "outsider": 404}, a_win
    ),
    "wins:image": Entry(SAME_ORGANISATION, a_win, page=False),
    "wins:kudos": Entry({**everyone(405), "anonymous": LOGIN, "platform_admin": 302}, a_win),
    "wins:feature": Entry(only({"cdo": 405, "outsider": 405}), a_win),
}

API_MATRIX = {("get", "/api/v1/wins/"): API_STAFF}
