"""Background tasks of the campaigns: the invitation e-mail and the reminders.

The worker (`acculture worker`) runs them; any of them may run twice (a worker killed
after sending, a cron line run twice, two workers): each mail is claimed first with a
conditional UPDATE on the invitation (emailed_at, reminded_at) in the transaction that
sends it, so a second run finds nothing to claim and a failed send releases the claim
for the next try.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from acculture.assessments import campaign_services
from acculture.assessments.models import Assessment, Campaign, Invitation


def _send(invitation: Invitation, kind: str) -> None:
    """Render and send one mail in the person's own language."""
    person, campaign = invitation.person, invitation.campaign
    with translation.override(person.language):
        context = {
            "person": person,
            "campaign": campaign,
            "link": settings.BASE_URL + reverse("assessments:index"),
            "min_group_size": settings.MIN_GROUP_SIZE,
            "reminder": kind == "reminder",
        }
        subject = render_to_string("assessments/campaigns/email/subject.txt", context)
        body = render_to_string("assessments/campaigns/email/invitation.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[person.email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()


@task()
def invitation_email_send(invitation_id: int) -> str:
    """Send the invitation e-mail of one invitation, once."""
    now = timezone.now()
    invitation = Invitation.objects.select_related("campaign").filter(pk=invitation_id).first()
    if invitation is None:
        return "gone"
    if invitation.campaign.closes_on < timezone.localdate(now):
        return "closed"
    with transaction.atomic():
        claimed = campaign_services.invitation_claim_email(invitation_id=invitation_id, now=now)
        if claimed is None:
            return "already sent"
        if not claimed.person.is_active:
            return "inactive"  # stays claimed: nobody writes to people who left
        _send(claimed, "invitation")
    return "sent"


@task()
def campaign_reminders_send(campaign_id: int) -> int:
    """Remind whoever was invited, has not finished and had no mail from the campaign
    for ACCULTURE_CAMPAIGN_REMINDER_DAYS days; nothing before opening or after closing.
    Returns the number of reminders sent."""
    now = timezone.now()
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None or not campaign.is_open(timezone.localdate(now)):
        return 0
    due_before = now - timedelta(days=settings.CAMPAIGN_REMINDER_DAYS)
    finished = Assessment.objects.filter(campaign=campaign, status=Assessment.Status.COMPLETED).values(
        "person_id"
    )
    candidates = (
        Invitation.objects.filter(campaign=campaign, person__is_active=True, emailed_at__lte=due_before)
        .exclude(reminded_at__gt=due_before)
        .exclude(person_id__in=finished)
        .values_list("pk", flat=True)
    )
    sent = 0
    for invitation_id in list(candidates):
        with transaction.atomic():
            claimed = campaign_services.invitation_remind(
                invitation_id=invitation_id, due_before=due_before, now=now
            )
            if claimed is not None:
                _send(claimed, "reminder")
                sent += 1
    return sent
