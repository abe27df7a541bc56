"""Workflows of the circle. Each runs in one transaction.

Posting locks the author's row first: the rate limit counts and the duplicate check then
see every earlier message of that person, so two quick clicks or two tabs cannot both
slip under the limit, and a double-submitted reply is stored once.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from acculture.circle.models import Category, Member, ModerationAction, Notification, Post, Reaction, Thread
from acculture.circle.selectors import mentioned_people
from acculture.circle.tasks import notification_email
from acculture.people.models import Person, User

# The same message from the same person in the same thread within this time is one
# message sent twice (a double click, a resent form), not two.
DUPLICATE_WINDOW = timedelta(seconds=60)
HANDLE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,29}$")


class CircleRefused(Exception):
    """A change that cannot be made; the message says why, in words for the person."""


class RateLimited(CircleRefused):
    pass


@dataclass(frozen=True)
class Image:
    data: bytes
    content_type: str
    alt: str


def _check_rate(author: Person) -> None:
    now = timezone.now()
    recent = Post.objects.filter(author=author, created_at__gte=now - timedelta(hours=1)).values_list(
        "created_at", flat=True
    )
    times = list(recent)
    last_minute = sum(1 for t in times if t >= now - timedelta(minutes=1))
    if last_minute >= settings.CIRCLE_POSTS_PER_MINUTE:
        raise RateLimited(
            ngettext(
                "You have sent %(n)s message in the last minute. Wait a minute, then send it again: your text is kept.",
                "You have sent %(n)s messages in the last minute. Wait a minute, then send it again: your text is kept.",
                last_minute,
            )
            % {"n": last_minute}
        )
    if len(times) >= settings.CIRCLE_POSTS_PER_HOUR:
        raise RateLimited(
            _(
                "You have sent %(n)s messages in the last hour, the most allowed. Try again later: your text is kept."
            )
            % {"n": len(times)}
        )


def _lock_author(author: Person) -> Person:
    return Person.objects.select_for_update().get(pk=author.pk)


def _notify(post: Post, space: str, *, reply_to: Person | None = None) -> list[Notification]:
    """Notify the people the message mentions, and the thread's author of a reply; one
    notification per person and message (the constraint), mail by a background task."""
    wanted: dict[int, str] = {}
    if reply_to is not None and reply_to.pk != post.author_id and reply_to.is_active:
        wanted[reply_to.pk] = Notification.Kind.REPLY
    for person in mentioned_people(text=post.body, author=post.author, space=space):
        wanted[person.pk] = Notification.Kind.MENTION  # a mention says more than "a reply"
    already = set(
        Notification.objects.filter(post=post, person_id__in=wanted).values_list("person_id", flat=True)
    )
    created = Notification.objects.bulk_create(
        [
            Notification(person_id=pk, post=post, kind=kind)
            for pk, kind in wanted.items()
            if pk not in already
        ],
        ignore_conflicts=True,
    )
    ids = list(
        Notification.objects.filter(post=post, person_id__in=[n.person_id for n in created]).values_list(
            "pk", flat=True
        )
    )
    transaction.on_commit(lambda: [notification_email.enqueue(pk) for pk in ids])
    return created


def _store_image(post: Post, image: Image | None) -> None:
    if image is not None:
        post.image, post.image_type, post.image_alt = image.data, image.content_type, image.alt.strip()


@transaction.atomic
def thread_create(
    *, category: Category, author: Person, title: str, body: str, image: Image | None = None
) -> Thread:
    """Open a thread with its first message (the caller checked the actor may write in
    the category's space)."""
    author = _lock_author(author)
    if category.organisation_id != author.organisation_id:
        raise CircleRefused(_("This category is not in your organisation."))
    _check_rate(author)
    now = timezone.now()
    thread = Thread.objects.create(
        organisation=category.organisation, category=category, author=author, title=title.strip(),
        created_at=now, last_activity_at=now,
    )  # fmt: skip
    post = Post(thread=thread, author=author, body=body, created_at=now, is_first=True)
    _store_image(post, image)
    post.save()
    _notify(post, category.space)
    return thread


@transaction.atomic
def post_reply(*, thread: Thread, author: Person, body: str, image: Image | None = None) -> Post:
    author = _lock_author(author)
    thread = Thread.objects.select_related("category", "author").get(pk=thread.pk)
    if thread.is_locked:
        raise CircleRefused(_("This thread is locked: nobody can reply any more."))
    if thread.is_hidden:
        raise CircleRefused(_("This thread was hidden by a moderator."))
    now = timezone.now()
    last = Post.objects.filter(thread=thread, author=author).order_by("-created_at").first()
    if last is not None and last.body == body and now - last.created_at < DUPLICATE_WINDOW:
        return last
    _check_rate(author)
    post = Post(thread=thread, author=author, body=body, created_at=now)
    _store_image(post, image)
    post.save()
    Thread.objects.filter(pk=thread.pk).update(replies=F("replies") + 1, last_activity_at=now)
    _notify(post, thread.category.space, reply_to=thread.author)
    return post


@transaction.atomic
def post_edit(*, post: Post, editor: Person, body: str, title: str | None = None) -> Post:
    """Change one's own message (and, for the first one, the thread's title). Whoever is
    newly mentioned is notified; nobody is notified twice for one message."""
    post = Post.objects.select_for_update().select_related("thread", "thread__category").get(pk=post.pk)
    if post.author_id != editor.pk:
        raise CircleRefused(_("You can only change your own messages."))
    if post.thread.is_locked:
        raise CircleRefused(_("This thread is locked: its messages cannot be changed any more."))
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at"])
    if post.is_first and title:
        Thread.objects.filter(pk=post.thread_id).update(title=title.strip())
    _notify(post, post.thread.category.space)
    return post


def reaction_toggle(*, post: Post, person: Person, kind: str) -> bool:
    """Give or take back a reaction; returns whether it is now given."""
    if kind not in Reaction.Kind.values:
        raise CircleRefused(_("Choose one of the reactions shown."))
    with transaction.atomic():
        deleted, _rows = Reaction.objects.filter(post=post, person=person, kind=kind).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(post=post, person=person, kind=kind)
        except IntegrityError:  # the same click, twice at once: it is given once
            pass
    return True


THREAD_ACTIONS = {
    ModerationAction.Action.HIDE: ("is_hidden", True),
    ModerationAction.Action.SHOW: ("is_hidden", False),
    ModerationAction.Action.LOCK: ("is_locked", True),
    ModerationAction.Action.UNLOCK: ("is_locked", False),
    ModerationAction.Action.PIN: ("is_pinned", True),
    ModerationAction.Action.UNPIN: ("is_pinned", False),
}


@transaction.atomic
def thread_moderate(*, thread: Thread, action: str, moderator: User, reason: str = "") -> bool:
    """Hide, lock or pin a thread (or undo it), recorded with who and when. Returns
    False when the thread already was in that state (nothing is recorded twice)."""
    field, value = THREAD_ACTIONS[ModerationAction.Action(action)]
    changed = Thread.objects.filter(pk=thread.pk).exclude(**{field: value}).update(**{field: value})
    if changed:
        ModerationAction.objects.create(
            organisation_id=thread.organisation_id, thread=thread, action=action, moderator=moderator,
            reason=reason.strip()[:300],
        )  # fmt: skip
    return bool(changed)


@transaction.atomic
def post_moderate(*, post: Post, hide: bool, moderator: User, reason: str = "") -> bool:
    """Hide one message (or show it again), recorded with who and when."""
    changed = Post.objects.filter(pk=post.pk).exclude(is_hidden=hide).update(is_hidden=hide)
    if changed:
        ModerationAction.objects.create(
            organisation_id=post.thread.organisation_id, thread_id=post.thread_id, post=post,
            action=ModerationAction.Action.HIDE if hide else ModerationAction.Action.SHOW,
            moderator=moderator, reason=reason.strip()[:300],
        )  # fmt: skip
    return bool(changed)


@transaction.atomic
def member_update(*, person: Person, handle: str, email_notifications: bool) -> Member:
    handle = handle.strip().lstrip("@").lower()
    if handle and not HANDLE.match(handle):
        raise CircleRefused(
            _("Use 2 to 30 lower-case letters, digits, dots, dashes or underscores, for example camille.m.")
        )
    member, _created = Member.objects.select_for_update().get_or_create(
        person=person, defaults={"organisation": person.organisation}
    )
    member.handle, member.email_notifications = handle, email_notifications
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise CircleRefused(
            _("Someone already uses the handle @%(h)s. Choose another one.") % {"h": handle}
        ) from None
    return member


@transaction.atomic
def notifications_mark_read(*, person: Person, notification_ids: list[int] | None = None) -> int:
    found = Notification.objects.filter(person=person, read_at=None)
    if notification_ids is not None:
        found = found.filter(pk__in=notification_ids)
    return found.update(read_at=timezone.now())
