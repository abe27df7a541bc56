from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "acculture.proposals"
    label = "proposals"
    verbose_name = _("Shadow committee")
    home_card = "proposals/_home_card.html"
    demo = "acculture.proposals.demo.demo_build"
