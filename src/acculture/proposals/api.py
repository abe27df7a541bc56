"""The shadow committee over the REST API: the proposals and leadership's answers, which
every member of staff may read (as on the pages)."""

from datetime import date, datetime

from ninja import Field, Router, Schema
from ninja.errors import HttpError

from acculture.api.schemas import Error, Invalid
from acculture.proposals import selectors

router = Router(tags=["proposals"])


class ProposalOut(Schema):
    id: int
    title: str
    status: str = Field(description="submitted, under_review, adopted, declined or implemented.")
    submitted_at: datetime
    answer_due_on: date
    answer: str = Field(description="Leadership's answer; empty until adopted or declined.")
    answered_at: datetime | None
    supporters: int


@router.get(
    "/", response={200: list[ProposalOut], 404: Error, 422: Invalid}, summary="The organisation's proposals"
)
def proposals(request):
    if request.actor.person is None:
        raise HttpError(404, "This account is not linked to a member of staff.")
    organisation = request.actor.organisation
    return [
        ProposalOut(
            id=p.pk,
            title=p.title,
            status=p.status,
            submitted_at=p.submitted_at,
            answer_due_on=p.answer_due_on,
            answer=p.answer,
            answered_at=p.answered_at,
            supporters=p.support_count,
        )
        for p in selectors.proposals_for(organisation)[:500]
    ]
