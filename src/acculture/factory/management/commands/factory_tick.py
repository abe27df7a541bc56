from django.core.management.base import BaseCommand

from acculture.factory.tasks import offers_expire, session_reminders_send


class Command(BaseCommand):
    help = (
        "Enqueue the Digital Factory's periodic work (the worker runs it): end the waiting-list "
        "offers that ran out, so the next person gets the seat, and send the reminders before "
        "sessions. Meant for cron every 15 minutes; safe to re-run: nobody gets a mail twice."
    )

    def handle(self, *args, **options):
        offers_expire.enqueue()
        session_reminders_send.enqueue()
        self.stdout.write("Digital Factory: offer expiry and reminders enqueued.")
