from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from acculture.api.urls import api
from acculture.people import views as people_views

admin.site.site_header = "Acculture"
admin.site.site_title = "Acculture"

urlpatterns = [
    path("", people_views.home, name="home"),
    path("healthz", people_views.healthz, name="healthz"),
    path("favicon.ico", people_views.favicon, name="favicon"),
    path("language/", set_language, name="set-language"),
    path("", include("acculture.people.urls")),
    path("content/", include("acculture.content.urls")),
    path("assessments/", include("acculture.assessments.urls")),
    path("learning/", include("acculture.learning.urls")),
    path("certification/", include("acculture.certification.urls")),
    path("verify/", include("acculture.certification.verify_urls")),
    path("functions/", include("acculture.functions.urls")),
    path("factory/", include("acculture.factory.urls")),
    path("champions/", include("acculture.champions.urls")),
    path("circle/", include("acculture.circle.urls")),
    path("proposals/", include("acculture.proposals.urls")),
    path("wins/", include("acculture.wins.urls")),
    path("webhooks/", include("acculture.webhooks.urls")),
    path("mentoring/", include("acculture.mentoring.urls")),
    path("insights/", include("acculture.insights.urls")),
    path("discourse/", include("acculture.discourse.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]


def not_found(request, exception=None):
    """API clients get JSON (as the OpenAPI document promises); people get the page."""
    from django.http import JsonResponse
    from django.shortcuts import render

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)


handler404 = not_found
