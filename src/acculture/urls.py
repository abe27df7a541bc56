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
    path("language/", set_language, name="set-language"),
    path("", include("acculture.people.urls")),
    path("content/", include("acculture.content.urls")),
    path("assessments/", include("acculture.assessments.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
