import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from acculture.content.lint import lint
from acculture.content.stats import bank_stats, render_text


class Command(BaseCommand):
    help = "The item bank's files: load them into the database, lint them, count them. See docs/content-admin.md."
    # lint and stats read files only: CI runs them before any database exists.
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{load,lint,stats}")
        load = sub.add_parser("load", help="Upsert frameworks, tutorials and items (safe to re-run)")
        load.add_argument(
            "--path", type=Path, default=None, help="Content directory (default: ACCULTURE_CONTENT_DIR)"
        )
        load.add_argument("--framework", type=Path, metavar="FILE", help="Load only this framework file")
        load.add_argument(
            "--unreviewed-as-draft",
            action="store_true",
            help="Load live items whose review is missing or incomplete as drafts instead of refusing",
        )
        check = sub.add_parser("lint", help="Check the files; exit status 1 on any error")
        check.add_argument("path", nargs="?", type=Path, default=None, help="A content directory or one file")
        stats = sub.add_parser("stats", help="Count items and tutorials from the files")
        stats.add_argument("--path", type=Path, default=None)
        stats.add_argument("--json", action="store_true", help="Machine-readable output")

    def handle(self, *args, action, **options):
        return getattr(self, f"handle_{action}")(**options)

    def handle_lint(self, *, path, **options):
        report = lint(path or settings.CONTENT_DIR)
        for problem in report.problems:
            self.stderr.write(str(problem))
        if not report.ok:
            self.stderr.write(report.summary())
            sys.exit(1)  # CommandError would add a traceback hint; the list above says it all
        self.stdout.write(report.summary())

    def handle_stats(self, *, path, json: bool, **options):
        stats = bank_stats(path or settings.CONTENT_DIR)
        self.stdout.write(_dumps(stats) if json else render_text(stats))

    def handle_load(self, *, path, framework, unreviewed_as_draft, **options):
        from acculture.content.loader import ContentRejected, content_load, framework_load

        try:
            if framework is not None:
                if not framework.is_file():
                    raise CommandError(f"No file at {framework}.")
                report = framework_load(path=framework)
            else:
                report = content_load(
                    root=path or settings.CONTENT_DIR, unreviewed_as_draft=unreviewed_as_draft
                )
        except ContentRejected as exc:
            for problem in exc.report.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Nothing was loaded: {exc.report.summary()}") from None
        for warning in report.warnings:
            self.stderr.write(str(warning))
        self.stdout.write(report.summary())


def _dumps(stats: dict) -> str:
    return json.dumps(stats, indent=2, ensure_ascii=False)
