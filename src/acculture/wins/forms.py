"""Posting a small win, and the feed's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from acculture.frameworks.models import Competence
from acculture.people.models import Site, Unit
from acculture.wins.images import MAX_IMAGE_BYTES, image_type


def competence_choices():
    """The default framework's competences (all of them if none is the default)."""
    found = Competence.objects.filter(framework__is_default=True)
    return found if found.exists() else Competence.objects.all()


class WinForm(forms.Form):
    title = forms.CharField(
        label=_("What did you do?"),
        max_length=150,
        help_text=_("In a few words, for example “I share the team's calendar online”."),
        error_messages={
            "required": _(
                "Say in a few words what you did, for example “I share the team's calendar online”."
            ),
            "max_length": _("Use 150 characters or fewer."),
        },
    )
    before = forms.CharField(
        label=_("How was it before?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Say how it was before, for example “we phoned each other to find a free slot”."),
            "max_length": _("Use 2,000 characters or fewer."),
        },
    )
    after = forms.CharField(
        label=_("How is it now?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("You can use simple Markdown: **bold**, lists."),
        error_messages={
            "required": _("Say how it is now, for example “everyone sees the free slots at a glance”."),
            "max_length": _("Use 2,000 characters or fewer."),
        },
    )
    minutes_saved_per_week = forms.IntegerField(
        label=_("About how many minutes does it save each week?"),
        min_value=0,
        max_value=2400,
        required=False,
        help_text=_("For example 30. Leave it empty or write 0 if it saves no time but makes work better."),
        error_messages={
            "invalid": _("Enter the minutes as a number, for example 30."),
            "min_value": _("Enter 0 or more minutes."),
            "max_value": _("Enter at most 2,400 minutes (a whole working week)."),
        },
    )
    competences = forms.ModelMultipleChoiceField(
        label=_("Which digital skills did you use?"),
        queryset=Competence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick any that fit. It helps colleagues find wins like yours."),
    )
    image = forms.FileField(
        label=_("A picture (optional)"),
        required=False,
        help_text=_(
            "A screenshot or a photo: PNG, JPEG, GIF or WebP, under 2 MB. Hide any personal data first."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competences"].queryset = competence_choices()

    def clean_minutes_saved_per_week(self):
        return self.cleaned_data["minutes_saved_per_week"] or 0

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        if upload.size > MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("The picture is too big: choose one under 2 MB."))
        data = upload.read()
        if image_type(data[:16]) is None:
            raise forms.ValidationError(_("The picture must be a PNG, JPEG, GIF or WebP image."))
        return data


class WinEditForm(WinForm):
    remove_image = forms.BooleanField(label=_("Remove the picture"), required=False)


class FeedFilterForm(forms.Form):
    competence = forms.ChoiceField(label=_("Digital skill"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    site = forms.ModelChoiceField(
        label=_("Site"), queryset=Site.objects.none(), required=False, empty_label=_("All sites")
    )
    featured = forms.BooleanField(label=_("Only featured wins"), required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].choices = [("", _("All skills"))] + [
            (c.code, str(c)) for c in competence_choices()
        ]
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)
        self.fields["site"].queryset = Site.objects.filter(organisation=organisation)
