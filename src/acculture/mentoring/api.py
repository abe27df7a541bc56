"""Reverse mentoring over the REST API: the caller's own pairs and their meetings.
A person only ever reaches pairs they are in, once published."""

from datetime import date as Date

from ninja import Field, Router, Schema
from ninja.errors import HttpError

from acculture.api.schemas import Error, Invalid
from acculture.mentoring.models import Meeting
from acculture.mentoring.selectors import mentoring_for

router = Router(tags=["mentoring"])


class MeetingOut(Schema):
    date: Date
    minutes: int
    topics: str


class PairOut(Schema):
    id: int
    programme: str
    side: str = Field(description="mentor or mentee: the caller's side of the pair.")
    other: str = Field(description="The full name of the other person.")
    status: str = Field(description="published (waiting for answers), active or ended.")
    respond_by: Date | None
    meetings: list[MeetingOut]


@router.get(
    "/pairs", response={200: list[PairOut], 404: Error, 422: Invalid}, summary="The caller's mentoring pairs"
)
def pairs(request):
    person = request.actor.person
    if person is None:
        raise HttpError(404, "This account is not linked to a member of staff.")
    found = mentoring_for(person)["pairs"]
    meetings: dict[int, list[MeetingOut]] = {}
    for meeting in Meeting.objects.filter(pair__in=found):
        meetings.setdefault(meeting.pair_id, []).append(MeetingOut(date=meeting.on, minutes=meeting.minutes,
                                                                   topics=meeting.topics))  # fmt: skip
    out = []
    for pair in found:
        item = PairOut(id=pair.pk, programme=pair.programme.title, side=pair.my_side, other=pair.other.full_name,
                       status=pair.status, respond_by=pair.respond_by, meetings=meetings.get(pair.pk, []))  # fmt: skip
        out.append(item)
    return out
