from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "acculture.webhooks"
    label = "webhooks"
    verbose_name = _("Chat webhooks")
    home_card = "webhooks/_home_card.html"
    demo = "acculture.webhooks.demo.demo_build"

    def ready(self):
        from acculture.events import event_published
        from acculture.webhooks.services import on_event_published

        event_published.connect(on_event_published, dispatch_uid="acculture.webhooks")
