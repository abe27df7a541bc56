from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactoryConfig(AppConfig):
    name = "acculture.factory"
    label = "factory"
    verbose_name = _("Digital Factory")
    home_card = "factory/_home_card.html"
    demo = "acculture.factory.demo.demo_build"
