"""The home page's cards: finding a champion and the circle for everyone, managing the
network for the CDO, putting a report forward for managers."""

from django.urls import reverse

from tests.circle.conftest import make_thread


def test_everyone_finds_a_champion_and_the_circle_and_only_the_cdo_manages(cast, login):
    employee = login(cast.employee).get(reverse("home")).content.decode()
    assert "Find a champion" in employee and "The circle" in employee
    assert (
        "Manage the champions network" not in employee and "Put someone in your team forward" not in employee
    )
    assert "Put someone in your team forward" in login(cast.manager).get(reverse("home")).content.decode()
    assert "Manage the champions network" in login(cast.cdo).get(reverse("home")).content.decode()


def test_the_circle_card_counts_unread_notifications(cast, login):
    make_thread(cast.manager, body="Hello @emma.employee")
    assert "1 new notification" in login(cast.employee).get(reverse("home")).content.decode()
