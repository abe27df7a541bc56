from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChampionsConfig(AppConfig):
    name = "acculture.champions"
    label = "champions"
    verbose_name = _("Champions")
    home_card = "champions/_home_card.html"
    demo = "acculture.champions.demo.demo_build"
