"""The REST API: one NinjaAPI that mounts each app's router. OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.security import django_auth

from acculture.people.api import router as people_router

api = NinjaAPI(
    title="Acculture API",
    version="1",
    description="Measure, require, accompany and steer. Browser sessions (with CSRF) are accepted.",
    auth=django_auth,
    urls_namespace="api",
)
api.add_router("/people/", people_router)
