from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from acculture.certification.credentials import keys_generate


class Command(BaseCommand):
    help = (
        "Create the keys that sign the Open Badges credentials (Ed25519 and RS256) in "
        "ACCULTURE_CERTIFICATION_KEYS_DIR. Existing keys are kept unless --rotate is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="Write the keys here instead of the configured folder.")
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Replace existing keys: credentials signed with the old keys no longer verify.",
        )

    def handle(self, *args, dir=None, rotate=False, **options):
        directory = dir or settings.CERTIFICATION_KEYS_DIR
        written = keys_generate(directory, force=rotate)
        if written:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(written)} key(s) written to {directory}: keep this folder secret and backed up."
                )
            )
        else:
            self.stdout.write(
                f"The keys in {directory} already exist; nothing changed (use --rotate to replace them)."
            )
