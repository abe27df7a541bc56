from django.urls import path

from acculture.discourse import views

app_name = "discourse"

urlpatterns = [path("sso", views.sign_in, name="sso")]
