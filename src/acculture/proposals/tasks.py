"""Reminders to leadership: a proposal whose answer is due within REMIND_BEFORE_DAYS
days, or late, is mailed to the organisation's Chief Digital Officers, at most once every
REMIND_EVERY_DAYS days while it waits. Safe to run twice: each reminder is claimed first
(services.proposal_claim_reminder) in the transaction that sends it."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from acculture.people.models import Person, Role
from acculture.proposals import services
from acculture.proposals.models import Proposal, ProposalStep

REMIND_BEFORE_DAYS = 3
REMIND_EVERY_DAYS = 7


def leaders_of(organisation_id: int) -> list[Person]:
    return list(
        Person.objects.filter(
            organisation_id=organisation_id, is_active=True, role_grants__role=Role.CDO
        ).exclude(email="")
    )


def _send(proposal: Proposal, leaders: list[Person]) -> None:
    for leader in leaders:
        with translation.override(leader.language):
            context = {
                "person": leader,
                "proposal": proposal,
                "late": proposal.is_overdue(),
                "link": settings.BASE_URL + reverse("proposals:detail", args=[proposal.pk]),
            }
            subject = render_to_string("proposals/email/reminder_subject.txt", context)
            body = render_to_string("proposals/email/reminder.txt", context)
        EmailMessage(
            subject=" ".join(subject.split()), body=body, to=[leader.email],
            headers={"Auto-Submitted": "auto-generated"},
        ).send()  # fmt: skip


@task()
def proposal_reminders_send(organisation_id: int) -> int:
    """Remind leadership of the proposals of one organisation that are due soon or late.
    Returns the number of proposals reminded."""
    now = timezone.now()
    leaders = leaders_of(organisation_id)
    if not leaders:
        return 0
    due_before = now - timedelta(days=REMIND_EVERY_DAYS)
    candidates = (
        Proposal.objects.filter(
            organisation_id=organisation_id,
            status__in=Proposal.WAITING,
            answer_due_on__lte=timezone.localdate(now) + timedelta(days=REMIND_BEFORE_DAYS),
        )
        .exclude(reminded_at__gt=due_before)
        .values_list("pk", flat=True)
    )
    sent = 0
    for proposal_id in list(candidates):
        with transaction.atomic():
            claimed = services.proposal_claim_reminder(
                proposal_id=proposal_id, due_before=due_before, now=now
            )
            if claimed is not None:
                _send(claimed, leaders)
                sent += 1
    return sent


@task()
def proposal_author_notify(step_id: int) -> str:
    """Tell a proposal's author what leadership decided (one mail per step, in their own
    language). A step is written once, so a retried task can at worst resend the same
    news; it never invents a decision."""
    step = ProposalStep.objects.select_related("proposal__author").filter(pk=step_id).first()
    if step is None or step.proposal.author is None or not step.proposal.author.is_active:
        return "nobody to tell"
    author, proposal = step.proposal.author, step.proposal
    with translation.override(author.language):
        context = {
            "person": author, "proposal": proposal, "step": step,
            "link": settings.BASE_URL + reverse("proposals:detail", args=[proposal.pk]),
        }  # fmt: skip
        subject = render_to_string("proposals/email/decision_subject.txt", context)
        body = render_to_string("proposals/email/decision.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[author.email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()  # fmt: skip
    return "sent"
