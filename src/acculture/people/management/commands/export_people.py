import sys

from django.core.management.base import BaseCommand, CommandError

from acculture.people.models import Organisation
from acculture.people.services import audit_record, people_export_csv


class Command(BaseCommand):
    help = "Write the staff list in the import's columns (CSV, to standard output by default)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write the CSV (default: standard output)")
        parser.add_argument("--org", required=True, help="Slug of the organisation")

    def handle(self, *args, file, org, **options):
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(f"No organisation {org!r}.")
        audit_record(
            actor=None, organisation=organisation, action="people.export", subject="staff-list", via="cli"
        )
        if file:
            with open(file, "w", encoding="utf-8", newline="") as out:
                count = people_export_csv(organisation=organisation, out=out)
            self.stderr.write(f"Wrote {count} people to {file}.")
        else:
            count = people_export_csv(organisation=organisation, out=sys.stdout)
