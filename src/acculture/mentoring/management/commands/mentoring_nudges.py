from django.core.management.base import BaseCommand

from acculture.mentoring.tasks import pair_answers_expire, pairs_nudge


class Command(BaseCommand):
    help = (
        "Enqueue the daily mentoring work (the worker does it): expire pairs not answered in time, "
        "nudge pairs that went quiet. Meant for cron, once a day; safe to re-run: a pair is nudged "
        "at most once per silence."
    )

    def handle(self, *args, **options):
        pair_answers_expire.enqueue()
        pairs_nudge.enqueue()
        self.stdout.write("Mentoring: expiry of late answers and nudges of quiet pairs enqueued.")
