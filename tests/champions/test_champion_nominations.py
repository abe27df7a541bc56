"""Putting someone forward (oneself, a manager, the CDO from a suggestion) and the CDO's
decision: the role, the profile, the announcement and the mail."""

import pytest
from django.core import mail
from django.urls import reverse

from acculture.champions import services
from acculture.champions.models import ChampionProfile, Nomination
from acculture.events import Event, event_published
from acculture.people.models import AuditEvent, Role, RoleGrant
from tests.champions.conftest import IMMEDIATE_TASKS
from tests.conftest import make_person


def nominate_self(person, reason="I like helping"):
    return services.nomination_create(person=person, source=Nomination.Source.SELF, nominated_by=person,
                                      reason=reason)  # fmt: skip


def test_a_person_puts_themselves_forward_once_and_a_second_time_is_refused(cast, login):
    client = login(cast.employee)
    response = client.post(reverse("champions:me"), {"reason": "I like explaining"})
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.person, nomination.source, nomination.status) == (cast.employee, "self", "pending")
    assert "The Chief Digital Officer will decide" in client.get(reverse("champions:me")).content.decode()
    with pytest.raises(services.ChampionsRefused, match="already been put forward"):
        nominate_self(cast.employee)
    assert Nomination.objects.count() == 1


def test_a_champion_cannot_be_put_forward_again(cast):
    with pytest.raises(services.ChampionsRefused, match="already a champion"):
        nominate_self(cast.champion)


def test_a_manager_puts_forward_a_direct_or_indirect_report_but_nobody_else(
    cast, login, django_capture_on_commit_callbacks
):
    below = make_person(cast.org, "T900", "Theo", "Below", manager=cast.employee, account=False)
    client = login(cast.manager)
    url = reverse("champions:nominate")
    with IMMEDIATE_TASKS, django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"email": below.email, "reason": "Patient"}).status_code == 302
    assert Nomination.objects.get(person=below).nominated_by == cast.manager
    # The person hears of it, and how to withdraw, once.
    assert [m.to for m in mail.outbox] == [[below.email]]
    assert "Marc Manager" in mail.outbox[0].body and "/champions/me/" in mail.outbox[0].body
    response = client.post(url, {"email": cast.hr.email, "reason": "Patient"})
    assert response.status_code == 400
    assert "someone who reports to you" in response.content.decode()
    response = client.post(url, {"email": cast.outsider.email, "reason": "Patient"})
    assert "Nobody on the staff list has this e-mail address" in response.content.decode()
    assert not Nomination.objects.filter(person__in=[cast.hr, cast.outsider]).exists()


def test_accepting_grants_the_role_opens_a_profile_announces_it_and_mails_the_person(
    cast, login, django_capture_on_commit_callbacks
):
    nomination = nominate_self(cast.employee)
    heard = []
    receiver = lambda **kwargs: heard.append(kwargs)  # noqa: E731
    event_published.connect(receiver)
    try:
        with IMMEDIATE_TASKS, django_capture_on_commit_callbacks(execute=True):
            response = login(cast.cdo).post(
                reverse("champions:decide", args=[nomination.pk]), {"decision": "accept"}
            )
    finally:
        event_published.disconnect(receiver)
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.status, nomination.decided_by) == ("accepted", cast.cdo.user)
    assert RoleGrant.objects.filter(person=cast.employee, role=Role.CHAMPION).exists()
    assert ChampionProfile.objects.filter(person=cast.employee, listed=True).exists()
    assert [e["event"] for e in heard] == [Event.CHAMPION_ACCEPTED]
    assert "Emma Employee" in heard[0]["title"] and heard[0]["url"] == reverse("champions:directory")
    assert [m.to for m in mail.outbox] == [[cast.employee.email]]
    assert mail.outbox[0].subject == "Vous êtes maintenant champion du numérique"  # in the person's language
    assert AuditEvent.objects.filter(
        action="champions.accepted", subject=f"person:{cast.employee.pk}"
    ).exists()


def test_a_second_decision_changes_nothing(cast, django_capture_on_commit_callbacks):
    nomination = nominate_self(cast.employee)
    with IMMEDIATE_TASKS, django_capture_on_commit_callbacks(execute=True):
        services.nomination_decide(nomination=nomination, decided_by=cast.cdo.user, accept=True)
        with pytest.raises(services.ChampionsRefused, match="already been decided"):
            services.nomination_decide(
                nomination=nomination, decided_by=cast.cdo.user, accept=False, reason="No"
            )
    assert Nomination.objects.get().status == "accepted"
    assert RoleGrant.objects.filter(person=cast.employee, role=Role.CHAMPION).count() == 1
    assert len(mail.outbox) == 1


def test_declining_needs_a_reason_the_person_reads(cast, login, django_capture_on_commit_callbacks):
    nomination = nominate_self(cast.employee)
    url = reverse("champions:decide", args=[nomination.pk])
    client = login(cast.cdo)
    response = client.post(url, {"decision": "decline", "reason": " "})
    assert response.status_code == 400
    assert "Say in a few words why you decline" in response.content.decode()
    with IMMEDIATE_TASKS, django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "decline", "reason": "Your site already has two champions."})
    nomination.refresh_from_db()
    assert nomination.status == "declined"
    assert not RoleGrant.objects.filter(person=cast.employee, role=Role.CHAMPION).exists()
    assert "Your site already has two champions." in mail.outbox[0].body
    page = login(cast.employee).get(reverse("champions:me")).content.decode()
    assert "Your site already has two champions." in page


def test_another_organisation_cannot_decide(cast, login):
    nomination = nominate_self(cast.employee)
    response = login(cast.outsider).post(
        reverse("champions:decide", args=[nomination.pk]), {"decision": "accept"}
    )
    assert response.status_code == 404
    assert Nomination.objects.get().status == "pending"


def test_the_person_withdraws_their_nomination_and_a_colleague_cannot(cast, login):
    nomination = nominate_self(cast.employee)
    url = reverse("champions:withdraw", args=[nomination.pk])
    assert login(cast.hr).post(url).status_code == 404
    assert login(cast.employee).post(url).status_code == 302
    assert Nomination.objects.get().status == "withdrawn"


def test_withdrawing_the_role_elsewhere_takes_the_champion_out_of_the_directory(cast, login):
    from acculture.people.services import role_revoke

    nomination = nominate_self(cast.employee)
    services.nomination_decide(nomination=nomination, decided_by=cast.cdo.user, accept=True)
    client = login(cast.hr)
    assert "Emma Employee" in client.get(reverse("champions:directory")).content.decode()
    role_revoke(person=cast.employee, role=Role.CHAMPION, revoked_by=cast.cdo.user)
    assert "Emma Employee" not in client.get(reverse("champions:directory")).content.decode()


def test_a_champion_steps_down_and_leaves_the_directory_and_the_champions_space(cast, login):
    from acculture.champions.models import ChampionProfile
    from acculture.people.models import AuditEvent

    ChampionProfile.objects.create(organisation=cast.org, person=cast.champion, how_i_help="Files")
    assert "Champion Person" in login(cast.employee).get(reverse("champions:directory")).content.decode()
    client = login(cast.champion)
    assert client.post(reverse("champions:step-down")).status_code == 302
    assert not RoleGrant.objects.filter(person=cast.champion, role=Role.CHAMPION).exists()
    assert AuditEvent.objects.filter(action="role.revoke", subject=f"person:{cast.champion.pk}").exists()
    assert "Champion Person" not in login(cast.employee).get(reverse("champions:directory")).content.decode()
    assert ChampionProfile.objects.filter(person=cast.champion).exists()  # kept for a comeback
