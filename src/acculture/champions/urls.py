from django.urls import path

from acculture.champions import views

app_name = "champions"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.me, name="me"),
    path("me/profile/", views.profile, name="profile"),
    path("me/step-down/", views.step_down, name="step-down"),
    path("nominations/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("nominate/", views.nominate, name="nominate"),
    path("manage/", views.manage, name="manage"),
    path("manage/nominations/<int:pk>/", views.decide, name="decide"),
    path("manage/suggestions/", views.suggestions, name="suggestions"),
    path("manage/suggestions/<int:pk>/", views.suggest, name="suggest"),
    path("manage/coverage/", views.coverage, name="coverage"),
]
