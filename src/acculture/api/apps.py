from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "acculture.api"
    label = "api"
