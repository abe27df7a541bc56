"""The WSGI application `acculture serve` runs under gunicorn.

Each gunicorn worker imports this module when it starts, and warms itself up here: the
URL configuration (every app's URLs and the API's schema: about 2 s of imports) and the
compiled templates would otherwise be built by the first requests each worker serves —
after a deployment, the first candidates would wait seconds for a page, and under load
one worker building them holds up the answers queued behind it.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "acculture.settings")
application = get_wsgi_application()


def warm_up() -> tuple[int, list[str]]:
    """Import every URL module and compile every template of the project; returns how many
    templates compiled and the names of those that did not. Touches no database: a worker
    may start before its database is ready."""
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 -- builds the reverse tables: imports every URLconf
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    roots += [
        Path(app.path) / "templates" for app in apps.get_app_configs() if app.name.startswith("acculture")
    ]
    engine = engines["django"]
    compiled, failed = 0, []
    for root in roots:
        for path in sorted(root.rglob("*.html")):
            name = path.relative_to(root).as_posix()
            try:
                engine.get_template(name)
                compiled += 1
            except (TemplateDoesNotExist, TemplateSyntaxError):
                failed.append(name)  # the page that uses it reports it, as without the warm-up
    return compiled, failed


if os.environ.get("ACCULTURE_WARM_UP", "true").lower() not in ("0", "false", "no"):
    warm_up()
