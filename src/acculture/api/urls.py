"""The REST API: one NinjaAPI that mounts each app's router. OpenAPI at /api/v1/openapi.json."""

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from acculture.api.auth import AUTH
from acculture.assessments.api import router as assessments_router
from acculture.learning.api import router as learning_router
from acculture.people.api import router as people_router

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
