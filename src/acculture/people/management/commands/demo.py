import os
import signal
import subprocess
import sys

from django.apps import apps
from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from acculture.people.demo import DEMO_PASSWORD, demo_build


class Command(BaseCommand):
    help = "Migrate, load the content and build the demo organisation (idempotent), then serve it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--size", type=int, default=1200, help="Number of people (default 1,200; up to 200,000)"
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--no-serve", action="store_true", help="Build only; do not start the server")
        parser.add_argument("--bind", default="127.0.0.1:8000")

    def handle(self, *args, size, seed, no_serve, bind, **options):
        if not 10 <= size <= 200_000:
            from django.core.management.base import CommandError

            raise CommandError("--size must be between 10 and 200,000.")
        call_command("migrate", interactive=False, verbosity=0)
        if "content" in get_commands():
            call_command("content", "load", verbosity=0)
        self.stdout.write(f"Building the demo organisation ({size} people)…")
        organisation, accounts = demo_build(size=size, seed=seed)
        self.stdout.write(self.style.SUCCESS(f"{organisation.name}: {organisation.people.count()} people."))
        from acculture.assessments.demo import demo_campaign

        if campaign := demo_campaign(organisation):
            self.stdout.write(f"Campaign “{campaign.title}”: {campaign.invitations.count()} people invited.")
        # Each app may add its part of the demo (AppConfig.demo: a dotted path to a function
        # taking the organisation and a seed, idempotent, returning a line to print or None).
        for config in apps.get_app_configs():
            hook = getattr(config, "demo", None)
            if hook and (line := import_string(hook)(organisation, seed=seed)):
                self.stdout.write(line)
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        for label, email in accounts:
            self.stdout.write(f"  {label:<24} {email}")
        self.stdout.write("")
        if not no_serve:
            self._serve_with_worker(bind)

    def _serve_with_worker(self, bind):
        """The server and a task worker (invitation e-mails, reminders) as child
        processes; the worker stops with the server. Mail goes to files unless
        ACCULTURE_EMAIL says otherwise."""
        if "ACCULTURE_EMAIL" not in os.environ:
            os.environ["ACCULTURE_EMAIL"] = "file"
            self.stdout.write(f"E-mails are written as files to {settings.VAR_DIR / 'mail'}/")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
        os.environ.setdefault("ACCULTURE_BASE_URL", f"http://{bind}")  # the link in the e-mails
        command = [sys.executable, "-m", "acculture.cli"]
        worker = subprocess.Popen([*command, "worker", "--no-reload"])
        self.stdout.write(f"Task worker started (process {worker.pid}).")
        self.stdout.flush()
        server = subprocess.Popen([*command, "serve", "--bind", bind])
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that `finally` runs
        try:
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for child in (server, worker):
                if child.poll() is None:
                    child.terminate()
            for child in (server, worker):
                try:
                    child.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    child.kill()
