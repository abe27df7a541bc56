"""Requests at the same moment (a double click, two tabs): kudos count once, a win is
featured and announced once, and the daily limit holds."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from acculture.events import event_published
from acculture.wins import services
from acculture.wins.models import Kudos, Win


def at_once(fn, n=4):
    def run(_):
        try:
            return fn()
        finally:
            connection.close()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


@pytest.mark.django_db(transaction=True)
def test_simultaneous_kudos_and_featuring_happen_once(cast):
    heard = []
    event_published.connect(lambda sender, **kw: heard.append(kw), dispatch_uid="concurrent", weak=False)
    try:
        win = services.win_post(author=cast.employee, title="Shared calendar", before="b", after="a")
        added = at_once(lambda: services.kudos_give(win=win, person=cast.manager))
        featured = at_once(lambda: services.win_feature(win=win, by=cast.cdo.user))
    finally:
        event_published.disconnect(dispatch_uid="concurrent")
    assert sorted(added) == [False, False, False, True] and Kudos.objects.count() == 1
    assert sorted(featured) == [False, False, False, True] and len(heard) == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_posts_cannot_pass_the_daily_limit(cast):
    def post():
        try:
            return services.win_post(author=cast.employee, title="Win", before="b", after="a").pk
        except services.WinRefused:
            return None

    results = at_once(post, n=services.WINS_PER_DAY + 3)
    assert sum(r is not None for r in results) == services.WINS_PER_DAY
    assert Win.objects.count() == services.WINS_PER_DAY
