from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CircleConfig(AppConfig):
    name = "acculture.circle"
    label = "circle"
    verbose_name = _("Circle forum")
    home_card = "circle/_home_card.html"
    demo = "acculture.circle.demo.demo_build"
