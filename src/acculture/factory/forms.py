"""Forms of the Digital Factory: the calendar filters, planning a session, attendance,
feedback, and the CDO's labs and workshops."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.factory.models import Factory, Feedback, Format, Track, Workshop, WorkshopTarget
from acculture.frameworks.models import Competence
from acculture.people.models import Person, Role, Site
from acculture.widgets import DateInput

# The zones of France and its overseas territories, and the project's own default.
TIME_ZONES = [
    "Europe/Paris", "America/Guadeloupe", "America/Martinique", "America/Cayenne", "Indian/Reunion",
    "Indian/Mayotte", "Pacific/Noumea", "Pacific/Tahiti", "America/Miquelon", "Europe/London", "UTC",
]  # fmt: skip


def zone_choices():
    zones = list(dict.fromkeys([settings.TIME_ZONE, *TIME_ZONES]))
    return [(z, z.replace("_", " ")) for z in zones]


def targeted_competences(organisation):
    """The competences some workshop of the organisation works on: the filter's choices."""
    codes = (
        WorkshopTarget.objects.filter(workshop__organisation=organisation, workshop__is_active=True)
        .values_list("competence_id", flat=True)
        .distinct()
    )
    return Competence.objects.filter(pk__in=codes).order_by("framework", "order")


class CalendarFilterForm(forms.Form):
    """GET filters; every field is optional and a wrong value is simply ignored."""

    start = forms.DateField(label=_("From"), required=False, widget=DateInput)
    track = forms.ChoiceField(label=_("Track"), required=False)
    format = forms.ChoiceField(label=_("Format"), required=False)
    site = forms.ChoiceField(label=_("Site"), required=False)
    competence = forms.ChoiceField(label=_("Competence"), required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["track"].choices = every + list(Track.choices)
        self.fields["format"].choices = every + list(Format.choices)
        sites = Site.objects.filter(organisation=organisation).values_list("pk", "name")
        self.fields["site"].choices = every + [("0", _("Online"))] + [(str(pk), name) for pk, name in sites]
        self.fields["competence"].choices = every + [
            (c.code, f"{c.code} {c.name}") for c in targeted_competences(organisation)
        ]

    def values(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "start": data.get("start"),
            "track": data.get("track") or "",
            "format": data.get("format") or "",
            "site": int(data["site"]) if data.get("site") else None,
            "competence": data.get("competence") or "",
        }


class SessionForm(forms.Form):
    workshop = forms.ModelChoiceField(
        label=_("Which workshop?"),
        queryset=Workshop.objects.none(),
        error_messages={
            "required": _("Choose the workshop."),
            "invalid_choice": _("Choose a workshop from the list."),
        },
    )
    factory = forms.ModelChoiceField(
        label=_("In which lab?"),
        queryset=Factory.objects.none(),
        help_text=_("A lab without a site is online."),
        error_messages={"required": _("Choose the lab."), "invalid_choice": _("Choose a lab from the list.")},
    )
    facilitator = forms.ModelChoiceField(
        label=_("Who runs it?"),
        queryset=Person.objects.none(),
        error_messages={"required": _("Choose the facilitator.")},
    )
    day = forms.DateField(
        label=_("Which day?"),
        widget=DateInput,
        help_text=_("For example 14/03/2027."),
        error_messages={
            "required": _("Enter the day, for example 14/03/2027."),
            "invalid": _("Enter a real date, for example 14/03/2027."),
        },
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("For example 14:00."),
        error_messages={
            "required": _("Enter the start time, for example 14:00."),
            "invalid": _("Enter the time as hours and minutes, for example 14:00."),
        },
    )
    end_time = forms.TimeField(
        label=_("End time (optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Leave it empty to use the workshop's duration."),
        error_messages={"invalid": _("Enter the time as hours and minutes, for example 16:00.")},
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=zone_choices, initial=settings.TIME_ZONE)
    place = forms.CharField(
        label=_("Room or address (optional)"),
        max_length=300,
        required=False,
        help_text=_("For example “Room 2.14, 2nd floor”. Leave empty to use the lab's address."),
    )
    link = forms.URLField(
        label=_("Link to join online (optional)"),
        required=False,
        assume_scheme="https",
        help_text=_("Needed for an online or hybrid workshop, for example https://visio.example.org/room."),
        error_messages={
            "invalid": _("Enter a full web address, for example https://visio.example.org/room.")
        },
    )
    capacity = forms.IntegerField(
        label=_("How many seats?"),
        min_value=1,
        max_value=500,
        initial=10,
        error_messages={
            "required": _("Enter the number of seats, for example 10."),
            "invalid": _("Enter the seats as a number, for example 10."),
            "min_value": _("Give at least 1 seat."),
            "max_value": _("Give at most 500 seats."),
        },
    )
    publish = forms.BooleanField(
        label=_("Publish it now: people can register and it is announced"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, organisation, facilitator, manage: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = Workshop.objects.filter(organisation=organisation, is_active=True)
        self.fields["factory"].queryset = Factory.objects.filter(organisation=organisation, is_active=True)
        if manage:
            self.fields["facilitator"].queryset = Person.objects.filter(
                organisation=organisation, is_active=True, role_grants__role__in=[Role.FACILITATOR, Role.CDO]
            ).distinct()
            self.fields["facilitator"].initial = facilitator.pk
        else:
            # A facilitator plans their own sessions.
            self.fields["facilitator"].queryset = Person.objects.filter(pk=facilitator.pk)
            self.fields["facilitator"].initial = facilitator.pk
            self.fields["facilitator"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        day, start, zone = data.get("day"), data.get("start_time"), data.get("time_zone")
        workshop = data.get("workshop")
        if not (day and start and zone and workshop):
            return data
        tz = ZoneInfo(zone)
        data["starts_at"] = datetime.combine(day, start, tzinfo=tz)
        if data.get("end_time"):
            data["ends_at"] = datetime.combine(day, data["end_time"], tzinfo=tz)
        else:
            data["ends_at"] = data["starts_at"] + timedelta(minutes=workshop.duration_minutes)
        if data["ends_at"] <= data["starts_at"]:
            self.add_error(
                "end_time", _("The end must be after the start, for example 16:00 for a start at 14:00.")
            )
        if data["starts_at"] <= timezone.now():
            self.add_error("day", _("Choose a day and time in the future."))
        if workshop.format in (Format.ONLINE, Format.HYBRID) and not data.get("link"):
            self.add_error("link", _("This workshop can be followed online: give the link to join it."))
        return data


class SessionChangeForm(forms.Form):
    capacity = SessionForm.base_fields["capacity"]
    place = SessionForm.base_fields["place"]
    link = SessionForm.base_fields["link"]


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Who came?"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(r.pk), r.person.full_name) for r in registrations]


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["usefulness", "will_use", "comment"]
        widgets = {"usefulness": forms.RadioSelect, "comment": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"usefulness": {"required": _("Choose how useful the workshop was.")}}
        help_texts = {"comment": _("Optional. The facilitator reads it without your name.")}


class FactoryForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the lab"),
        max_length=200,
        help_text=_("For example “Digital Factory — Lyon”."),
        error_messages={"required": _("Enter the name of the lab, for example “Digital Factory — Lyon”.")},
    )
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("None: an online lab"),
    )
    address = forms.CharField(
        label=_("Where to find it (optional)"),
        max_length=300,
        required=False,
        help_text=_("For example “Building B, ground floor, room 0.12”."),
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People with the facilitator role. Give the role on the roles page first."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(organisation=organisation)
        self.fields["facilitators"].queryset = Person.objects.filter(
            organisation=organisation, is_active=True, role_grants__role=Role.FACILITATOR
        ).distinct()


class WorkshopForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter the title of the workshop.")}
    )
    description = forms.CharField(
        label=_("What people will do and learn"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say in a few sentences what people will do and learn.")},
    )
    track = forms.ChoiceField(label=_("Track"), choices=Track.choices, widget=forms.RadioSelect)
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices, widget=forms.RadioSelect)
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"),
        min_value=15,
        max_value=8 * 60,
        help_text=_("For example 90 for an hour and a half."),
        error_messages={
            "required": _("Enter the duration in minutes, for example 90."),
            "invalid": _("Enter the duration as a number of minutes, for example 90."),
            "min_value": _("Enter at least 15 minutes."),
            "max_value": _("Enter at most 480 minutes (a day)."),
        },
    )
    prerequisites = forms.CharField(
        label=_("What to know or bring before (optional)"),
        max_length=500,
        required=False,
        help_text=_("For example “Bring your work laptop”."),
    )
    competences = forms.ModelMultipleChoiceField(
        label=_("Competences it works on"),
        queryset=Competence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Used to recommend the workshop after an assessment."),
    )
    level_min = forms.IntegerField(label=_("Suits people from level"), min_value=0, max_value=8, initial=1)
    level_max = forms.IntegerField(label=_("to level"), min_value=0, max_value=8, initial=4)
    is_active = forms.BooleanField(
        label=_("Show it in the catalogue"),
        required=False,
        initial=True,
        help_text=_("Untick it to withdraw the workshop; its past sessions stay."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competences"].queryset = Competence.objects.filter(framework__is_default=True).order_by(
            "order"
        )

    def clean(self):
        data = super().clean()
        low, high = data.get("level_min"), data.get("level_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "level_max", _("The highest level must be at least the lowest, for example 1 to 4.")
            )
        return data
