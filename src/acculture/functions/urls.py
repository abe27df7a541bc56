from django.urls import path

from acculture.functions import views

app_name = "functions"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:pk>/", views.eligibility, name="eligibility"),
    path("manage/", views.function_list, name="list"),
    path("manage/new/", views.function_create, name="create"),
    path("manage/<int:pk>/", views.function_detail, name="detail"),
    path("manage/<int:pk>/edit/", views.function_edit, name="edit"),
    path("manage/<int:pk>/holders/add/", views.holder_add, name="holder-add"),
    path("manage/<int:pk>/holders/upload/", views.holder_upload, name="holder-upload"),
    path("manage/<int:pk>/holders/<int:holding_pk>/remove/", views.holder_remove, name="holder-remove"),
    path("compliance/", views.compliance, name="compliance"),
    path("compliance.csv", views.compliance_csv, name="compliance-csv"),
    path("compliance.xlsx", views.compliance_xlsx, name="compliance-xlsx"),
]
