"""Moderators hide, lock and pin, recorded with who and when; search finds titles and
messages the searcher may read."""

from django.urls import reverse

from acculture.circle.models import ModerationAction, Post, Thread
from tests.circle.conftest import champions_category, make_thread


def test_a_moderator_pins_locks_and_hides_and_each_is_recorded_once(cast, login):
    thread = make_thread(cast.employee)
    client = login(cast.cdo)
    url = reverse("circle:thread-moderate", args=[thread.pk])
    for action in ("pin", "pin", "lock", "hide"):
        assert client.post(url, {"action": action}).status_code == 302
    thread.refresh_from_db()
    assert (thread.is_pinned, thread.is_locked, thread.is_hidden) == (True, True, True)
    assert list(ModerationAction.objects.order_by("at").values_list("action", "moderator")) == [
        ("pin", cast.cdo.user.pk), ("lock", cast.cdo.user.pk), ("hide", cast.cdo.user.pk)
    ]  # fmt: skip
    # Hidden: other staff meet "not found"; the moderator still sees it and its history.
    assert login(cast.manager).get(reverse("circle:thread", args=[thread.pk])).status_code == 404
    page = login(cast.cdo).get(reverse("circle:thread", args=[thread.pk])).content.decode()
    assert "Show the thread again" in page and "pinned by cdo.person@agence.example" in page


def test_only_moderators_moderate(cast, login):
    thread = make_thread(cast.employee)
    assert (
        login(cast.champion)
        .post(reverse("circle:thread-moderate", args=[thread.pk]), {"action": "hide"})
        .status_code
        == 403
    )
    assert (
        login(cast.outsider)
        .post(reverse("circle:thread-moderate", args=[thread.pk]), {"action": "hide"})
        .status_code
        == 404
    )
    assert not Thread.objects.get().is_hidden


def test_a_hidden_message_shows_as_hidden_to_others(cast, login):
    thread = make_thread(cast.employee)
    reply = Post.objects.create(thread=thread, author=cast.manager, body="Something rude")
    login(cast.cdo).post(reverse("circle:post-moderate", args=[reply.pk]), {"action": "hide"})
    reply.refresh_from_db()
    assert reply.is_hidden
    page = login(cast.hr).get(reverse("circle:thread", args=[thread.pk])).content.decode()
    assert "Something rude" not in page and "This message was hidden by a moderator." in page
    assert ModerationAction.objects.get().post == reply


def test_search_finds_titles_and_messages_but_not_what_the_searcher_cannot_read(cast, login):
    make_thread(cast.employee, title="Sharing a calendar", body="How?")
    other = make_thread(cast.manager, title="Passwords", body="Use a long CALENDAR phrase")
    make_thread(cast.champion, champions_category(cast.org), title="Calendar of our help desk", body="x")
    hidden = make_thread(cast.hr, title="Calendar spam", body="x")
    Thread.objects.filter(pk=hidden.pk).update(is_hidden=True)
    html = login(cast.employee).get(reverse("circle:search"), {"q": "calendar"}).content.decode()
    assert "Sharing a calendar" in html and "Passwords" in html
    assert "help desk" not in html and "Calendar spam" not in html
    assert (
        "help desk" in login(cast.champion).get(reverse("circle:search"), {"q": "calendar"}).content.decode()
    )
    Post.objects.filter(thread=other).update(is_hidden=True)
    assert (
        "Passwords"
        not in login(cast.employee).get(reverse("circle:search"), {"q": "calendar"}).content.decode()
    )


def test_a_one_letter_search_asks_for_more(cast, login):
    response = login(cast.employee).get(reverse("circle:search"), {"q": "a"})
    assert response.status_code == 400 and "Enter at least 2 letters" in response.content.decode()
