from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po → .mo) with polib; needs no GNU gettext."

    def handle(self, *args, **options):
        count = 0
        # The shared catalogue, and the catalogues of apps that keep their own.
        app_dirs = [Path(config.path) / "locale" for config in apps.get_app_configs()]
        for locale_dir in [*settings.LOCALE_PATHS, *app_dirs]:
            for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                count += 1
        if options["verbosity"] >= 2 or count:
            self.stdout.write(f"Compiled {count} catalogue(s).")
