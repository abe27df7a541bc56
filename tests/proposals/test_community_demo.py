"""The demo hooks of the shadow committee, the small wins and the webhooks: something in
every status (one proposal late), kudos and a featured win, a paused webhook; idempotent."""

from django.utils import timezone

from acculture.people.demo import demo_build as people_demo
from acculture.proposals.demo import demo_build as proposals_demo
from acculture.proposals.models import Proposal
from acculture.webhooks.demo import demo_build as webhooks_demo
from acculture.webhooks.models import Endpoint
from acculture.wins.demo import demo_build as wins_demo
from acculture.wins.models import Kudos, Win


def test_the_demo_fills_each_page_once(db):
    organisation, _accounts = people_demo(size=60, seed=1)
    assert webhooks_demo(organisation) is not None  # first, as `acculture demo` may run it before the others
    assert proposals_demo(organisation) and wins_demo(organisation)
    statuses = set(Proposal.objects.filter(organisation=organisation).values_list("status", flat=True))
    assert statuses == {"submitted", "under_review", "adopted", "declined", "implemented"}
    assert any(p.is_overdue(timezone.localdate()) for p in Proposal.objects.all())
    assert Win.objects.filter(featured_at__isnull=False).count() == 1 and Kudos.objects.count() > 4
    assert Endpoint.objects.get(organisation=organisation).is_active is False
    assert (proposals_demo(organisation), wins_demo(organisation), webhooks_demo(organisation)) == (None,) * 3
    assert Proposal.objects.count() == 5 and Win.objects.count() == 4
