"""Reminders to leadership: a proposal due soon or late is mailed to the CDOs, once a week
at most, whatever the number of runs; answered proposals are left alone."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from acculture.proposals import services
from acculture.proposals.models import Proposal
from acculture.proposals.tasks import proposal_reminders_send


def proposal_due_in(cast, days, title="Shared screens"):
    proposal = services.proposal_submit(author=cast.champion, title=title, problem="P", proposal="Q")
    Proposal.objects.filter(pk=proposal.pk).update(answer_due_on=timezone.localdate() + timedelta(days=days))
    return proposal


def test_a_late_proposal_is_reminded_to_the_cdo_once_however_often_the_task_runs(cast):
    proposal_due_in(cast, -2, title="Late one")
    proposal_due_in(cast, 20, title="Not due yet")
    assert proposal_reminders_send.call(cast.org.pk) == 1
    assert proposal_reminders_send.call(cast.org.pk) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [cast.cdo.email]
    assert "Late one" in mail.outbox[0].subject and "/proposals/" in mail.outbox[0].body


def test_a_proposal_due_within_three_days_is_reminded_and_again_a_week_later(cast, time_machine):
    proposal_due_in(cast, 2)
    assert proposal_reminders_send.call(cast.org.pk) == 1
    time_machine.move_to(timezone.now() + timedelta(days=6))
    assert proposal_reminders_send.call(cast.org.pk) == 0
    time_machine.move_to(timezone.now() + timedelta(days=2))
    assert proposal_reminders_send.call(cast.org.pk) == 1
    assert mail.outbox[1].subject.startswith("En retard")  # in the CDO's own language, French


def test_an_answered_proposal_is_never_reminded(cast):
    proposal = proposal_due_in(cast, -5)
    services.proposal_move(proposal=proposal, by=cast.cdo, status="declined", note="No.")
    assert proposal_reminders_send.call(cast.org.pk) == 0 and mail.outbox == []


def test_the_command_queues_one_task_per_organisation_with_waiting_proposals(cast, capsys):
    proposal_due_in(cast, -1)
    call_command("send_proposal_reminders")
    assert "enqueued for 1 organisation(s)" in capsys.readouterr().out
    assert DBTaskResult.objects.filter(task_path__endswith="proposal_reminders_send").count() == 1


def test_the_author_hears_each_decision_in_their_own_language(cast, django_capture_on_commit_callbacks):
    from acculture.people.models import Person
    from acculture.proposals.tasks import proposal_author_notify

    Person.objects.filter(pk=cast.champion.pk).update(language="en")
    proposal = services.proposal_submit(
        author=cast.champion, title="Shared screens", problem="P", proposal="Q"
    )
    with django_capture_on_commit_callbacks() as queued:
        services.proposal_move(proposal=proposal, by=cast.cdo, status="adopted", note="Yes, from May.")
    assert len(queued) >= 1  # the mail is queued after the commit, never sent inside the decision
    step = proposal.steps.get(status="adopted")
    assert proposal_author_notify.call(step.pk) == "sent"
    message = mail.outbox[-1]
    assert (
        message.to == [cast.champion.email] and message.subject == "Your proposal “Shared screens”: Adopted"
    )
    assert "Yes, from May." in message.body and f"/proposals/{proposal.pk}/" in message.body
