"""Forms of the proctor, the candidate, the CDO and whoever checks a credential."""

import zoneinfo
from datetime import datetime

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from acculture.certification.models import Candidate, Incident
from acculture.content.models import Item
from acculture.people.models import Person
from acculture.widgets import DateInput

COMMON_ZONES = [
    "Europe/Paris", "America/Cayenne", "America/Guadeloupe", "America/Martinique", "Indian/Reunion",
    "Indian/Mayotte", "Pacific/Noumea", "Pacific/Tahiti", "America/Miquelon", "Europe/London", "UTC",
]  # fmt: skip


class SessionForm(forms.Form):
    date = forms.DateField(
        label=_("Date of the session"),
        widget=DateInput,
        help_text=_("For example 14/03/2027."),
        error_messages={"required": _("Enter the date, for example 14/03/2027."),
                        "invalid": _("Enter a real date, for example 14/03/2027.")},
    )  # fmt: skip
    time = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("For example 09:30."),
        error_messages={"required": _("Enter the start time, for example 09:30."),
                        "invalid": _("Enter the time as hours and minutes, for example 09:30.")},
    )  # fmt: skip
    time_zone = forms.ChoiceField(
        label=_("Time zone of the place"),
        choices=[(z, z) for z in COMMON_ZONES],
        initial=settings.TIME_ZONE,
        error_messages={"required": _("Choose the time zone of the place.")},
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        help_text=_("The room and the building, for example “Room 204, Lyon site”."),
        error_messages={"required": _("Enter the place, for example “Room 204, Lyon site”.")},
    )
    capacity = forms.IntegerField(
        label=_("Number of places"),
        min_value=1,
        max_value=500,
        help_text=_("How many candidates the room holds, for example 12."),
        error_messages={"required": _("Enter the number of places, for example 12."),
                        "invalid": _("Enter the number of places as a number, for example 12."),
                        "min_value": _("Enter at least 1 place."), "max_value": _("Enter at most 500 places.")},
    )  # fmt: skip
    review_required = forms.BooleanField(
        label=_("The Chief Digital Officer reviews the results before they are published"), required=False
    )

    def starts_at(self) -> datetime:
        zone = zoneinfo.ZoneInfo(self.cleaned_data["time_zone"])
        return datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"], tzinfo=zone)


class EnrolForm(forms.Form):
    who = forms.CharField(
        label=_("Employee number or e-mail address of the candidate"),
        max_length=200,
        help_text=_("For example A12345 or claire.martin@example.org."),
        error_messages={"required": _("Enter the employee number or the e-mail address of the candidate.")},
    )
    extra_time_percent = forms.IntegerField(
        label=_("Extra time (%)"),
        min_value=0,
        max_value=200,
        initial=0,
        required=False,
        help_text=_("An accommodation: 33 gives a third more time on each question. Leave 0 otherwise."),
        error_messages={"invalid": _("Enter the extra time as a number, for example 33."),
                        "min_value": _("Enter 0 or more."), "max_value": _("Enter at most 200.")},
    )  # fmt: skip
    accommodation = forms.CharField(
        label=_("Other accommodation (optional)"),
        max_length=300,
        required=False,
        help_text=_("For example “large screen” or “seat near the door”."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_who(self):
        value = self.cleaned_data["who"].strip()
        person = Person.objects.filter(
            Q(employee_number__iexact=value) | Q(email__iexact=value),
            organisation=self.organisation,
            is_active=True,
        ).first()
        if person is None:
            raise forms.ValidationError(
                _(
                    "Nobody in your organisation has this employee number or e-mail address. Check it and try again."
                )
            )
        return person


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Candidates file (CSV or Excel .xlsx)"),
        help_text=_("Columns: employee_number, extra_time_percent, accommodation. One candidate per line."),
        error_messages={"required": _("Choose the file to upload.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2_000_000:
            raise forms.ValidationError(_("The file is larger than 2 MB: split it into smaller files."))
        return upload


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Session code"),
        max_length=20,
        help_text=_(
            "Your proctor gives it at the start of the session: six letters and digits, for example K7MPQ4."
        ),
        error_messages={"required": _("Enter the session code, for example K7MPQ4.")},
    )


class EndForm(forms.Form):
    reason = forms.CharField(
        label=_("Why end this test?"),
        max_length=300,
        help_text=_("For example “left the room” or “suspected fraud”."),
        error_messages={"required": _("Say in a few words why the test ends.")},
    )


class IncidentForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What kind of incident?"),
        choices=Incident.Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of incident it is.")},
    )
    candidate = forms.ModelChoiceField(
        label=_("Candidate concerned (optional)"),
        queryset=Candidate.objects.none(),
        required=False,
        empty_label=_("Nobody in particular"),
    )
    item = forms.CharField(
        label=_("Question concerned (optional)"),
        max_length=80,
        required=False,
        help_text=_("For a problem with a question: its code, shown at the foot of the question page."),
    )
    description = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Describe in a few words what happened.")},
    )
    validated = forms.BooleanField(
        label=_("Validated: it counts at finalisation (a withdrawn question, a confirmed fraud)"),
        required=False,
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = session.candidates.select_related("person")
        self.fields["candidate"].label_from_instance = lambda c: c.person.full_name

    def clean_item(self):
        code = self.cleaned_data["item"].strip()
        if not code:
            return None
        item = Item.objects.filter(code=code).first()
        if item is None:
            raise forms.ValidationError(
                _("No question has this code. Copy it from the foot of the question page.")
            )
        return item

    def clean(self):
        data = super().clean()
        if data.get("category") == Incident.Category.QUESTION and not data.get("item") and not self.errors:
            self.add_error("item", _("Give the code of the question that has a problem."))
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the revocation"),
        max_length=300,
        help_text=_("The holder and anyone who checks the certificate will read it."),
        error_messages={"required": _("Give the reason for the revocation.")},
    )


class CredentialForm(forms.Form):
    credential = forms.CharField(
        label=_("Paste the credential"),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        max_length=100_000,
        help_text=_("The text of the .jwt file: three long blocks of letters separated by dots."),
        error_messages={"required": _("Paste the text of the credential to check it.")},
    )
