from django.core.management.base import BaseCommand

from acculture.webhooks.services import deliveries_requeue


class Command(BaseCommand):
    help = (
        "Queue again the webhook deliveries whose task was lost (a worker killed while sending). "
        "Meant for cron, every 15 minutes; safe to re-run: an attempt is never made twice or early."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{deliveries_requeue()} webhook delivery(ies) queued again.")
