"""Workflows of the chat webhooks: configuring endpoints, queuing deliveries, and one
attempt at a delivery. The person whose action caused an event never waits for a chat
service: the receiver of `event_published` only writes the deliveries and queues a task
each; the worker sends them, retrying with exponential backoff."""

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from acculture.events import Event
from acculture.people.models import Organisation, User
from acculture.people.services import audit_record
from acculture.webhooks import formats, network
from acculture.webhooks.models import Attempt, Delivery, Endpoint

log = logging.getLogger(__name__)

TEST_EVENT = "test"
# 8 attempts, 1, 2, 4 … 64 minutes apart: a chat service down for two hours still gets
# the message; after that it is given up and the log says so.
MAX_ATTEMPTS = 8
FIRST_RETRY_SECONDS = 60
# Longer than a send can take (network.TIMEOUT_SECONDS, plus the name look-up).
CLAIM_SECONDS = 60
# Statuses that say "this request will never work": retrying only adds noise.
PERMANENT = {400, 401, 403, 404, 405, 410, 413, 422}


def retry_delay(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failure: 1, 2, 4 … minutes, plus up to 10 % jitter so
    that the deliveries of one outage do not all come back at the same second."""
    seconds = FIRST_RETRY_SECONDS * 2 ** (attempts - 1)
    return timedelta(seconds=seconds * (1 + random.random() / 10))


@transaction.atomic
def endpoint_save(
    *, organisation: Organisation, by: User, name: str, url: str, format: str, events: list[str],
    is_active: bool = True, endpoint: Endpoint | None = None,
) -> Endpoint:  # fmt: skip
    """Create an endpoint, or change `endpoint`."""
    if endpoint is None:
        endpoint = Endpoint(organisation=organisation, created_by=by)
    elif endpoint.organisation_id != organisation.pk:
        raise Endpoint.DoesNotExist
    endpoint.name, endpoint.url, endpoint.format = name, url, format
    endpoint.events, endpoint.is_active = sorted(Event(e).value for e in events), is_active
    endpoint.save()
    audit_record(actor=by, organisation=organisation, action="webhooks.endpoint_saved",
                 subject=f"webhook:{endpoint.pk}", format=format, events=endpoint.events)  # fmt: skip
    return endpoint


@transaction.atomic
def endpoint_delete(*, endpoint: Endpoint, by: User) -> None:
    audit_record(actor=by, organisation=endpoint.organisation, action="webhooks.endpoint_deleted",
                 subject=f"webhook:{endpoint.pk}", name=endpoint.name)  # fmt: skip
    endpoint.delete()


def _queue(deliveries: list[Delivery]) -> None:
    from acculture.webhooks.tasks import delivery_send

    for delivery in deliveries:
        delivery_send.enqueue(delivery.pk)


def deliveries_create(
    *, organisation: Organisation, event: str, title: str, url: str, data: dict
) -> list[Delivery]:
    """One delivery per active endpoint of the organisation that listens to `event`,
    each queued for the worker. Nothing is sent here."""
    endpoints = [
        e for e in Endpoint.objects.filter(organisation=organisation, is_active=True) if event in e.events
    ]
    if not endpoints:
        return []
    with transaction.atomic():
        deliveries = [
            Delivery.objects.create(
                endpoint=e,
                event=event,
                title=title[:300],
                url=url[:500],
                data=data,
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
            for e in endpoints
        ]
        transaction.on_commit(lambda: _queue(deliveries))
    return deliveries


def delivery_test(*, endpoint: Endpoint) -> Delivery:
    """The "send a test message" button: a delivery like any other, queued at once."""
    with transaction.atomic():
        delivery = Delivery.objects.create(
            endpoint=endpoint, event=TEST_EVENT,
            title=_("Test message from Acculture: this channel will receive the events you chose."),
            url="/", language=translation.get_language() or settings.LANGUAGE_CODE,
        )  # fmt: skip
        transaction.on_commit(lambda: _queue([delivery]))
    return delivery


def on_event_published(sender, *, organisation, event, title, url, data, **kwargs) -> None:
    """Receiver of acculture.events.event_published. Runs after the person's change has
    committed; it must never fail their request, so any error is logged and swallowed."""
    try:
        deliveries_create(organisation=organisation, event=str(event), title=title, url=url, data=data)
    except Exception:
        log.exception("Could not queue the webhooks of %s for organisation %s", event, organisation.pk)


def _claim(delivery_id: int, now) -> Delivery | None:
    """Claim a delivery for one attempt with a conditional UPDATE: two workers (or a task
    run twice) never send the same attempt twice."""
    claimed = (
        Delivery.objects.filter(
            pk=delivery_id, status__in=[Delivery.Status.PENDING, Delivery.Status.RETRYING]
        )
        .exclude(claimed_until__gt=now)
        # A duplicate task (re-queued by `requeue-webhooks`) never jumps the backoff.
        .exclude(next_attempt_at__gt=now)
        .update(claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
    )
    if not claimed:
        return None
    return Delivery.objects.select_related("endpoint__organisation").get(pk=delivery_id)


def delivery_attempt(*, delivery_id: int) -> Delivery | None:
    """Make one attempt at a delivery and log it. Returns the delivery afterwards (its
    status and next_attempt_at say whether to try again), or None when there was nothing
    to do (already delivered, given up, or being sent by another worker).

    The request is made outside any transaction: a slow chat service holds no lock."""
    now = timezone.now()
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return None
    endpoint = delivery.endpoint
    if not endpoint.is_active and delivery.event != TEST_EVENT:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, claimed_until=None)
        return None
    body, headers = formats.build(
        format=endpoint.format, secret=endpoint.secret, language=delivery.language, event=delivery.event,
        title=delivery.title, link=settings.BASE_URL + delivery.url, data=delivery.data,
        delivery_id=str(delivery.pk), organisation=endpoint.organisation.slug,
    )  # fmt: skip
    outcome = network.post(endpoint.url, body, headers)
    number = delivery.attempts + 1
    with transaction.atomic():
        Attempt.objects.create(
            delivery=delivery, number=number, at=now, status_code=outcome.status_code,
            error=outcome.error, duration_ms=outcome.duration_ms,
        )  # fmt: skip
        delivery.attempts = number
        delivery.claimed_until = None
        if outcome.ok:
            delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
                Delivery.Status.DELIVERED,
                now,
                None,
            )
        elif number >= MAX_ATTEMPTS or outcome.status_code in PERMANENT:
            delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
        else:
            delivery.status = Delivery.Status.RETRYING
            delivery.next_attempt_at = timezone.now() + retry_delay(number)
        delivery.save(
            update_fields=["attempts", "claimed_until", "status", "delivered_at", "next_attempt_at"]
        )
    return delivery


def deliveries_requeue(*, now=None) -> int:
    """Queue again the deliveries whose task was lost (a worker killed mid-task, a queue
    emptied by hand): due for ten minutes or more and not being sent. Duplicates are
    harmless: an attempt is claimed first and never made before its time."""
    from acculture.webhooks.tasks import delivery_send

    now = now or timezone.now()
    late = now - timedelta(minutes=10)
    stuck = (
        Delivery.objects.filter(status__in=[Delivery.Status.PENDING, Delivery.Status.RETRYING])
        .filter(Q(next_attempt_at__lt=late) | Q(next_attempt_at__isnull=True, created_at__lt=late))
        .exclude(claimed_until__gt=now)
        .values_list("pk", flat=True)
    )
    count = 0
    for delivery_id in list(stuck):
        delivery_send.enqueue(delivery_id)
        count += 1
    return count
