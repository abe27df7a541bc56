from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "acculture.mentoring"
    label = "mentoring"
    verbose_name = _("Reverse mentoring")
    home_card = "mentoring/_home_card.html"
    demo = "acculture.mentoring.demo.demo_build"
