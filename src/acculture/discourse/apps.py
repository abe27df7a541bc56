from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscourseConfig(AppConfig):
    name = "acculture.discourse"
    label = "discourse"
    verbose_name = _("Discourse sign-in")
