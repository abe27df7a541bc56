"""Learning time over the REST API: the caller's own entries and balance, and declaring
time. The same services as the pages; a person only ever reaches their own time."""

# Aliased: a schema field named `date` of type `date` would shadow the type in the class.
from datetime import date as Date
from typing import Literal

from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StrictStr, field_validator

from acculture.api.schemas import Error, Invalid
from acculture.learning import selectors, services
from acculture.learning.forms import MAX_MINUTES
from acculture.learning.models import TimeEntry
from acculture.people.models import Person

router = Router(tags=["learning"])


class EntryOut(Schema):
    id: int
    date: Date
    minutes: int
    source: str = Field(description="assessment, workshop, mentoring, tutorial or declared.")
    description: str
    status: str = Field(description="approved (counted), pending (waiting for the manager) or rejected.")


class DeclareIn(Schema):
    date: Date = Field(description="Today or a day in the past, as YYYY-MM-DD.")
    minutes: int = Field(ge=1, le=MAX_MINUTES)
    description: StrictStr = Field(min_length=1, max_length=300)
    source: Literal["declared", "tutorial"] = Field("declared", description="What a person can declare.")

    @field_validator("date", mode="before")
    @classmethod
    def date_is_text(cls, value):
        # Pydantic would read a number as a Unix timestamp; the document says YYYY-MM-DD.
        if not isinstance(value, str):
            raise ValueError("Give the date as YYYY-MM-DD.")
        return value

    @field_validator("minutes", mode="before")
    @classmethod
    def minutes_is_a_number(cls, value):
        # JSON's true is not an integer, though Python's True is one.
        if isinstance(value, bool):
            raise ValueError("Give the minutes as a number.")
        return value


class FiguresOut(Schema):
    given: int
    used: int
    remaining: int


class BalanceOut(Schema):
    month: FiguresOut
    year: FiguresOut
    pending: int = Field(description="Declared minutes waiting for the manager.")


def _person(request) -> Person:
    person = request.actor.person
    if person is None:
        raise HttpError(404, "This account is not linked to a member of staff.")
    return person


def _entry_out(entry: TimeEntry) -> EntryOut:
    return EntryOut(
        id=entry.pk, date=entry.date, minutes=entry.minutes, source=entry.source,
        description=entry.description, status=entry.status,
    )  # fmt: skip


def _figures(figures: selectors.Figures) -> FiguresOut:
    return FiguresOut(given=figures.given, used=figures.used, remaining=figures.remaining)


@router.get(
    "/entries", response={200: list[EntryOut], 404: Error, 422: Invalid}, summary="The caller's learning time"
)
def entries(request):
    return [_entry_out(e) for e in selectors.entries_for(_person(request))]


@router.post(
    "/entries",
    response={201: EntryOut, 400: Error, 404: Error, 409: Error, 422: Invalid},
    summary="Declare time spent learning",
)
def declare(request, payload: DeclareIn):
    """201 with the entry: `pending` when it waits for the manager, else `approved`.
    409 when the date is after today: the body is well formed, but it conflicts with the
    calendar (a 400 or 422 would say the request itself is malformed). 400 for a body
    that is not JSON."""
    person = _person(request)
    try:
        entry = services.time_entry_declare(
            person=person, minutes=payload.minutes, on=payload.date, description=payload.description,
            source=payload.source,
        )  # fmt: skip
    except services.LearningRefused as refusal:
        return Status(409, {"detail": str(refusal)})
    return Status(201, _entry_out(entry))


@router.get(
    "/balance",
    response={200: BalanceOut, 404: Error, 422: Invalid},
    summary="Time given, used and left, this month and this year",
)
def balance(request):
    found = selectors.balance_for(_person(request))
    return BalanceOut(month=_figures(found.month), year=_figures(found.year), pending=found.pending)
