from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

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
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        for label, email in accounts:
            self.stdout.write(f"  {label:<24} {email}")
        self.stdout.write("")
        if not no_serve:
            call_command("serve", bind=bind)
