from django.core.management.base import BaseCommand, CommandError

from acculture.insights.services import monthly_figures_rebuild, profile_rebuild
from acculture.people.models import Organisation


class Command(BaseCommand):
    help = "Recompute the dashboard's current profiles and monthly figures from the results (safe to re-run)."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="Short name of one organisation (default: all)")
        parser.add_argument("--months", type=int, default=12, help="Whole months of trend to recompute")

    def handle(self, *args, org, months, **options):
        organisations = Organisation.objects.all()
        if org:
            organisations = organisations.filter(slug=org)
            if not organisations.exists():
                raise CommandError(f"No organisation has the short name {org!r}.")
        for organisation in organisations:
            profiles = profile_rebuild(organisation=organisation)
            rows = monthly_figures_rebuild(organisation=organisation, months=months)
            self.stdout.write(f"{organisation.slug}: {profiles} profiles, {rows} monthly rows.")
