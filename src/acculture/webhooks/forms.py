"""Configuring one webhook endpoint."""

from django import forms
from django.utils.translation import gettext_lazy as _

from acculture.events import Event
from acculture.webhooks.models import Endpoint
from acculture.webhooks.network import AddressRefused, check_address


class EndpointForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("To recognise it, for example “Champions channel on Teams”."),
        error_messages={"required": _("Enter a name, for example “Champions channel on Teams”.")},
    )
    format = forms.ChoiceField(
        label=_("Which service receives the messages?"),
        choices=Endpoint.Format.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the service that receives the messages.")},
    )
    url = forms.URLField(
        label=_("Webhook address"),
        max_length=1000,
        assume_scheme="https",
        help_text=_("The address the service gave you when you created the webhook, starting with https://."),
        error_messages={
            "required": _("Paste the webhook address the service gave you, starting with https://."),
            "invalid": _("Enter a full web address, starting with https://."),
        },
    )
    events = forms.MultipleChoiceField(
        label=_("Which events should it announce?"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one event to announce.")},
    )
    is_active = forms.BooleanField(
        label=_("Send messages to this webhook"), required=False, initial=True,
        help_text=_("Untick to pause it without losing its settings."),
    )  # fmt: skip

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            check_address(url)
        except AddressRefused as refusal:
            raise forms.ValidationError(
                _("Acculture cannot send to this address: %(why)s") % {"why": refusal}
            ) from None
        return url
