from django.urls import path

from acculture.factory import views

app_name = "factory"

urlpatterns = [
    path("", views.index, name="index"),
    path("calendar/", views.calendar, name="calendar"),
    path("workshops/", views.workshops, name="workshops"),
    path("workshops/<int:pk>/", views.workshop_detail, name="workshop-detail"),
    path("sessions/<int:pk>/", views.session_detail, name="session-detail"),
    path("sessions/<int:pk>/register/", views.session_register, name="session-register"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session-cancel"),
    path("sessions/<int:pk>/accept/", views.session_accept, name="session-accept"),
    path("sessions/<int:pk>/calendar.ics", views.session_ics_download, name="session-ics"),
    path("sessions/<int:pk>/feedback/", views.session_feedback, name="session-feedback"),
    path("run/", views.run, name="run"),
    path("run/new/", views.session_create, name="session-create"),
    path("run/<int:pk>/", views.session_manage, name="session-manage"),
    path("run/<int:pk>/publish/", views.session_publish, name="session-publish"),
    path("run/<int:pk>/attendance/", views.session_attendance, name="session-attendance"),
    path("run/<int:pk>/cancel/", views.session_withdraw, name="session-withdraw"),
    path("run/<int:pk>/change/", views.session_edit, name="session-edit"),
    path("manage/", views.manage, name="manage"),
    path("manage/labs/new/", views.lab_edit, name="lab-create"),
    path("manage/labs/<int:pk>/", views.lab_edit, name="lab-edit"),
    path("manage/workshops/new/", views.workshop_edit, name="workshop-create"),
    path("manage/workshops/<int:pk>/", views.workshop_edit, name="workshop-edit"),
]
