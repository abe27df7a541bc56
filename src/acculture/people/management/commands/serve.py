import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Acculture with gunicorn (production-grade), or Django's runserver with --dev."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("ACCULTURE_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("ACCULTURE_WORKERS", "3")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("ACCULTURE_THREADS", "4")))
        parser.add_argument(
            "--dev", action="store_true", help="Use runserver (auto-reload, not for production)"
        )

    def handle(self, *args, bind, workers, threads, dev, **options):
        if dev:
            call_command("runserver", bind, use_reloader=True)
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        argv = [
            sys.executable, "-m", "gunicorn", "acculture.wsgi:application",
            "--bind", bind, "--workers", str(workers), "--threads", str(threads),
            "--access-logfile", "-", "--graceful-timeout", "20",
            # A candidate answers every few seconds: keep their connection open that long
            # (gunicorn's default, 2 s, makes an answer meet a closed connection or open a
            # new one); idle connections wait in gunicorn's poller, not in a thread.
            "--keep-alive", "10",
        ]  # fmt: skip
        self.stdout.write(f"Serving on http://{bind}/ (gunicorn, {workers} workers). Stop with Ctrl+C.")
        self.stdout.flush()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
        os.execv(sys.executable, argv)
