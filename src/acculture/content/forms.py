from django import forms
from django.utils.translation import gettext_lazy as _

from acculture.content.models import Item
from acculture.content.services import TRANSITIONS


class ItemStatusForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Why (kept in the item's history)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, item: Item, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[item.status]
        self.fields["to"].choices = [(s.value, s.label) for s in Item.Status if s in allowed]
