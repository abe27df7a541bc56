from django.urls import path

from acculture.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.index, name="index"),
    path("declare/", views.declare, name="declare"),
    path("export.json", views.export_json, name="export-json"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("team/", views.team, name="team"),
    path("entries/<int:pk>/decide/", views.decide, name="decide"),
    path("policies/", views.policies, name="policies"),
    path("policies/new/", views.policy_create, name="policy-create"),
]
