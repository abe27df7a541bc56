from django.core.management.base import BaseCommand

from acculture.proposals.models import Proposal
from acculture.proposals.tasks import proposal_reminders_send


class Command(BaseCommand):
    help = (
        "Enqueue the reminders to leadership about shadow-committee proposals that are due soon "
        "or late (the worker sends them). Meant for cron, once a day; safe to re-run: a proposal "
        "is reminded at most once a week."
    )

    def handle(self, *args, **options):
        organisations = (
            Proposal.objects.filter(status__in=Proposal.WAITING)
            .values_list("organisation_id", flat=True)
            .distinct()
        )
        count = 0
        for organisation_id in organisations:
            proposal_reminders_send.enqueue(organisation_id)
            count += 1
        self.stdout.write(f"Proposal reminders enqueued for {count} organisation(s).")
