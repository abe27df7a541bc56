from django.urls import path

from acculture.wins import views

app_name = "wins"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/image/", views.image, name="image"),
    path("<int:pk>/kudos/", views.kudos, name="kudos"),
    path("<int:pk>/feature/", views.feature, name="feature"),
]
