"""The REST API: one NinjaAPI that mounts each app's router. OpenAPI at /api/v1/openapi.json."""

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from acculture.api.auth import AUTH
from acculture.assessments.api import router as assessments_router
from acculture.certification.api import router as certification_router
from acculture.champions.api import router as champions_router
from acculture.circle.api import router as circle_router
from acculture.factory.api import router as factory_router
from acculture.functions.api import router as functions_router
from acculture.insights.api import router as insights_router
from acculture.learning.api import router as learning_router
from acculture.mentoring.api import router as mentoring_router
from acculture.people.api import router as people_router
from acculture.proposals.api import router as proposals_router
from acculture.webhooks.api import router as webhooks_router
from acculture.wins.api import router as wins_router

api = NinjaAPI(
    title="Acculture API",
    version="1",
    description=(
        "Measure, require, accompany and steer. Browser sessions (with CSRF) and personal "
        "tokens (`Authorization: Bearer …`, created under /me/tokens/) are accepted. See docs/api.md."
    ),
    auth=AUTH,
    urls_namespace="api",
)
api.add_router("/people/", people_router)
api.add_router("/assessments/", assessments_router)
api.add_router("/learning/", learning_router)
api.add_router("/certification/", certification_router)
api.add_router("/functions/", functions_router)
api.add_router("/factory/", factory_router)
api.add_router("/champions/", champions_router)
api.add_router("/circle/", circle_router)
api.add_router("/proposals/", proposals_router)
api.add_router("/wins/", wins_router)
api.add_router("/webhooks/", webhooks_router)
api.add_router("/mentoring/", mentoring_router)
api.add_router("/insights/", insights_router)


@api.exception_handler(ValidationError)
def invalid_request(request, exc: ValidationError):
    """422 with the same shape as every other error: a sentence first, then the details."""
    where = "; ".join(
        f"{'.'.join(str(part) for part in error.get('loc', ()))}: {error.get('msg', '')}"
        for error in exc.errors
    )
    return api.create_response(
        request,
        {"detail": _("The request is not valid (%(where)s).") % {"where": where}, "errors": exc.errors},
        status=422,
    )
