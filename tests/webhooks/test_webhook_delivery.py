"""Chat webhooks end to end: an event becomes one queued delivery per listening endpoint,
the worker posts each service's format to a local receiver, failures are retried with
backoff and logged, and the person's action never waits for the chat service."""

import hashlib
import hmac
import json
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from acculture.events import Event, event_publish
from acculture.webhooks import services
from acculture.webhooks.models import Attempt, Delivery, Endpoint
from acculture.wins.services import win_post

# The worker closes its database connection after each task: tests that run it are
# transactional (tests/assessments do the same).
WORKER = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def endpoint(cast, receiver, format, events=(Event.WIN_FEATURED,), path=None, **extra):
    return Endpoint.objects.create(
        organisation=cast.org, name=format, url=receiver.url(path or f"/{format}"), format=format,
        events=[e.value for e in events], **extra,
    )  # fmt: skip


def publish(captured, cast, event=Event.WIN_FEATURED, title="A small win is featured: “Shared calendar”."):
    with captured(execute=True):
        event_publish(organisation=cast.org, event=event, title=title, url="/wins/1/", data={"win": 1})


@WORKER
def test_each_format_reaches_the_receiver_with_its_own_payload(
    cast, receiver, django_capture_on_commit_callbacks
):
    for format in ("discord", "slack", "mattermost", "teams", "json"):
        endpoint(cast, receiver, format)
    publish(django_capture_on_commit_callbacks, cast)
    assert Delivery.objects.filter(status="pending").count() == 5
    assert receiver.requests == []  # nothing is sent before the worker runs
    run_worker()

    got = {r.path.strip("/"): r for r in receiver.requests}
    assert sorted(got) == ["discord", "json", "mattermost", "slack", "teams"]
    link = "http://127.0.0.1:8000/wins/1/"
    discord = got["discord"].json()
    assert "Shared calendar" in discord["content"] and link in discord["content"]
    assert discord["embeds"][0]["url"] == link and discord["allowed_mentions"] == {"parse": []}
    slack = got["slack"].json()
    assert "Shared calendar" in slack["text"] and f"<{link}|" in slack["blocks"][0]["text"]["text"]
    assert got["mattermost"].json()["text"].startswith("**A small win is featured")
    teams = got["teams"].json()
    assert teams["type"] == "message"
    card = teams["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["type"] == "AdaptiveCard" and card["content"]["actions"][0]["url"] == link
    generic = got["json"].json()
    assert (generic["event"], generic["url"], generic["data"]) == ("win.featured", link, {"win": 1})
    assert set(Delivery.objects.values_list("status", flat=True)) == {"delivered"}
    assert Attempt.objects.filter(status_code=200).count() == 5


@WORKER
def test_the_signed_json_can_be_verified_with_the_endpoint_secret(
    cast, receiver, django_capture_on_commit_callbacks
):
    hook = endpoint(cast, receiver, "json")
    publish(django_capture_on_commit_callbacks, cast)
    run_worker()
    request = receiver.requests[0]
    timestamp = request.headers["X-Acculture-Timestamp"]
    expected = hmac.new(
        hook.secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256
    ).hexdigest()
    assert request.headers["X-Acculture-Signature"] == f"sha256={expected}"
    assert abs(int(timestamp) - time.time()) < 60
    assert request.headers["X-Acculture-Event"] == "win.featured"
    forged = hmac.new(b"another secret", timestamp.encode() + b"." + request.body, hashlib.sha256).hexdigest()
    assert request.headers["X-Acculture-Signature"] != f"sha256={forged}"


@WORKER
def test_only_active_endpoints_of_the_organisation_that_chose_the_event_get_it(
    cast, receiver, django_capture_on_commit_callbacks
):
    endpoint(cast, receiver, "slack", path="/yes")
    endpoint(cast, receiver, "slack", events=(Event.PROPOSAL_ADOPTED,), path="/other-event")
    endpoint(cast, receiver, "slack", path="/paused", is_active=False)
    Endpoint.objects.create(organisation=cast.other_org, name="x", url=receiver.url("/other-org"),
                            format="slack", events=["win.featured"])  # fmt: skip
    publish(django_capture_on_commit_callbacks, cast)
    run_worker()
    assert [r.path for r in receiver.requests] == ["/yes"]


def test_a_failing_endpoint_is_retried_later_with_a_growing_delay_then_given_up(cast, receiver, time_machine):
    receiver.status = 503
    hook = endpoint(cast, receiver, "discord")
    delivery = Delivery.objects.create(endpoint=hook, event="win.featured", title="T", url="/")
    before = timezone.now()
    delivery = services.delivery_attempt(delivery_id=delivery.pk)
    assert delivery.status == "retrying" and delivery.attempts == 1
    first_wait = delivery.next_attempt_at - before
    assert timedelta(seconds=60) <= first_wait <= timedelta(seconds=70)
    assert services.delivery_attempt(delivery_id=delivery.pk) is None  # not before its time
    time_machine.move_to(delivery.next_attempt_at + timedelta(seconds=1))
    delivery = services.delivery_attempt(delivery_id=delivery.pk)
    second_wait = delivery.next_attempt_at - timezone.now()
    assert second_wait > first_wait + timedelta(seconds=40)  # about twice as long
    for _ in range(services.MAX_ATTEMPTS - 2):
        time_machine.move_to(delivery.next_attempt_at + timedelta(seconds=1))
        delivery = services.delivery_attempt(delivery_id=delivery.pk)
    assert delivery.status == "failed" and delivery.attempts == services.MAX_ATTEMPTS
    assert services.delivery_attempt(delivery_id=delivery.pk) is None  # given up: no more tries
    log = list(Attempt.objects.filter(delivery=delivery).order_by("number"))
    assert [a.number for a in log] == list(range(1, services.MAX_ATTEMPTS + 1))
    assert {a.status_code for a in log} == {503} and "503" in log[0].error


@WORKER
def test_the_worker_schedules_the_retry_as_a_deferred_task(
    cast, receiver, django_capture_on_commit_callbacks
):
    receiver.status = 500
    endpoint(cast, receiver, "slack")
    publish(django_capture_on_commit_callbacks, cast)
    run_worker()
    delivery = Delivery.objects.get()
    assert delivery.status == "retrying"
    waiting = DBTaskResult.objects.filter(status="READY")
    assert waiting.count() == 1 and waiting.get().run_after > timezone.now() + timedelta(seconds=50)
    run_worker()  # not due yet: nothing is sent again
    assert len(receiver.requests) == 1


def test_a_request_that_can_never_work_is_given_up_at_once(cast, receiver):
    receiver.status = 404
    hook = endpoint(cast, receiver, "mattermost")
    delivery = Delivery.objects.create(endpoint=hook, event="win.featured", title="T", url="/")
    delivery = services.delivery_attempt(delivery_id=delivery.pk)
    assert delivery.status == "failed" and delivery.attempts == 1


def test_a_redirect_is_not_followed(cast, receiver):
    receiver.status, receiver.location = 302, "http://10.0.0.1/internal"
    hook = endpoint(cast, receiver, "slack")
    delivery = Delivery.objects.create(endpoint=hook, event="win.featured", title="T", url="/")
    delivery = services.delivery_attempt(delivery_id=delivery.pk)
    assert delivery.status == "retrying"
    assert Attempt.objects.get().status_code == 302 and len(receiver.requests) == 1


def test_an_unreachable_endpoint_logs_the_error_and_the_duration(cast):
    hook = Endpoint.objects.create(organisation=cast.org, name="down", url="http://127.0.0.1:9/hook",
                                   format="slack", events=["win.featured"])  # fmt: skip
    delivery = Delivery.objects.create(endpoint=hook, event="win.featured", title="T", url="/")
    services.delivery_attempt(delivery_id=delivery.pk)
    attempt = Attempt.objects.get()
    assert attempt.status_code is None and "refused" in attempt.error.lower()


def test_a_delivery_being_sent_by_one_worker_is_not_sent_by_another(cast, receiver):
    hook = endpoint(cast, receiver, "slack")
    delivery = Delivery.objects.create(endpoint=hook, event="win.featured", title="T", url="/")
    assert services._claim(delivery.pk, timezone.now()) is not None  # worker A holds it
    assert services.delivery_attempt(delivery_id=delivery.pk) is None  # worker B finds it taken
    assert receiver.requests == []


def test_a_slow_chat_service_never_slows_the_person_featuring_a_win(
    cast, receiver, login, django_capture_on_commit_callbacks
):
    receiver.delay = 5
    endpoint(cast, receiver, "teams")
    win = win_post(author=cast.employee, title="Shared calendar", before="Phone calls", after="One calendar")
    client = login(cast.cdo)
    client.get(reverse("wins:detail", args=[win.pk]))  # warm up: imports and templates load once
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wins:feature", args=[win.pk]))
    assert response.status_code == 302
    # The proof is causal (nothing reached the service during the request); the clock only
    # confirms the request did not sit through the service's 5-second delay.
    assert time.monotonic() - started < receiver.delay
    assert receiver.requests == [] and Delivery.objects.get().status == "pending"


@override_settings(WEBHOOKS_ALLOW_PRIVATE_NETWORKS=False)
def test_in_production_a_private_address_is_refused_when_configured_and_when_sent(cast, receiver, login):
    client = login(cast.cdo)
    for url in ("http://127.0.0.1:8000/hook", "http://10.1.2.3/hook", "http://169.254.169.254/latest",
                "http://[::1]/hook", "ftp://example.org/hook", "http://user:pw@example.org/"):  # fmt: skip
        response = client.post(reverse("webhooks:create"), {
            "name": "x", "format": "slack", "url": url, "events": ["win.featured"], "is_active": "on",
        })  # fmt: skip
        assert response.status_code == 400, url
    assert not Endpoint.objects.exists()
    hook = endpoint(cast, receiver, "slack")  # saved before the rule applied
    delivery = Delivery.objects.create(endpoint=hook, event="win.featured", title="T", url="/")
    services.delivery_attempt(delivery_id=delivery.pk)
    assert receiver.requests == [] and "private network" in Attempt.objects.get().error


@WORKER
def test_the_cdo_configures_an_endpoint_sends_a_test_and_reads_the_log(
    cast, receiver, login, django_capture_on_commit_callbacks
):
    client = login(cast.cdo)
    response = client.post(reverse("webhooks:create"), {
        "name": "Champions on Slack", "format": "slack", "url": receiver.url("/slack"),
        "events": ["win.featured", "proposal.adopted"], "is_active": "on",
    })  # fmt: skip
    hook = Endpoint.objects.get()
    assert response["Location"] == reverse("webhooks:detail", args=[hook.pk])
    assert hook.events == ["proposal.adopted", "win.featured"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("webhooks:test", args=[hook.pk]))
    run_worker()
    assert "Test message from Acculture" in receiver.requests[0].json()["text"]
    page = client.get(reverse("webhooks:detail", args=[hook.pk])).content.decode()
    assert "Delivered (200)" in page and " ms" in page


def test_another_organisation_cannot_touch_an_endpoint(cast, receiver, login):
    hook = endpoint(cast, receiver, "slack")
    client = login(cast.outsider)
    assert client.post(reverse("webhooks:test", args=[hook.pk])).status_code == 404
    assert client.post(reverse("webhooks:delete", args=[hook.pk])).status_code == 404
    assert Endpoint.objects.filter(pk=hook.pk).exists() and not Delivery.objects.exists()


@pytest.mark.parametrize("format", ["discord", "slack", "mattermost", "teams", "json"])
def test_a_title_with_markup_stays_text_in_every_format(format):
    from acculture.webhooks.formats import build

    body, _ = build(format=format, secret="s", event="win.featured", title="<script>x</script> & @everyone",
                    link="https://a.example/w/1", data={}, delivery_id="1", organisation="o")  # fmt: skip
    payload = json.loads(body)
    if format == "slack":
        assert "<script>" not in payload["text"] and "&lt;script&gt;" in payload["text"]
    if format == "discord":
        assert payload["allowed_mentions"] == {"parse": []}


@WORKER
def test_a_delivery_whose_task_was_lost_is_queued_again_and_sent_once(cast, receiver, capsys):
    hook = endpoint(cast, receiver, "slack")
    lost = Delivery.objects.create(endpoint=hook, event="win.featured", title="Lost", url="/",
                                   created_at=timezone.now() - timedelta(minutes=30))  # fmt: skip
    Delivery.objects.create(endpoint=hook, event="win.featured", title="Fresh, its task is queued", url="/")
    call_command("requeue_webhooks")
    call_command("requeue_webhooks")  # twice: the claim keeps it to one attempt
    assert "1 webhook delivery(ies) queued again." in capsys.readouterr().out
    run_worker()
    assert [r.json()["text"].split(" <")[0] for r in receiver.requests] == ["Lost"]
    lost.refresh_from_db()
    assert lost.status == "delivered" and lost.attempts == 1
