"""The circle's background task: the e-mail that tells someone they were mentioned or
answered. Claimed with a conditional UPDATE (emailed_at) in the sending transaction, so a
task run twice mails once. The mail names the thread and links to it; it never copies
the message, so nothing of the champions' space travels by e-mail."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from acculture.circle.models import Member, Notification


@task()
def notification_email(notification_id: int) -> str:
    with transaction.atomic():
        claimed = Notification.objects.filter(pk=notification_id, emailed_at=None, read_at=None).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            return "already sent or read"
        notification = Notification.objects.select_related("person", "post__author", "post__thread").get(
            pk=notification_id
        )
        person = notification.person
        wants_mail = (
            Member.objects.filter(person=person).values_list("email_notifications", flat=True).first()
        )
        if wants_mail is False or not person.is_active or not person.email:
            return "not wanted"
        with translation.override(person.language):
            context = {
                "person": person,
                "notification": notification,
                "thread": notification.post.thread,
                "link": settings.BASE_URL + reverse("circle:thread", args=[notification.post.thread_id]),
                "settings_link": settings.BASE_URL + reverse("circle:settings"),
            }
            subject = render_to_string("circle/email/notification_subject.txt", context)
            body = render_to_string("circle/email/notification.txt", context)
        EmailMessage(
            subject=" ".join(subject.split()), body=body, to=[person.email],
            headers={"Auto-Submitted": "auto-generated"},
        ).send()  # fmt: skip
    return "sent"
