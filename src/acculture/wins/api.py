"""Small wins over the REST API: the organisation's feed, as every member of staff sees it."""

from datetime import datetime

from ninja import Router, Schema
from ninja.errors import HttpError

from acculture.api.schemas import Error, Invalid
from acculture.wins import selectors

router = Router(tags=["wins"])


class WinOut(Schema):
    id: int
    title: str
    before: str
    after: str
    minutes_saved_per_week: int
    competences: list[str]
    kudos: int
    featured: bool
    created_at: datetime


@router.get(
    "/", response={200: list[WinOut], 404: Error, 422: Invalid}, summary="The organisation's small wins"
)
def wins(request, featured: bool = False, competence: str = ""):
    if request.actor.person is None:
        raise HttpError(404, "This account is not linked to a member of staff.")
    feed = selectors.wins_feed(request.actor.organisation, competence=competence, featured=featured)
    return [
        WinOut(
            id=w.pk,
            title=w.title,
            before=w.before,
            after=w.after,
            minutes_saved_per_week=w.minutes_saved_per_week,
            competences=[c.code for c in w.competences.all()],
            kudos=w.kudos_count,
            featured=w.is_featured,
            created_at=w.created_at,
        )
        for w in feed[:200]
    ]
