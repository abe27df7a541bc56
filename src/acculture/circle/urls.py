from django.urls import path

from acculture.circle import views

app_name = "circle"

urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/", views.notification_open, name="notification-open"),
    path("settings/", views.member_settings, name="settings"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("c/<slug:slug>/new/", views.thread_new, name="thread-new"),
    path("t/<int:pk>/", views.thread, name="thread"),
    path("t/<int:pk>/moderate/", views.thread_moderate, name="thread-moderate"),
    path("p/<int:pk>/edit/", views.post_edit, name="post-edit"),
    path("p/<int:pk>/react/", views.react, name="react"),
    path("p/<int:pk>/image/", views.image, name="image"),
    path("p/<int:pk>/moderate/", views.post_moderate, name="post-moderate"),
]
