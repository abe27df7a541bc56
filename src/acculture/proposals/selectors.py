"""Reads of the shadow committee: the list every member of staff sees, one proposal with
its story, and the figures for the leadership dashboard."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from acculture.people.models import Organisation, Person
from acculture.proposals.models import Proposal, Support


def proposals_for(organisation: Organisation, *, viewer: Person | None = None, status: str = "") -> QuerySet:
    found = (
        Proposal.objects.filter(organisation=organisation)
        .select_related("author")
        .annotate(support_count=Count("supports"))
        .order_by("-submitted_at", "-pk")
    )
    if viewer is not None:
        found = found.annotate(
            supported=Exists(Support.objects.filter(proposal=OuterRef("pk"), person=viewer))
        )
    if status:
        found = found.filter(status=status)
    return found


def proposal_counts(organisation: Organisation) -> dict[str, int]:
    """How many proposals are in each status, how many wait past their due date, and the
    supports given: whole-organisation figures, no person in them."""
    today = timezone.localdate()
    figures = Proposal.objects.filter(organisation=organisation).aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(status__in=Proposal.WAITING, answer_due_on__lt=today)),
        **{status.value: Count("pk", filter=Q(status=status)) for status in Proposal.Status},
    )
    figures["supports"] = Support.objects.filter(proposal__organisation=organisation).count()
    return figures
