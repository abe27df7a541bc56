"""Concurrent requests change nothing twice: real threads, each with its own database
connection (SQLite with IMMEDIATE transactions, or PostgreSQL)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import override_settings

from acculture.champions import services as champion_services
from acculture.champions.models import Nomination
from acculture.circle import services
from acculture.circle.models import Post, Reaction
from tests.circle.conftest import make_thread

CROWD = 10


def at_once(work, arguments):
    start = threading.Barrier(len(arguments))

    def run(argument):
        start.wait()  # every click at the same instant
        try:
            return work(argument)
        except Exception as error:  # the refusals are the point
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(len(arguments)) as pool:
        return list(pool.map(run, arguments))


@pytest.mark.django_db(transaction=True)
@override_settings(CIRCLE_POSTS_PER_MINUTE=3, CIRCLE_POSTS_PER_HOUR=100)
def test_ten_replies_at_once_from_one_person_stop_at_the_minute_limit(cast):
    thread = make_thread(cast.employee)
    outcomes = at_once(
        lambda i: services.post_reply(thread=thread, author=cast.manager, body=f"Reply {i}"),
        list(range(CROWD)),
    )
    assert sum(isinstance(o, Post) for o in outcomes) == 3
    assert all(isinstance(o, services.RateLimited) for o in outcomes if not isinstance(o, Post))
    assert Post.objects.filter(author=cast.manager).count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_same_reply_sent_ten_times_at_once_is_stored_once(cast):
    thread = make_thread(cast.employee)
    at_once(
        lambda _i: services.post_reply(thread=thread, author=cast.manager, body="Same"), list(range(CROWD))
    )
    assert Post.objects.filter(author=cast.manager).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_person_put_forward_ten_times_at_once_has_one_nomination(cast):
    def nominate(_i):
        return champion_services.nomination_create(
            person=cast.employee, source=Nomination.Source.SELF, nominated_by=cast.employee
        )

    outcomes = at_once(nominate, list(range(CROWD)))
    assert sum(isinstance(o, Nomination) for o in outcomes) == 1
    assert Nomination.objects.filter(person=cast.employee).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_a_reaction_never_counts_twice_nor_fails(cast):
    post = make_thread(cast.employee).posts.get()
    people = [cast.manager, cast.hr, cast.cdo, cast.champion] * 2  # each clicks twice at once
    outcomes = at_once(
        lambda person: services.reaction_toggle(post=post, person=person, kind="thanks"), people
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    for person in people[:4]:
        assert Reaction.objects.filter(post=post, person=person).count() <= 1
