"""Start Django for a benchmark on its own database (a fresh SQLite file under var/bench/
unless BENCH_DATABASE_URL points elsewhere, e.g. a PostgreSQL cluster)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup() -> str:
    import django
    from django.apps import apps

    if not apps.ready:
        url = os.environ.get("BENCH_DATABASE_URL")
        if not url:
            bench_dir = ROOT / "var" / "bench"
            bench_dir.mkdir(parents=True, exist_ok=True)
            for leftover in bench_dir.glob("bench.sqlite3*"):
                leftover.unlink()
            url = f"sqlite:///{bench_dir / 'bench.sqlite3'}"
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("ACCULTURE_ENV", "development")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "acculture.settings")
        django.setup()
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
    from django.db import connection

    return connection.vendor
