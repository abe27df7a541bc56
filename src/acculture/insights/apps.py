from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "acculture.insights"
    label = "insights"
    verbose_name = _("Insights")
    home_card = "insights/_home_card.html"
    demo = "acculture.insights.demo.demo_build"
