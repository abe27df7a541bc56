import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from acculture.people.models import Organisation
from acculture.people.services import people_import


class Command(BaseCommand):
    help = "Import or update staff from a CSV or XLSX file (all or nothing). See docs/staff-import.md."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .csv (UTF-8, comma or semicolon) or .xlsx file")
        parser.add_argument("--org", required=True, help="Slug of the organisation")
        parser.add_argument(
            "--create-org", metavar="NAME", help="Create the organisation with this name if missing"
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and report; write nothing")
        parser.add_argument(
            "--deactivate-missing", action="store_true", help="Deactivate people absent from the file"
        )

    def handle(self, *args, file, org, create_org, dry_run, deactivate_missing, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            if not create_org:
                raise CommandError(f'No organisation {org!r}. Add --create-org "Its name" to create it.')
            if slugify(org) != org:
                raise CommandError(
                    f"{org!r} is not a valid short name: use lowercase letters, digits and hyphens."
                )
            organisation = Organisation(slug=org, name=create_org)
            if not dry_run:
                organisation.save()
        verbosity = options["verbosity"]

        def progress(stage: str, done: int, total: int) -> None:
            if (verbosity >= 1 and sys.stderr.isatty()) or verbosity >= 2:
                self.stderr.write(f"  {stage}: {done}/{total}")

        if organisation.pk is None:  # dry run for a new organisation: create it, check, roll back
            with transaction.atomic():
                organisation.save()
                report = people_import(organisation=organisation, data=path.read_bytes(), filename=path.name,
                                       dry_run=True, progress=progress)  # fmt: skip
                transaction.set_rollback(True)
        else:
            report = people_import(
                organisation=organisation, data=path.read_bytes(), filename=path.name, dry_run=dry_run,
                deactivate_missing=deactivate_missing, progress=progress,
            )  # fmt: skip
        for problem in report.problems:
            self.stderr.write(f"{path.name}: {problem}")
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
