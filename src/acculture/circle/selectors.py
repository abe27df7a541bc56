"""Reads of the circle, and the one place that says who may read what.

The champions' space is for whoever holds Perm.CIRCLE_CHAMPIONS (champions and the CDO);
everyone else meets "not found" on its categories, threads, messages and images, so not
even a title leaks. A hidden thread is found by moderators only; a hidden message shows
to others as a line saying it was hidden.
"""

import re

from django.db.models import Count, Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from acculture.circle.models import Category, Member, Notification, Post, Reaction, Space, Thread
from acculture.people.models import Person
from acculture.people.policy import ROLE_PERMISSIONS, Actor, Perm

# "@camille.martin" or "@camille": a handle, or the part of an e-mail address before the
# @. Not preceded by a letter, a digit or a dot, so "camille@example.org" mentions nobody.
MENTION = re.compile(r"(?<![\w.@])@([a-z0-9][a-z0-9._-]{0,63})", re.IGNORECASE)
MAX_MENTIONS = 20


def spaces_for(actor: Actor) -> list[str]:
    if actor.can(Perm.CIRCLE_CHAMPIONS):
        return [Space.OPEN, Space.CHAMPIONS]
    return [Space.OPEN]


def is_moderator(actor: Actor) -> bool:
    return actor.can(Perm.CIRCLE_MODERATE)


def categories_for(actor: Actor) -> QuerySet[Category]:
    return Category.objects.filter(organisation=actor.organisation, space__in=spaces_for(actor))


def category_for(actor: Actor, slug: str) -> Category:
    return get_object_or_404(categories_for(actor), slug=slug)


def threads_for(actor: Actor) -> QuerySet[Thread]:
    found = Thread.objects.filter(organisation=actor.organisation, category__space__in=spaces_for(actor))
    if not is_moderator(actor):
        found = found.filter(is_hidden=False)
    return found


def thread_for(actor: Actor, pk: int) -> Thread:
    return get_object_or_404(threads_for(actor).select_related("category", "author"), pk=pk)


def post_for(actor: Actor, pk: int, *, own: bool = False) -> Post:
    """A message the actor can read; with `own`, only one they wrote (anyone else's is
    "not found", as with every other personal object here)."""
    found = Post.objects.filter(thread__in=threads_for(actor)).select_related("thread", "thread__category")
    if own:
        found = found.filter(author=actor.person)
    if not is_moderator(actor):
        found = found.filter(Q(is_hidden=False) | Q(author=actor.person))
    return get_object_or_404(found.defer("image"), pk=pk)


def category_index(actor: Actor) -> list[Category]:
    visible = Q(threads__is_hidden=False) if not is_moderator(actor) else Q()
    return list(
        categories_for(actor).annotate(
            thread_count=Count("threads", filter=visible),
            last_activity=Max("threads__last_activity_at", filter=visible),
        )
    )


def search(actor: Actor, q: str) -> QuerySet[Thread]:
    """Threads whose title or a shown message contains `q`: `icontains` works alike on
    SQLite and PostgreSQL and is quick enough for one organisation's forum."""
    in_posts = Post.objects.filter(body__icontains=q, is_hidden=False).values("thread_id")
    return (
        threads_for(actor)
        .filter(Q(title__icontains=q) | Q(pk__in=in_posts))
        .select_related("category", "author")
        .order_by("-last_activity_at")
    )


def reactions_for(posts: list[Post], person: Person) -> None:
    """Attach `reaction_rows` to each post: every kind with its count and whether the
    person gave it. Two queries for a whole page of messages."""
    ids = [p.pk for p in posts]
    counts: dict[tuple[int, str], int] = {
        (row["post_id"], row["kind"]): row["n"]
        for row in Reaction.objects.filter(post_id__in=ids).values("post_id", "kind").annotate(n=Count("pk"))
    }
    mine = set(Reaction.objects.filter(post_id__in=ids, person=person).values_list("post_id", "kind"))
    for post in posts:
        post.reaction_rows = [
            {
                "kind": kind,
                "label": label,
                "count": counts.get((post.pk, kind), 0),
                "mine": (post.pk, kind) in mine,
            }
            for kind, label in Reaction.Kind.choices
        ]


def unread_count(person: Person) -> int:
    return Notification.objects.filter(person=person, read_at=None).count()


def mentioned_people(*, text: str, author: Person, space: str) -> list[Person]:
    """The people `text` mentions who may read the space, the author left out.

    A handle chosen on the settings page wins; otherwise the part of the e-mail address
    before the @. A word that names two people names nobody (no guessing who was meant).
    """
    tokens = list(dict.fromkeys(m.lower().rstrip("._-") for m in MENTION.findall(text or "")))[:MAX_MENTIONS]
    tokens = [t for t in tokens if t]
    if not tokens:
        return []
    organisation = author.organisation
    people = Person.objects.filter(organisation=organisation, is_active=True).exclude(pk=author.pk)
    found: dict[int, Person] = {}
    by_handle = dict(
        Member.objects.filter(organisation=organisation, handle__in=tokens).values_list("handle", "person_id")
    )
    for person in people.filter(pk__in=by_handle.values()):
        found[person.pk] = person
    rest = [t for t in tokens if t not in by_handle]
    if rest:
        query = Q()
        for token in rest:
            query |= Q(email__istartswith=f"{token}@")
        matches: dict[str, list[Person]] = {}
        for person in people.filter(query):
            matches.setdefault(person.email.split("@")[0].lower(), []).append(person)
        for token in rest:
            if len(matches.get(token, [])) == 1:
                found[matches[token][0].pk] = matches[token][0]
    if space == Space.CHAMPIONS:
        roles = [role for role, perms in ROLE_PERMISSIONS.items() if Perm.CIRCLE_CHAMPIONS in perms]
        allowed = set(
            Person.objects.filter(pk__in=found, role_grants__role__in=roles).values_list("pk", flat=True)
        )
        found = {pk: p for pk, p in found.items() if pk in allowed}
    return list(found.values())
