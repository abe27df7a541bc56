"""Putting someone forward, deciding, the champion's profile and the directory search."""

from django import forms
from django.utils.translation import gettext_lazy as _

from acculture.champions.models import HelpLanguage
from acculture.champions.selectors import help_competences
from acculture.frameworks.models import Competence
from acculture.people.models import Person, Site

REASON_HELP = _("A few words are enough, for example “she shows everyone how to share files”.")


class SelfNominationForm(forms.Form):
    reason = forms.CharField(
        label=_("Why would you like to help your colleagues? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example “I like explaining how to use the shared calendar”."),
        error_messages={"max_length": _("Use 1,000 characters or fewer.")},
    )


class ManagerNominationForm(forms.Form):
    email = forms.EmailField(
        label=_("Work e-mail address of the person you put forward"),
        help_text=_("Someone who reports to you, directly or through another manager."),
        error_messages={
            "required": _("Enter their work e-mail address, for example camille.martin@example.org."),
            "invalid": _("Enter an e-mail address like camille.martin@example.org."),
        },
    )
    reason = forms.CharField(
        label=_("Why would they make a good champion?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=REASON_HELP,
        error_messages={
            "required": _("Say in a few words why they would make a good champion."),
            "max_length": _("Use 1,000 characters or fewer."),
        },
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        person = Person.objects.filter(
            organisation=self.organisation, email__iexact=email, is_active=True
        ).first()
        if person is None:
            raise forms.ValidationError(
                _("Nobody on the staff list has this e-mail address. Check it and try again.")
            )
        self.cleaned_data["person"] = person
        return email


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("accept", _("Accept: they become a champion")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to accept or to decline.")},
    )
    reason = forms.CharField(
        label=_("Reason (needed to decline)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The person reads it. For example “your site already has two champions; let us talk in June”."
        ),
        error_messages={"max_length": _("Use 1,000 characters or fewer.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Say in a few words why you decline, so the person understands."))
        return data


class ProfileForm(forms.Form):
    how_i_help = forms.CharField(
        label=_("How I can help"),
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example “I can show you how to fill in an online form, step by step”."),
        error_messages={"max_length": _("Use 600 characters or fewer.")},
    )
    competences = forms.ModelMultipleChoiceField(
        label=_("What I can help with"),
        queryset=Competence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick as many as you like."),
    )
    site = forms.ModelChoiceField(
        label=_("Where I can help"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("No site in particular"),
    )
    availability = forms.CharField(
        label=_("When I am available"),
        required=False,
        max_length=200,
        help_text=_("In plain words, for example “Tuesday and Thursday afternoons”."),
        error_messages={"max_length": _("Use 200 characters or fewer.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I can help in"),
        choices=HelpLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    listed = forms.BooleanField(label=_("Show me in the directory of champions"), required=False)
    show_email = forms.BooleanField(label=_("Show my e-mail address in the directory"), required=False)
    show_unit = forms.BooleanField(label=_("Show my unit in the directory"), required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(organisation=organisation)
        self.fields["competences"].queryset = help_competences()
        self.fields["competences"].label_from_instance = lambda c: f"{c.code} {c.name}"


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Name or words"), required=False, max_length=100)
    competence = forms.ModelChoiceField(
        label=_("Help with"), queryset=Competence.objects.none(), required=False, empty_label=_("Any subject")
    )
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none(), required=False,
                                  empty_label=_("Any site"))  # fmt: skip
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any language")), *HelpLanguage.choices], required=False
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(organisation=organisation)
        self.fields["competence"].queryset = help_competences()
        self.fields["competence"].label_from_instance = lambda c: f"{c.code} {c.name}"
