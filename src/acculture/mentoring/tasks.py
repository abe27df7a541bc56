"""Background tasks: the mail that a pair is proposed, and the nudge when a pair goes quiet.

Each may run twice (a worker killed after sending, two workers): the nudge is claimed
first with a conditional UPDATE on the pair (nudged_at) in the transaction that sends
it; the proposal mail is sent once per task, enqueued once when the pairs are published.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from acculture.mentoring import services
from acculture.mentoring.models import Pair


def _send(pair: Pair, template: str) -> None:
    """The same news to both sides, each in their own language."""
    for person, other in ((pair.mentor.person, pair.mentee.person), (pair.mentee.person, pair.mentor.person)):
        if not person.is_active:
            continue
        with translation.override(person.language):
            context = {"person": person, "other": other, "pair": pair, "programme": pair.programme,
                       "link": settings.BASE_URL + reverse("mentoring:pair-detail", args=[pair.pk])}  # fmt: skip
            subject = render_to_string(f"mentoring/email/{template}_subject.txt", context)
            body = render_to_string(f"mentoring/email/{template}.txt", context)
        EmailMessage(subject=" ".join(subject.split()), body=body, to=[person.email],
                     headers={"Auto-Submitted": "auto-generated"}).send()  # fmt: skip


@task()
def pair_published_email(pair_id: int) -> str:
    pair = (
        Pair.objects.select_related("programme", "mentor__person", "mentee__person")
        .filter(pk=pair_id)
        .first()
    )
    if pair is None or pair.status != Pair.Status.PUBLISHED:
        return "gone"
    _send(pair, "published")
    return "sent"


def quiet_days(pair: Pair) -> int:
    """A pair is quiet after twice its meeting rhythm without a meeting."""
    return 2 * pair.programme.meeting_every_days


@task()
def pair_answers_expire() -> int:
    """Expire the pairs whose answer date has passed (see services.pair_answers_expire)."""
    return services.pair_answers_expire(today=timezone.localdate())


@task()
def pairs_nudge(programme_id: int | None = None) -> int:
    """Nudge both sides of every pair under way that has not met for twice the programme's
    meeting rhythm (counted from the start when they never met), at most once per such
    silence. Returns the number of pairs nudged."""
    now = timezone.now()
    today = timezone.localdate(now)
    pairs = Pair.objects.filter(status=Pair.Status.ACTIVE, programme__ends_on__gte=today).select_related(
        "programme"
    )
    if programme_id is not None:
        pairs = pairs.filter(programme_id=programme_id)
    nudged = 0
    for pair in pairs.annotate(last_meeting=Max("meetings__on")):
        quiet = timedelta(days=quiet_days(pair))
        last = pair.last_meeting or timezone.localdate(pair.activated_at)
        if today - last < quiet:
            continue
        with transaction.atomic():
            claimed = services.pair_claim_nudge(pair_id=pair.pk, quiet_before=now - quiet, now=now)
            if claimed is not None:
                _send(claimed, "nudge")
                nudged += 1
    return nudged
