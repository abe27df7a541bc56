"""The public verification page, at /verify/<code> (the address a QR code opens)."""

from django.urls import path

from acculture.certification import views

app_name = "verify"

urlpatterns = [path("<str:code>", views.verify, name="certificate")]
