"""The circle's read-only API: the spaces a caller may read, threads with search, and
one's own notifications."""

from acculture.circle.models import Notification
from tests.circle.conftest import champions_category, make_thread, open_category


def test_the_api_lists_only_the_spaces_and_threads_the_caller_may_read(cast, login):
    open_category(cast.org)
    make_thread(cast.employee, title="Sharing a calendar")
    make_thread(cast.champion, champions_category(cast.org), title="Our help desk")
    employee = login(cast.employee)
    assert [c["space"] for c in employee.get("/api/v1/circle/categories").json()] == ["open"]
    assert [t["title"] for t in employee.get("/api/v1/circle/threads").json()] == ["Sharing a calendar"]
    champion = login(cast.champion)
    titles = {t["title"] for t in champion.get("/api/v1/circle/threads").json()}
    assert titles == {"Sharing a calendar", "Our help desk"}
    assert [t["title"] for t in champion.get("/api/v1/circle/threads", {"q": "desk"}).json()] == [
        "Our help desk"
    ]
    assert login(cast.outsider).get("/api/v1/circle/threads").json() == []


def test_the_api_gives_a_person_their_own_notifications(cast, login):
    make_thread(cast.manager, body="Hello @emma.employee")
    mine = login(cast.employee).get("/api/v1/circle/notifications").json()
    assert [(n["kind"], n["by"], n["read"]) for n in mine] == [("mention", "Marc Manager", False)]
    assert login(cast.hr).get("/api/v1/circle/notifications").json() == []
    assert Notification.objects.count() == 1
