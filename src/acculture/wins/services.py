"""Workflows of the small wins. Each runs in one transaction."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.events import Event, event_publish
from acculture.frameworks.models import Competence
from acculture.people.models import Person, User
from acculture.wins.images import MAX_IMAGE_BYTES, image_type
from acculture.wins.models import Kudos, Win, WinImage

# Enough for a busy, proud day; a script or a stuck button meets the limit quickly.
WINS_PER_DAY = 5


class WinRefused(Exception):
    """A change that cannot be made; the message says why, in words for the person."""


def _checked_image(data: bytes) -> str:
    if len(data) > MAX_IMAGE_BYTES:
        raise WinRefused(_("The picture is too big: choose one under 2 MB."))
    content_type = image_type(data[:16])
    if content_type is None:
        raise WinRefused(_("The picture must be a PNG, JPEG, GIF or WebP image."))
    return content_type


def _set_image(win: Win, data: bytes | None) -> None:
    if data is None:
        return
    content_type = _checked_image(data)
    WinImage.objects.update_or_create(
        win=win, defaults={"data": data, "content_type": content_type, "size": len(data)}
    )


@transaction.atomic
def win_post(
    *,
    author: Person,
    title: str,
    before: str,
    after: str,
    minutes_saved_per_week: int = 0,
    competences: list[Competence] | tuple = (),
    image: bytes | None = None,
) -> Win:
    """Post a small win. At most WINS_PER_DAY a day per person; a bad picture refuses the
    whole post, so nothing half-written stays."""
    # Locking the author's row serialises a person's parallel posts, so a double click
    # or a script cannot pass the daily limit.
    Person.objects.select_for_update().filter(pk=author.pk).first()
    now = timezone.now()
    if Win.objects.filter(author=author, created_at__gte=now - timedelta(days=1)).count() >= WINS_PER_DAY:
        raise WinRefused(
            _(
                "You have posted %(n)d small wins in the last 24 hours. Please wait a little before the next one."
            )
            % {"n": WINS_PER_DAY}
        )
    if image is not None:
        _checked_image(image)  # before anything is written
    win = Win.objects.create(
        organisation=author.organisation, author=author, unit=author.unit, site=author.site, title=title,
        before=before, after=after, minutes_saved_per_week=minutes_saved_per_week, created_at=now,
    )  # fmt: skip
    win.competences.set(competences)
    _set_image(win, image)
    return win


@transaction.atomic
def win_edit(
    *,
    win: Win,
    editor: Person,
    title: str,
    before: str,
    after: str,
    minutes_saved_per_week: int,
    competences,
    image: bytes | None = None,
    remove_image: bool = False,
) -> Win:
    """Only its author may change a win."""
    win = Win.objects.select_for_update().get(pk=win.pk)
    if win.author_id != editor.pk:
        raise WinRefused(_("Only the person who posted this small win can change it."))
    if image is not None:
        _checked_image(image)
    win.title, win.before, win.after = title, before, after
    win.minutes_saved_per_week = minutes_saved_per_week
    win.save(update_fields=["title", "before", "after", "minutes_saved_per_week", "updated_at"])
    win.competences.set(competences)
    if remove_image:
        WinImage.objects.filter(win=win).delete()
    _set_image(win, image)
    return win


@transaction.atomic
def kudos_give(*, win: Win, person: Person) -> bool:
    """A colleague gives kudos, once. Returns whether this call added them."""
    if win.author_id == person.pk:
        raise WinRefused(_("This is your own small win: kudos come from colleagues."))
    if win.organisation_id != person.organisation_id:
        raise WinRefused(_("This small win is not from your organisation."))
    try:
        with transaction.atomic():  # a savepoint: the loser of a race finds the kudos there
            Kudos.objects.create(win=win, person=person)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def kudos_withdraw(*, win: Win, person: Person) -> bool:
    deleted, _rows = Kudos.objects.filter(win=win, person=person).delete()
    return bool(deleted)


@transaction.atomic
def win_feature(*, win: Win, by: User, featured: bool = True) -> bool:
    """The CDO features a win (announced once, to the chat webhooks) or stops featuring
    it. Returns whether anything changed: featuring twice announces nothing new."""
    if featured:
        # A conditional UPDATE: of two clicks at once, only one finds the win unfeatured.
        changed = Win.objects.filter(pk=win.pk, featured_at__isnull=True).update(
            featured_at=timezone.now(), featured_by=by
        )
        if changed:
            event_publish(
                organisation=win.organisation,
                event=Event.WIN_FEATURED,
                title=_("A small win is featured: “%(title)s”.") % {"title": win.title},
                url=reverse("wins:detail", args=[win.pk]),
                data={"win": win.pk, "title": win.title, "minutes_saved_per_week": win.minutes_saved_per_week},
            )  # fmt: skip
    else:
        changed = Win.objects.filter(pk=win.pk, featured_at__isnull=False).update(
            featured_at=None, featured_by=None
        )
    return bool(changed)
