"""The circle over the REST API, read only: the categories the caller may read, threads
(with search), and the caller's notifications. Writing stays on the pages, where the
rate limits, previews and image checks live."""

from datetime import datetime

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from acculture.api.schemas import Error, Invalid
from acculture.circle import selectors
from acculture.circle.models import Notification

router = Router(tags=["circle"])


class CategoryOut(Schema):
    slug: str
    name: str
    space: str = Field(description="open or champions.")
    description: str


class ThreadOut(Schema):
    id: int
    category: str
    title: str
    author: str
    replies: int
    last_activity_at: datetime
    is_pinned: bool
    is_locked: bool


class ThreadFilters(Schema):
    category: str = Field("", max_length=60, description="A category slug.")
    q: str = Field("", max_length=100, description="Words in the title or a message (2 letters or more).")


class NotificationOut(Schema):
    id: int
    kind: str = Field(description="mention or reply.")
    thread: int
    post: int
    by: str
    created_at: datetime
    read: bool


def _staff(request):
    if request.actor.person is None:
        raise HttpError(404, "This account is not linked to a member of staff.")
    return request.actor


@router.get(
    "/categories", response={200: list[CategoryOut], 404: Error, 422: Invalid}, summary="Circle categories"
)
def categories(request):
    actor = _staff(request)
    return [
        CategoryOut(slug=c.slug, name=c.name, space=c.space, description=c.description)
        for c in selectors.categories_for(actor)
    ]


@router.get(
    "/threads", response={200: list[ThreadOut], 404: Error, 422: Invalid}, summary="Threads, newest first"
)
def threads(request, filters: Query[ThreadFilters]):
    actor = _staff(request)
    q = filters.q.strip()
    found = (
        selectors.search(actor, q)
        if len(q) >= 2
        else selectors.threads_for(actor).select_related("category", "author")
    )
    if filters.category:
        found = found.filter(category__slug=filters.category)
    return [
        ThreadOut(
            id=t.pk,
            category=t.category.slug,
            title=t.title,
            author=t.author.full_name,
            replies=t.replies,
            last_activity_at=t.last_activity_at,
            is_pinned=t.is_pinned,
            is_locked=t.is_locked,
        )
        for t in found[:100]
    ]


@router.get(
    "/notifications",
    response={200: list[NotificationOut], 404: Error, 422: Invalid},
    summary="My notifications",
)
def notifications(request):
    actor = _staff(request)
    found = (
        Notification.objects.filter(person=actor.person, post__thread__in=selectors.threads_for(actor))
        .select_related("post__author")
        .defer("post__image")[:100]
    )
    return [
        NotificationOut(
            id=n.pk,
            kind=n.kind,
            thread=n.post.thread_id,
            post=n.post_id,
            by=n.post.author.full_name,
            created_at=n.created_at,
            read=n.read_at is not None,
        )
        for n in found
    ]
