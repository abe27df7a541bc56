from django.core.management.base import BaseCommand
from django.utils import timezone

from acculture.insights.services import monthly_figures_rebuild, previous_months, report_request
from acculture.people.models import Organisation


class Command(BaseCommand):
    help = (
        "Run on the first day of each month (cron): record last month's figures and ask for "
        "each organisation's monthly report, which the worker builds. Safe to re-run."
    )

    def handle(self, *args, **options):
        month = previous_months(timezone.localdate(), 1)[0]
        for organisation in Organisation.objects.all():
            monthly_figures_rebuild(organisation=organisation, months=1)
            report = report_request(organisation=organisation, month=month, requested_by=None, language="fr")
            self.stdout.write(f"{organisation.slug}: report for {month:%Y-%m} {report.status}.")
