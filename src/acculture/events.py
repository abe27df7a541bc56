"""Programme events that other parts of Acculture may want to hear about.

An app that does something worth announcing (a small win featured, a proposal adopted,
a new workshop session, a new champion) calls `event_publish`; whoever listens (the chat
webhooks) connects to `event_published`. The signal is sent only once the transaction
that made the change has committed, so a rolled-back change announces nothing, and a
listener's failure can never undo or slow the person's action beyond queuing work.
"""

from django.db import models, transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    WIN_FEATURED = "win.featured", _("A small win is featured")
    PROPOSAL_ADOPTED = "proposal.adopted", _("A proposal is adopted")
    WORKSHOP_SESSION_PUBLISHED = "workshop.session_published", _("A new workshop session is open")
    CHAMPION_ACCEPTED = "champion.accepted", _("A new champion joins the network")


# Sent with: organisation (Organisation), event (Event), title (str, one plain sentence),
# url (str, absolute path of the page to open), data (dict of JSON-serialisable facts).
event_published = Signal()


def event_publish(*, organisation, event: Event, title: str, url: str, data: dict | None = None) -> None:
    """Announce `event` once the current transaction commits (at once outside one)."""
    payload = {
        "organisation": organisation,
        "event": Event(event),
        "title": title,
        "url": url,
        "data": data or {},
    }
    transaction.on_commit(lambda: event_published.send(sender=Event, **payload))
