"""The answer form: built from the item, so one form serves every item type."""

from django import forms
from django.utils.translation import gettext_lazy as _

from acculture.content.models import Item


def text(item: Item, field: str, language: str) -> str:
    return getattr(item, f"{field}_{language}") or getattr(item, f"{field}_fr")


class AnswerForm(forms.Form):
    """One question. "I don't know" is a second submit button, so it needs no answer."""

    position = forms.IntegerField(widget=forms.HiddenInput)
    item = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, item: Item, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.language = language
        self.dont_know = bool(self.data.get("dont_know"))
        choices = [(c["id"], c.get(language) or c.get("fr")) for c in item.choices]
        required = not self.dont_know
        messages = {"required": _("Choose an answer, or press “I don't know”.")}
        if item.type == Item.Type.SINGLE:
            self.fields["answer"] = forms.ChoiceField(
                label=text(item, "stem", language), choices=choices, widget=forms.RadioSelect,
                required=required, error_messages={**messages, "invalid_choice": messages["required"]},
            )  # fmt: skip
        elif item.type == Item.Type.MULTIPLE:
            self.fields["answer"] = forms.MultipleChoiceField(
                label=text(item, "stem", language), choices=choices, widget=forms.CheckboxSelectMultiple,
                required=required, error_messages={**messages, "invalid_choice": messages["required"]},
            )  # fmt: skip
        elif item.type == Item.Type.SHORT:
            self.fields["answer"] = forms.CharField(
                label=text(item, "stem", language), max_length=500, required=required,
                error_messages={"required": _("Type your answer, or press “I don't know”.")},
            )  # fmt: skip
        else:
            for spec in item.answer.get("fields", []):
                self.fields[f"field_{spec['id']}"] = forms.CharField(
                    label=spec["label"].get(language) or spec["label"]["fr"], max_length=500, required=required,
                    error_messages={"required": _("Fill in this answer, or press “I don't know”.")},
                )  # fmt: skip

    def response(self) -> object:
        """The answer in the shape content.scoring expects; None for "I don't know"."""
        if self.dont_know:
            return None
        if self.item.type == Item.Type.FIELDS:
            return {
                name[len("field_") :]: value
                for name, value in self.cleaned_data.items()
                if name.startswith("field_")
            }
        return self.cleaned_data["answer"]
