"""A demo webhook, paused, pointing at a reserved address that reaches nobody
(example.org is kept for documentation, RFC 2606), so the CDO sees the page filled in."""

from acculture.events import Event
from acculture.people.models import Organisation
from acculture.webhooks.models import Endpoint


def demo_build(organisation: Organisation, *, seed: int = 0) -> str | None:
    if Endpoint.objects.filter(organisation=organisation).exists():
        return None
    Endpoint.objects.create(
        organisation=organisation, name="Canal des champions (démo)", format=Endpoint.Format.TEAMS,
        url="https://example.org/webhook/demo", events=[Event.WIN_FEATURED.value, Event.PROPOSAL_ADOPTED.value],
        is_active=False,
    )  # fmt: skip
    return "Chat webhooks: one paused demo endpoint."
