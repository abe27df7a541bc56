from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "acculture.certification"
    label = "certification"
    verbose_name = _("Certification")
    home_card = "certification/_home_card.html"
    demo = "acculture.certification.demo.demo_build"
