"""The shadow committee's workflow: submission with a due date, leadership's moves with
who, when and the answer, one event on adoption, support once per colleague, and the
abuse rules (rate limit, only the author edits)."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from acculture.events import Event, event_published
from acculture.proposals import services
from acculture.proposals.models import Proposal, ProposalStep, Support
from acculture.proposals.selectors import proposal_counts


@pytest.fixture
def heard():
    """The events published during the test."""
    found = []

    def listener(sender, **kwargs):
        found.append(kwargs)

    event_published.connect(listener, dispatch_uid="test-heard")
    yield found
    event_published.disconnect(dispatch_uid="test-heard")


def submit(cast, title="Sign leave requests online"):
    return services.proposal_submit(author=cast.champion, title=title, problem="Paper.", proposal="Online.")


@override_settings(PROPOSAL_ANSWER_DAYS=10)
def test_a_submitted_proposal_is_due_for_an_answer_after_the_configured_delay(cast):
    proposal = submit(cast)
    assert proposal.status == "submitted"
    assert proposal.answer_due_on == timezone.localdate() + timedelta(days=10)
    step = proposal.steps.get()
    assert (step.status, step.by) == ("submitted", cast.champion)


def test_leadership_moves_a_proposal_to_adopted_then_implemented_and_each_step_is_recorded(
    cast, heard, django_capture_on_commit_callbacks
):
    proposal = submit(cast)
    services.proposal_move(proposal=proposal, by=cast.cdo, status="under_review")
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.proposal_move(proposal=proposal, by=cast.cdo, status="adopted",
                                          note="Yes: from next month.")  # fmt: skip
    assert (proposal.status, proposal.answer) == ("adopted", "Yes: from next month.")
    assert proposal.answered_at is not None
    services.proposal_move(proposal=proposal, by=cast.cdo, status="implemented", note="Done.")
    steps = list(ProposalStep.objects.filter(proposal=proposal).values_list("status", "by", "note"))
    assert steps == [
        ("submitted", cast.champion.pk, ""), ("under_review", cast.cdo.pk, ""),
        ("adopted", cast.cdo.pk, "Yes: from next month."), ("implemented", cast.cdo.pk, "Done."),
    ]  # fmt: skip
    assert len(heard) == 1 and heard[0]["event"] == Event.PROPOSAL_ADOPTED
    assert heard[0]["organisation"] == cast.org and heard[0]["url"] == f"/proposals/{proposal.pk}/"


def test_an_answer_needs_words_and_a_move_the_workflow_does_not_allow_is_refused(cast):
    proposal = submit(cast)
    with pytest.raises(services.ProposalRefused, match="Write leadership's answer"):
        services.proposal_move(proposal=proposal, by=cast.cdo, status="adopted", note="  ")
    with pytest.raises(services.ProposalRefused, match="cannot become"):
        services.proposal_move(proposal=proposal, by=cast.cdo, status="implemented")
    services.proposal_move(proposal=proposal, by=cast.cdo, status="declined", note="Not this year.")
    with pytest.raises(services.ProposalRefused, match="cannot become"):
        services.proposal_move(proposal=proposal, by=cast.cdo, status="adopted", note="Changed my mind")
    proposal.refresh_from_db()
    assert proposal.status == "declined" and proposal.steps.count() == 2


def test_the_same_decision_sent_twice_is_recorded_and_announced_once(
    cast, heard, django_capture_on_commit_callbacks
):
    proposal = submit(cast)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            services.proposal_move(proposal=proposal, by=cast.cdo, status="adopted", note="Yes.")
    assert proposal.steps.filter(status="adopted").count() == 1 and len(heard) == 1


def test_a_colleague_supports_once_however_often_they_click_but_not_their_own_proposal(cast):
    proposal = submit(cast)
    assert services.support_give(proposal=proposal, person=cast.employee) is True
    assert services.support_give(proposal=proposal, person=cast.employee) is False
    assert Support.objects.filter(proposal=proposal).count() == 1
    with pytest.raises(services.ProposalRefused, match="You wrote this proposal"):
        services.support_give(proposal=proposal, person=cast.champion)
    assert services.support_withdraw(proposal=proposal, person=cast.employee) is True
    assert not Support.objects.exists()


def test_support_closes_once_leadership_has_answered(cast):
    proposal = submit(cast)
    services.proposal_move(proposal=proposal, by=cast.cdo, status="declined", note="No budget.")
    with pytest.raises(services.ProposalRefused, match="support is closed"):
        services.support_give(proposal=Proposal.objects.get(pk=proposal.pk), person=cast.employee)


def test_a_champion_cannot_flood_leadership_with_proposals(cast):
    for i in range(services.PROPOSALS_PER_DAY):
        submit(cast, title=f"Idea {i}")
    with pytest.raises(services.ProposalRefused, match="wait until tomorrow"):
        submit(cast, title="One too many")
    assert Proposal.objects.count() == services.PROPOSALS_PER_DAY


def test_only_the_author_may_change_a_proposal_and_only_before_review(cast):
    proposal = submit(cast)
    with pytest.raises(services.ProposalRefused, match="Only the person who wrote"):
        services.proposal_edit(
            proposal=proposal, editor=cast.employee, title="Hijacked", problem="x", text="y"
        )
    services.proposal_edit(
        proposal=proposal, editor=cast.champion, title="Better title", problem="P", text="Q"
    )
    services.proposal_move(proposal=proposal, by=cast.cdo, status="under_review")
    with pytest.raises(services.ProposalRefused, match="no longer be changed"):
        services.proposal_edit(
            proposal=proposal, editor=cast.champion, title="Too late", problem="x", text="y"
        )
    proposal.refresh_from_db()
    assert proposal.title == "Better title"


def test_the_counts_for_the_dashboard_hold_statuses_late_answers_and_supports(cast):
    late = submit(cast, title="Late")
    Proposal.objects.filter(pk=late.pk).update(answer_due_on=timezone.localdate() - timedelta(days=1))
    adopted = submit(cast, title="Adopted")
    services.proposal_move(proposal=adopted, by=cast.cdo, status="adopted", note="Yes.")
    services.support_give(proposal=late, person=cast.employee)
    counts = proposal_counts(cast.org)
    assert (counts["total"], counts["submitted"], counts["adopted"], counts["overdue"]) == (2, 1, 1, 1)
    assert counts["supports"] == 1
    assert proposal_counts(cast.other_org)["total"] == 0
