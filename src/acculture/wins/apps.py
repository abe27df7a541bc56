from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WinsConfig(AppConfig):
    name = "acculture.wins"
    label = "wins"
    verbose_name = _("Small wins")
    home_card = "wins/_home_card.html"
    demo = "acculture.wins.demo.demo_build"
