from django.core.management.base import BaseCommand
from django.utils import timezone

from acculture.assessments.models import Campaign
from acculture.assessments.tasks import campaign_reminders_send


class Command(BaseCommand):
    help = (
        "Enqueue the reminders of every open campaign (the worker sends them). Meant for cron, "
        "once a day; safe to re-run: nobody gets more than one reminder per "
        "ACCULTURE_CAMPAIGN_REMINDER_DAYS days."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        campaigns = Campaign.objects.filter(
            status=Campaign.Status.LAUNCHED, opens_on__lte=today, closes_on__gte=today
        ).values_list("pk", flat=True)
        count = 0
        for campaign_id in campaigns:
            campaign_reminders_send.enqueue(campaign_id)
            count += 1
        self.stdout.write(f"Reminders enqueued for {count} open campaign(s).")
