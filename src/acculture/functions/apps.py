from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FunctionsConfig(AppConfig):
    name = "acculture.functions"
    label = "functions"
    verbose_name = _("Functions and requirements")
    home_card = "functions/_home_card.html"
    demo = "acculture.functions.demo.demo_build"
