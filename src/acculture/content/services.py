"""Workflows that change items: moving one through its life cycle."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from acculture.content.models import Item, ItemStatusChange
from acculture.people.models import User

# draft → live → retired, plus the way back to draft to rework a retired item. A live
# item is never sent back to draft: people have answered it, so it is retired instead.
TRANSITIONS: dict[str, frozenset[str]] = {
    Item.Status.DRAFT: frozenset({Item.Status.LIVE, Item.Status.RETIRED}),
    Item.Status.LIVE: frozenset({Item.Status.RETIRED}),
    Item.Status.RETIRED: frozenset({Item.Status.DRAFT}),
}


class ItemStatusError(ValidationError):
    """The move is not allowed; the message says why, in the reader's language."""


def item_status_change(*, item: Item, to: str, by: User | None, note: str = "") -> ItemStatusChange:
    """Move `item` to status `to`, recording who and when. Raises ItemStatusError when
    the move is not allowed (an unknown status, a skipped step, or going live without a
    complete second reading)."""
    with transaction.atomic():
        # Lock the row so two reviewers clicking at once record one move, not two.
        item = Item.objects.select_for_update().get(pk=item.pk)
        if to not in Item.Status.values:
            raise ItemStatusError(_("%(status)s is not a status.") % {"status": to})
        if to not in TRANSITIONS[item.status]:
            raise ItemStatusError(
                _("A %(from)s item cannot become %(to)s.")
                % {"from": Item.Status(item.status).label.lower(), "to": Item.Status(to).label.lower()}
            )
        if to == Item.Status.LIVE and (problem := item.review_problem()):
            raise ItemStatusError(
                _("%(code)s cannot go live. %(problem)s") % {"code": item.code, "problem": problem}
            )
        now = timezone.now()
        change = ItemStatusChange.objects.create(
            item=item, from_status=item.status, to_status=to, by=by, at=now, note=note
        )
        item.status, item.status_changed_by, item.status_changed_at = to, by, now
        item.save(update_fields=["status", "status_changed_by", "status_changed_at", "updated_at"])
    return change
