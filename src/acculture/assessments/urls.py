from django.urls import path

from acculture.assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("progress/", views.progress, name="progress"),
    path("<int:pk>/", views.question, name="question"),
    path("<int:pk>/answers/<int:position>/", views.feedback, name="feedback"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/review/", views.review, name="review"),
]
