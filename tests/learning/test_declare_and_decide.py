from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from acculture.learning.models import TimeEntry
from acculture.learning.services import LearningRefused, time_entry_decide, time_entry_declare
from acculture.people.models import AuditEvent
from tests.conftest import make_person
from tests.learning.conftest import make_policy


def declare_page(client, **data):
    today = timezone.localdate().isoformat()
    return client.post(
        reverse("learning:declare"),
        {"date": today, "minutes": "45", "source": "tutorial", "description": "Strong passwords", **data},
    )


def test_a_declaration_waits_for_the_manager_who_approves_it(cast, login):
    response = declare_page(login(cast.employee))
    assert response.status_code == 302
    entry = TimeEntry.objects.get(person=cast.employee)
    assert (entry.status, entry.minutes, entry.source) == ("pending", 45, "tutorial")

    manager = login(cast.manager)
    page = manager.get(reverse("learning:team"))
    assert "Emma Employee" in page.content.decode()
    response = manager.post(reverse("learning:decide", args=[entry.pk]), {"decision": "approve"})

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.approved_by) == ("approved", cast.manager.user)
    event = AuditEvent.objects.get(action="learning.time_approved")
    assert (event.actor, event.subject) == (cast.manager.user, f"person:{cast.employee.pk}")


def test_the_manager_can_refuse_to_count_a_declaration(cast, login):
    entry = time_entry_declare(person=cast.employee, minutes=30, on=timezone.localdate(), description="Video")
    login(cast.manager).post(reverse("learning:decide", args=[entry.pk]), {"decision": "reject"})
    entry.refresh_from_db()
    assert entry.status == "rejected"
    assert AuditEvent.objects.filter(action="learning.time_rejected").count() == 1


def test_someone_elses_manager_cannot_decide(cast, login):
    other_manager = make_person(cast.org, "M002", "Mia", "Othermanager")
    make_person(cast.org, "E002", "Eve", "Report", manager=other_manager)
    entry = time_entry_declare(person=cast.employee, minutes=30, on=timezone.localdate(), description="Video")

    response = login(other_manager).post(reverse("learning:decide", args=[entry.pk]), {"decision": "approve"})

    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.status == "pending"
    with pytest.raises(LearningRefused):
        time_entry_decide(entry=entry, approver=other_manager, approve=True)


def test_the_person_cannot_approve_their_own_time(cast, login):
    entry = time_entry_declare(person=cast.employee, minutes=30, on=timezone.localdate(), description="Video")
    response = login(cast.employee).post(reverse("learning:decide", args=[entry.pk]), {"decision": "approve"})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.status == "pending"


def test_a_decided_declaration_cannot_be_decided_again(cast):
    entry = time_entry_declare(person=cast.employee, minutes=30, on=timezone.localdate(), description="Video")
    time_entry_decide(entry=entry, approver=cast.manager, approve=False)
    with pytest.raises(LearningRefused):
        time_entry_decide(entry=entry, approver=cast.manager, approve=True)


def test_time_counts_at_once_when_the_organisation_does_not_ask_for_approval(cast):
    make_policy(cast.org, 120, date(2020, 1, 1), approval=False)
    entry = time_entry_declare(person=cast.employee, minutes=30, on=timezone.localdate(), description="Video")
    assert entry.status == "approved"


def test_time_of_someone_without_a_manager_counts_at_once(cast):
    entry = time_entry_declare(person=cast.cdo, minutes=30, on=timezone.localdate(), description="Video")
    assert entry.status == "approved"


def test_the_form_explains_each_mistake_beside_the_field_and_at_the_top(cast, login):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = declare_page(login(cast.employee), date=tomorrow, minutes="0", description="")

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "<title>Error:" in html
    assert "Enter today’s date or a day in the past." in html
    assert "Enter at least 1 minute." in html
    assert "Say in a few words what you did" in html
    assert not TimeEntry.objects.exists()
