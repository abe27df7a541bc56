from django.urls import path

from acculture.content import views

app_name = "content"

urlpatterns = [
    path("items/<str:code>/preview/", views.item_preview, name="item-preview"),
    path("items/<str:code>/status/", views.item_status, name="item-status"),
    path("attachments/<path:path>", views.attachment, name="attachment"),
    path("tutorials/<str:code>/", views.tutorial, name="tutorial"),
]
