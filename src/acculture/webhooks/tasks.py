"""The delivery task: one attempt, then — if it failed and may be retried — the next
attempt queued for later (exponential backoff, services.retry_delay)."""

from django.tasks import task

from acculture.webhooks import services
from acculture.webhooks.models import Delivery


@task()
def delivery_send(delivery_id: int) -> str:
    delivery = services.delivery_attempt(delivery_id=delivery_id)
    if delivery is None:
        return "nothing to do"
    # A backend that cannot defer (the immediate one, in some tests) cannot retry later;
    # retrying at once would hammer a failing service, so the delivery stays "retrying"
    # in the log. The database queue (the production backend) always defers.
    if delivery.status == Delivery.Status.RETRYING and delivery_send.get_backend().supports_defer:
        delivery_send.using(run_after=delivery.next_attempt_at).enqueue(delivery_id)
    return delivery.status
