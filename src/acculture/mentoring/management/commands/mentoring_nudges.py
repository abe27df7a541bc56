from django.core.management.base import BaseCommand

from acculture.mentoring.tasks import pairs_nudge


class Command(BaseCommand):
    help = (
        "Enqueue the nudges of quiet mentoring pairs (the worker sends them). Meant for cron, "
        "once a day; safe to re-run: a pair is nudged at most once per silence."
    )

    def handle(self, *args, **options):
        pairs_nudge.enqueue()
        self.stdout.write("Nudges of quiet mentoring pairs enqueued.")
