"""Background tasks of the Digital Factory: the e-mails about a registration, the
reminders before a session, and ending the offers that ran out.

Any task may run twice (a worker killed after sending, two workers, cron run twice):
each mail is claimed first with a conditional UPDATE in the transaction that sends it
(`mailed_status` for the mail about a registration's status, `reminded_at` for the
reminder), so a second run finds nothing to claim and a failed send releases the claim.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from acculture.factory import services
from acculture.factory.conf import rule
from acculture.factory.ics import registration_ics
from acculture.factory.models import Registration, Session

Status = Registration.Status
# The statuses whose change is worth a mail, and whether it carries the calendar file.
MAILED = {Status.CONFIRMED: True, Status.WAITLISTED: False, Status.OFFERED: False,
          Status.CANCELLED: True, Status.EXPIRED: False}  # fmt: skip


def _send(registration: Registration, kind: str) -> None:
    """Render and send one mail in the person's own language."""
    person, session = registration.person, registration.session
    with translation.override(person.language):
        context = {
            "person": person,
            "session": session,
            "registration": registration,
            "kind": kind,
            "link": settings.BASE_URL + reverse("factory:session-detail", args=[session.pk]),
            "cancel_hours": rule("FACTORY_CANCEL_HOURS"),
        }
        subject = render_to_string("factory/email/subject.txt", context)
        body = render_to_string("factory/email/body.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[person.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    if kind in ("reminder", "withdrawn") or MAILED.get(registration.status):
        method = "CANCEL" if registration.status == Status.CANCELLED else "REQUEST"
        message.attach("invitation.ics", registration_ics(registration), f"text/calendar; method={method}")
    message.send()


@task()
def registration_email_send(registration_id: int) -> str:
    """Tell the person about their registration's current status, once per status."""
    with transaction.atomic():
        claimed = (
            Registration.objects.filter(pk=registration_id, status__in=list(MAILED))
            .exclude(mailed_status=F("status"))
            .update(mailed_status=F("status"))
        )
        if not claimed:
            return "already sent"
        registration = Registration.objects.select_related(
            "person", "session__workshop", "session__factory", "session__facilitator"
        ).get(pk=registration_id)
        if not registration.person.is_active:
            return "inactive"
        # A whole session called off is not the person's own cancellation: say so.
        withdrawn = (
            registration.status == Status.CANCELLED
            and registration.session.status == Session.Status.CANCELLED
        )
        _send(registration, "withdrawn" if withdrawn else registration.status)
    return "sent"


@task()
def session_reminders_send() -> int:
    """Remind everyone with a seat in a session that starts within
    ACCULTURE_FACTORY_REMINDER_HOURS, once. Returns the number of reminders sent."""
    now = timezone.now()
    soon = now + timedelta(hours=rule("FACTORY_REMINDER_HOURS"))
    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminded_at__isnull=True,
        person__is_active=True,
        session__status=Session.Status.PUBLISHED,
        session__starts_at__gt=now,
        session__starts_at__lte=soon,
    ).values_list("pk", flat=True)
    sent = 0
    for registration_id in list(due):
        with transaction.atomic():
            if not Registration.objects.filter(pk=registration_id, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            registration = Registration.objects.select_related(
                "person", "session__workshop", "session__factory", "session__facilitator"
            ).get(pk=registration_id)
            _send(registration, "reminder")
            sent += 1
    return sent


@task()
def offers_expire() -> int:
    """End the offers that ran out and offer their seats to the next people waiting."""
    return services.offers_expire()
