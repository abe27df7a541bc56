"""The `acculture` command: Django's management commands with the project's settings.

    acculture demo | serve [--dev] | migrate | import-people FILE --org SLUG | export-people
    acculture worker | check --deploy | simulate ... | content lint ...

Hyphenated names map to the commands' underscored names. `simulate` runs the
psychometric engine alone and needs no database, so it skips Django entirely.
"""

import os
import sys

ALIASES = {"worker": "db_worker"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "simulate":
        from acculture.psychometrics.cli import main as simulate

        return simulate(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "acculture.settings")
    if args and not args[0].startswith("-"):
        args[0] = ALIASES.get(args[0], args[0].replace("-", "_"))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["acculture", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
