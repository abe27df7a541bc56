"""Declaring time (one question page) and setting a policy."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.functions.models import Function
from acculture.learning.models import TimeEntry
from acculture.people.models import Unit
from acculture.widgets import DateInput

MAX_MINUTES = 12 * 60  # one declaration is at most a long day


class DeclareForm(forms.Form):
    date = forms.DateField(
        label=_("When did you learn?"),
        widget=DateInput,
        help_text=_("For example 14/03/2026. Today or a day in the past."),
        error_messages={
            "required": _("Enter the date, for example 14/03/2026."),
            "invalid": _("Enter a real date, for example 14/03/2026."),
        },
    )
    minutes = forms.IntegerField(
        label=_("How many minutes?"),
        min_value=1,
        max_value=MAX_MINUTES,
        help_text=_("For example 45. An hour and a half is 90."),
        error_messages={
            "required": _("Enter the number of minutes, for example 45."),
            "invalid": _("Enter the minutes as a number, for example 45."),
            "min_value": _("Enter at least 1 minute."),
            "max_value": _("Enter at most 720 minutes (12 hours). Declare longer time day by day."),
        },
    )
    source = forms.ChoiceField(
        label=_("What kind of learning was it?"),
        choices=[
            (TimeEntry.Source.TUTORIAL.value, _("A tutorial")),
            (TimeEntry.Source.DECLARED.value, _("Something else (a course, a video, practice)")),
        ],
        initial=TimeEntry.Source.DECLARED.value,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of learning it was.")},
    )
    description = forms.CharField(
        label=_("What did you do?"),
        max_length=300,
        help_text=_("A few words, for example “the tutorial on strong passwords”."),
        error_messages={
            "required": _("Say in a few words what you did, for example “the tutorial on strong passwords”."),
            "max_length": _("Use 300 characters or fewer."),
        },
    )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Enter today’s date or a day in the past."))
        return value


class PolicyForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Who is it for?"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Everyone in the organisation"),
        help_text=_("A unit’s policy also covers the units below it."),
    )
    function = forms.ModelChoiceField(
        label=_("Or for the holders of a function"),
        queryset=Function.objects.none(),
        required=False,
        empty_label=_("No particular function"),
        error_messages={"invalid_choice": _("Choose a function from the list.")},
        help_text=_(
            "People who hold the function get this time from the day they take it, whatever their unit."
        ),
    )
    minutes_per_month = forms.IntegerField(
        label=_("Minutes of learning time per month"),
        min_value=0,
        max_value=10_000,
        help_text=_("For example 120 for two hours a month."),
        error_messages={
            "required": _("Enter the minutes per month, for example 120."),
            "invalid": _("Enter the minutes as a number, for example 120."),
            "min_value": _("Enter 0 or more minutes."),
            "max_value": _("Enter at most 10,000 minutes."),
        },
    )
    effective_from = forms.DateField(
        label=_("From which date?"),
        widget=DateInput,
        help_text=_("For example 01/09/2026. A month counts the policy in force at its end."),
        error_messages={
            "required": _("Enter the date it starts, for example 01/09/2026."),
            "invalid": _("Enter a real date, for example 01/09/2026."),
        },
    )
    requires_approval = forms.BooleanField(
        label=_("Declared time waits for the manager’s approval"),
        required=False,
        initial=True,
        help_text=_("Only used on a policy for the whole organisation."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)
        self.fields["function"].queryset = Function.objects.filter(organisation=organisation)

    def clean(self):
        data = super().clean()
        if data.get("unit") and data.get("function"):
            self.add_error(
                "function", _("Choose a unit or a function, not both. Leave “Who is it for?” on everyone.")
            )
        return data
