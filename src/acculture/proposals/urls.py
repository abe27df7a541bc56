from django.urls import path

from acculture.proposals import views

app_name = "proposals"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/support/", views.support, name="support"),
    path("<int:pk>/decide/", views.decide, name="decide"),
]
