"""A gunicorn worker warms itself up when it starts (acculture.wsgi), so that the first
candidates after a deployment do not wait for URL imports and template compilation."""

from django.template import engines

from acculture.wsgi import warm_up


def test_a_worker_compiles_every_template_before_its_first_request_without_the_database():
    # No database fixture: pytest-django fails any query here (a worker may start before
    # its database is ready).
    compiled, failed = warm_up()
    assert failed == []  # and so every template of the project compiles
    assert compiled > 100
    cached = engines["django"].engine.template_loaders[0].get_template_cache
    for page in ("base.html", "assessments/question.html", "assessments/index.html"):
        assert page in cached  # the candidate's pages are served from the cache at once
