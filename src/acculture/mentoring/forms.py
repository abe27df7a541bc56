"""Forms of reverse mentoring: the programme, enrolment, answering, meetings, feedback."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.frameworks.models import Competence, Framework
from acculture.mentoring.models import Enrolment, Feedback, Pair, Programme, slot_choices
from acculture.mentoring.services import MAX_CAPACITY
from acculture.people.models import HierarchyLevel, Language
from acculture.widgets import DateInput

DATE_ERRORS = {"required": _("Enter a date, for example 14/03/2026."),
               "invalid": _("Enter a real date, for example 14/03/2026.")}  # fmt: skip


EXAMPLE_DATE = _("For example 14/03/2026.")


def _date(label, help_text=EXAMPLE_DATE):
    return forms.DateField(label=label, widget=DateInput, help_text=help_text, error_messages=DATE_ERRORS)


def _number(label, low, high, help_text):
    return forms.IntegerField(
        label=label, min_value=low, max_value=high, help_text=help_text,
        error_messages={"required": _("Enter a number."), "invalid": _("Enter a whole number, for example 14."),
                        "min_value": _("Enter %(limit_value)s or more."),
                        "max_value": _("Enter %(limit_value)s or less.")},
    )  # fmt: skip


class ProgrammeForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter a title.")}
    )
    description = forms.CharField(label=_("What it is for"), widget=forms.Textarea(attrs={"rows": 3}),
                                  required=False, help_text=_("Shown to the people invited to enrol."))  # fmt: skip
    framework = forms.ModelChoiceField(label=_("Competency framework"), queryset=Framework.objects.all(),
                                       empty_label=None)  # fmt: skip
    enrol_until = _date(_("Enrolment closes on"))
    starts_on = _date(_("Pairs start on"))
    ends_on = _date(_("Programme ends on"))
    meeting_every_days = _number(
        _("Meet every how many days?"), 7, 60, _("For example 14 for every two weeks.")
    )
    meeting_minutes = _number(_("Usual meeting length, in minutes"), 15, 240, _("For example 60."))
    answer_within_days = _number(_("Days to accept or decline a pair"), 1, 30, _("For example 7."))
    mentor_min_level = _number(_("Minimum level to teach a competence"), 1, 8,
                               _("Measured by the assessment, from 1 to 8. For example 5."))  # fmt: skip
    mentor_levels = forms.MultipleChoiceField(
        label=_("Who may mentor?"), choices=HierarchyLevel.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one hierarchy level for the mentors.")},
    )  # fmt: skip
    mentee_levels = forms.MultipleChoiceField(
        label=_("Who may be mentored?"), choices=HierarchyLevel.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one hierarchy level for the mentees.")},
    )  # fmt: skip
    charter = forms.CharField(
        label=_("Confidentiality charter"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Both sides accept it before they start."),
        error_messages={"required": _("Write the confidentiality charter both sides will accept.")},
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        enrol, start, end = data.get("enrol_until"), data.get("starts_on"), data.get("ends_on")
        if enrol and start and enrol > start:
            self.add_error("enrol_until", _("Close enrolment on or before the day the pairs start."))
        if start and end and end <= start:
            self.add_error("ends_on", _("End the programme after the day the pairs start."))
        return data

    @classmethod
    def initial_for(cls, programme: Programme | None) -> dict:
        if programme is None:
            return {"meeting_every_days": 14, "meeting_minutes": 60, "answer_within_days": 7, "mentor_min_level": 5,
                    "mentor_levels": [HierarchyLevel.STAFF],
                    "mentee_levels": [HierarchyLevel.EXECUTIVE, HierarchyLevel.SENIOR_MANAGER,
                                      HierarchyLevel.MIDDLE_MANAGER],
                    "framework": Framework.objects.filter(is_default=True).first()}  # fmt: skip
        return {name: getattr(programme, name) for name in cls.base_fields}


class EnrolmentForm(forms.Form):
    competences = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple)
    goals_text = forms.CharField(
        label=_("In your own words, what would you like to be able to do?"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=_("For example “share a file with my team without e-mail”."),
    )  # fmt: skip
    slots = forms.MultipleChoiceField(
        label=_("When are you usually free for an hour?"), widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every half-day that suits you."),
        error_messages={"required": _("Choose at least one time in the week when you are free.")},
    )  # fmt: skip
    languages = forms.MultipleChoiceField(
        label=_("Which languages can you speak in the meetings?"), choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )  # fmt: skip
    mode = forms.ChoiceField(
        label=_("How would you rather meet?"), choices=Enrolment.Mode.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you would rather meet.")},
    )  # fmt: skip
    capacity = forms.IntegerField(
        label=_("How many people can you mentor?"), min_value=1, max_value=MAX_CAPACITY, initial=1,
        help_text=_("One or two is usual: each takes about an hour every two weeks."),
        error_messages={"required": _("Enter how many people, for example 1."),
                        "invalid": _("Enter a whole number, for example 1."),
                        "min_value": _("Enter 1 or more."), "max_value": _("Enter %(limit_value)s or less.")},
    )  # fmt: skip

    def __init__(self, *args, programme: Programme, role: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slots"].choices = slot_choices()
        competences = Competence.objects.filter(framework_id=programme.framework_id).order_by("order")
        self.fields["competences"].choices = [(c.code, f"{c.code} {c.name}") for c in competences]
        if role == Enrolment.Role.MENTEE:
            self.fields["competences"].label = _("Which skills would you like to work on?")
            self.fields["competences"].help_text = _(
                "Choose one to three: a mentor will be found who is strong on them."
            )
            self.fields["competences"].error_messages["required"] = _("Choose at least one skill to work on.")
            del self.fields["capacity"]
        else:
            self.fields["competences"].label = _("Which skills can you teach?")
            self.fields["competences"].help_text = _(
                "Only skills where your latest assessment gives you level %(level)d or more."
            ) % {"level": programme.mentor_min_level}
            self.fields["competences"].error_messages["required"] = _(
                "Choose at least one skill you can teach."
            )
            del self.fields["goals_text"]

    def multiple(self):
        """The checkbox groups, rendered by mentoring/_checkboxes.html."""
        return [self[name] for name in ("competences", "slots", "languages")]


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Do you accept this pair?"), widget=forms.RadioSelect,
        choices=[("accept", _("Yes, I accept")), ("decline", _("No, I would rather be offered someone else"))],
        error_messages={"required": _("Choose whether you accept the pair.")},
    )  # fmt: skip
    charter = forms.BooleanField(
        label=_("I have read the confidentiality charter and I accept it"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "accept" and not data.get("charter"):
            self.add_error("charter", _("Tick the box to accept the charter, or decline the pair."))
        return data


class MenteeAnswerForm(AnswerForm):
    goals = forms.CharField(
        label=_("What do you want to work on together?"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Your mentor reads it before your first meeting."),
    )  # fmt: skip


class MeetingForm(forms.Form):
    on = _date(_("When did you meet?"), _("For example 14/03/2026. Today or a day in the past."))
    minutes = forms.IntegerField(
        label=_("How many minutes?"), min_value=5, max_value=480, help_text=_("For example 60."),
        error_messages={"required": _("Enter the number of minutes, for example 60."),
                        "invalid": _("Enter the minutes as a number, for example 60."),
                        "min_value": _("Enter at least 5 minutes."), "max_value": _("Enter at most 480 minutes.")},
    )  # fmt: skip
    topics = forms.CharField(
        label=_("What did you talk about?"), max_length=500,
        help_text=_("A few words, for example “shared calendars”. Your mentor or mentee sees it too."),
        error_messages={"required": _("Say in a few words what you talked about.")},
    )  # fmt: skip

    def clean_on(self):
        value = self.cleaned_data["on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Enter today’s date or a day in the past."))
        return value


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful is the mentoring for you?"), choices=Feedback.Rating.choices, coerce=int,
        widget=forms.RadioSelect, error_messages={"required": _("Choose how useful it is.")},
    )  # fmt: skip
    goals_reached = forms.ChoiceField(
        label=_("Are the goals reached?"), choices=Feedback.Goals.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the goals are reached.")},
    )  # fmt: skip
    comment = forms.CharField(
        label=_("Anything to add?"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only you and the Chief Digital Officer read it."),
    )  # fmt: skip


class SwapForm(forms.Form):
    first = forms.ModelChoiceField(label=_("First pair"), queryset=Pair.objects.none(),
                                   error_messages={"required": _("Choose the first pair.")})  # fmt: skip
    second = forms.ModelChoiceField(label=_("Second pair"), queryset=Pair.objects.none(),
                                    error_messages={"required": _("Choose the second pair.")})  # fmt: skip

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        pairs = Pair.objects.filter(programme=programme, status=Pair.Status.PROPOSED).select_related(
            "mentor__person", "mentee__person"
        )
        for name in ("first", "second"):
            self.fields[name].queryset = pairs
            self.fields[name].label_from_instance = lambda p: f"{p.mentee.person} ← {p.mentor.person}"
