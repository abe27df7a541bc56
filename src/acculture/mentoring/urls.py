from django.urls import path

from acculture.mentoring import views

app_name = "mentoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("programmes/<int:pk>/enrol/<str:role>/", views.enrol, name="enrol"),
    path("pairs/<int:pk>/", views.pair_detail, name="pair-detail"),
    path("pairs/<int:pk>/answer/", views.pair_answer, name="pair-answer"),
    path("pairs/<int:pk>/meetings/new/", views.meeting_create, name="meeting-create"),
    path("pairs/<int:pk>/feedback/<str:kind>/", views.feedback, name="feedback"),
    path("programmes/", views.programme_list, name="programme-list"),
    path("programmes/new/", views.programme_create, name="programme-create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme-detail"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme-edit"),
    path("programmes/<int:pk>/action/", views.programme_action, name="programme-action"),
    path("programmes/<int:pk>/matching/", views.matching, name="matching"),
    path("programmes/<int:pk>/swap/", views.swap, name="swap"),
    path("proposals/<int:pk>/action/", views.proposal_action, name="proposal-action"),
    path("programmes/<int:pk>/report/", views.report, name="report"),
    path("programmes/<int:pk>/feedback/", views.feedback_list, name="feedback-list"),
]
