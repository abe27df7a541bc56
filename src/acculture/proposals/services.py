"""Workflows of the shadow committee. Each runs in one transaction."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.events import Event, event_publish
from acculture.people.models import Person
from acculture.proposals.models import Proposal, ProposalStep, Support

# A champion carries a few well-made proposals, not a flood: at most this many a day.
PROPOSALS_PER_DAY = 3


class ProposalRefused(Exception):
    """A change that cannot be made; the message says why, in words for the person."""


def _lock_author(person: Person) -> None:
    # Locking the author's row serialises two posts sent at once by the same person, so
    # the daily limit below cannot be passed by a double click or parallel requests.
    Person.objects.select_for_update().filter(pk=person.pk).first()


@transaction.atomic
def proposal_submit(*, author: Person, title: str, problem: str, proposal: str) -> Proposal:
    """A champion submits a proposal; leadership owes an answer within
    ACCULTURE_PROPOSAL_ANSWER_DAYS days."""
    _lock_author(author)
    now = timezone.now()
    if (
        Proposal.objects.filter(author=author, submitted_at__gte=now - timedelta(days=1)).count()
        >= PROPOSALS_PER_DAY
    ):
        raise ProposalRefused(
            _(
                "You have sent %(n)d proposals in the last 24 hours. Please wait until tomorrow to send another."
            )
            % {"n": PROPOSALS_PER_DAY}
        )
    found = Proposal.objects.create(
        organisation=author.organisation, author=author, title=title, problem=problem, proposal=proposal,
        submitted_at=now,
        answer_due_on=timezone.localdate(now) + timedelta(days=settings.PROPOSAL_ANSWER_DAYS),
    )  # fmt: skip
    ProposalStep.objects.create(proposal=found, status=Proposal.Status.SUBMITTED, by=author, at=now)
    return found


@transaction.atomic
def proposal_edit(*, proposal: Proposal, editor: Person, title: str, problem: str, text: str) -> Proposal:
    """Its author may reword a proposal until leadership starts looking at it."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.author_id != editor.pk:
        raise ProposalRefused(_("Only the person who wrote this proposal can change it."))
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ProposalRefused(
            _("Leadership is already looking at this proposal: it can no longer be changed.")
        )
    proposal.title, proposal.problem, proposal.proposal = title, problem, text
    proposal.save(update_fields=["title", "problem", "proposal", "updated_at"])
    return proposal


@transaction.atomic
def proposal_move(*, proposal: Proposal, by: Person, status: str, note: str = "") -> Proposal:
    """Leadership moves a proposal on: under review, adopted or declined (with an answer
    in words), then implemented. Sending the same move twice changes nothing the second
    time; a move the current status does not allow is refused."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    target = Proposal.Status(status)
    if proposal.status == target:
        return proposal  # a repeated click or a replayed form
    if target not in proposal.next_statuses():
        raise ProposalRefused(
            _("A proposal that is “%(now)s” cannot become “%(next)s”.")
            % {"now": proposal.get_status_display(), "next": target.label}
        )
    note = note.strip()
    if target in Proposal.ANSWERS and not note:
        raise ProposalRefused(_("Write leadership's answer: say why, and what happens next."))
    now = timezone.now()
    proposal.status = target
    fields = ["status", "updated_at"]
    if target in Proposal.ANSWERS:
        proposal.answer, proposal.answered_at = note, now
        fields += ["answer", "answered_at"]
    proposal.save(update_fields=fields)
    step = ProposalStep.objects.create(proposal=proposal, status=target, by=by, at=now, note=note)
    if proposal.author_id is not None:
        from acculture.proposals.tasks import proposal_author_notify

        transaction.on_commit(lambda: proposal_author_notify.enqueue(step.pk))
    if target == Proposal.Status.ADOPTED:
        event_publish(
            organisation=proposal.organisation,
            event=Event.PROPOSAL_ADOPTED,
            title=_("Leadership adopted the proposal “%(title)s”.") % {"title": proposal.title},
            url=reverse("proposals:detail", args=[proposal.pk]),
            data={"proposal": proposal.pk, "title": proposal.title, "answer": note,
                  "supporters": proposal.supports.count()},
        )  # fmt: skip
    return proposal


@transaction.atomic
def support_give(*, proposal: Proposal, person: Person) -> bool:
    """A colleague supports a proposal, once. Returns whether this call added support."""
    if proposal.author_id == person.pk:
        raise ProposalRefused(_("You wrote this proposal: your support is already counted."))
    if proposal.organisation_id != person.organisation_id:
        raise ProposalRefused(_("This proposal is not from your organisation."))
    if not proposal.is_waiting():
        raise ProposalRefused(_("Leadership has answered this proposal: support is closed."))
    try:
        # A savepoint: two clicks at once meet the unique constraint, and the loser
        # simply finds the support already there.
        with transaction.atomic():
            Support.objects.create(proposal=proposal, person=person)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def support_withdraw(*, proposal: Proposal, person: Person) -> bool:
    deleted, _rows = Support.objects.filter(proposal=proposal, person=person).delete()
    return bool(deleted)


def proposal_claim_reminder(*, proposal_id: int, due_before, now) -> Proposal | None:
    """Claim the reminder of one proposal with a conditional UPDATE, so that two workers
    or a task run twice never send it twice. Call inside the transaction that sends."""
    claimed = (
        Proposal.objects.filter(pk=proposal_id, status__in=Proposal.WAITING)
        .exclude(reminded_at__gt=due_before)
        .update(reminded_at=now)
    )
    return Proposal.objects.select_related("organisation").get(pk=proposal_id) if claimed else None
