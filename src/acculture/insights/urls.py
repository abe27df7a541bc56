from django.urls import path

from acculture.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/<slug:table>.<str:fmt>", views.export, name="export"),
    path("compliance/", views.compliance, name="compliance"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>.pdf", views.report_pdf, name="report-pdf"),
]
