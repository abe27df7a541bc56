"""The REST API: one NinjaAPI that mounts each app's router. OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI

from acculture.api.auth import AUTH
from acculture.assessments.api import router as assessments_router
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
