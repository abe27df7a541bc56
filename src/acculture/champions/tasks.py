"""Background tasks of the champions network: telling a person the CDO's decision.

The mail is claimed first with a conditional UPDATE (emailed_at) in the transaction that
sends it, so a task run twice sends once and a failed send leaves it for the next try.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from acculture.champions.models import Nomination


@task()
def nomination_decision_email(nomination_id: int) -> str:
    with transaction.atomic():
        claimed = Nomination.objects.filter(
            pk=nomination_id,
            emailed_at=None,
            status__in=[Nomination.Status.ACCEPTED, Nomination.Status.DECLINED],
        ).update(emailed_at=timezone.now())
        if not claimed:
            return "already sent"
        nomination = Nomination.objects.select_related("person").get(pk=nomination_id)
        person = nomination.person
        if not person.is_active or not person.email:
            return "inactive"
        with translation.override(person.language):
            context = {
                "person": person,
                "nomination": nomination,
                "accepted": nomination.status == Nomination.Status.ACCEPTED,
                "link": settings.BASE_URL + reverse("champions:me"),
            }
            subject = render_to_string("champions/email/decision_subject.txt", context)
            body = render_to_string("champions/email/decision.txt", context)
        EmailMessage(
            subject=" ".join(subject.split()), body=body, to=[person.email],
            headers={"Auto-Submitted": "auto-generated"},
        ).send()  # fmt: skip
    return "sent"


@task()
def nomination_announce_email(nomination_id: int) -> str:
    """Tell a person that their manager or the CDO put them forward, and that they may
    withdraw: nobody becomes a champion without knowing."""
    with transaction.atomic():
        claimed = (
            Nomination.objects.filter(pk=nomination_id, announced_at=None, status=Nomination.Status.PENDING)
            .exclude(source=Nomination.Source.SELF)
            .update(announced_at=timezone.now())
        )
        if not claimed:
            return "already sent"
        nomination = Nomination.objects.select_related("person", "nominated_by").get(pk=nomination_id)
        person = nomination.person
        if not person.is_active or not person.email:
            return "inactive"
        with translation.override(person.language):
            context = {
                "person": person,
                "nomination": nomination,
                "link": settings.BASE_URL + reverse("champions:me"),
            }
            subject = render_to_string("champions/email/announce_subject.txt", context)
            body = render_to_string("champions/email/announce.txt", context)
        EmailMessage(
            subject=" ".join(subject.split()), body=body, to=[person.email],
            headers={"Auto-Submitted": "auto-generated"},
        ).send()  # fmt: skip
    return "sent"
