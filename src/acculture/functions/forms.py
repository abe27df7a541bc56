"""Defining a function, assigning holders (one person or a file), filtering HR's list."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.frameworks.models import Competence, Framework
from acculture.functions.models import MAX_LEVEL, MIN_LEVEL, Function
from acculture.people.models import Person, Unit
from acculture.widgets import DateInput

ONE_PLACE = Decimal("0.1")
LEVEL_RANGE = _("Enter a level between 0 and 8, for example 3.5.")


class LevelField(forms.DecimalField):
    """A level from 0 to 8 with one decimal; "3,5" is read like "3.5" (French keyboards)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "input-short", "autocomplete": "off"})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(
            min_value=MIN_LEVEL, max_value=MAX_LEVEL, max_digits=2, decimal_places=1,
            error_messages={
                "invalid": _("Enter the level as a number, for example 3.5."),
                "min_value": LEVEL_RANGE, "max_value": LEVEL_RANGE, "max_digits": LEVEL_RANGE,
                "max_decimal_places": _("Use at most one decimal, for example 3.5."),
                "max_whole_digits": LEVEL_RANGE,
            },
            **kwargs,
        )  # fmt: skip

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        value = super().to_python(value)
        if value is not None and value.is_finite() and MIN_LEVEL <= value <= MAX_LEVEL:
            if value != value.quantize(ONE_PLACE):
                raise forms.ValidationError(
                    self.error_messages["max_decimal_places"], code="max_decimal_places"
                )
            value = value.quantize(ONE_PLACE)  # "3.50" is 3.5, not three digits
        return value

    def validate(self, value):
        # A value like 12 would fail "max_digits" first; the range says how to fix it.
        if value is not None and value.is_finite() and not MIN_LEVEL <= value <= MAX_LEVEL:
            raise forms.ValidationError(LEVEL_RANGE, code="max_value")
        super().validate(value)


class FunctionForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the function"),
        max_length=200,
        help_text=_("For example “Records officer” or “Head of unit”."),
        error_messages={"required": _("Enter the name of the function, for example “Records officer”.")},
    )
    description = forms.CharField(
        label=_("What the function involves (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    overall_level = LevelField(
        label=_("Minimum overall level (optional)"),
        help_text=_("From 0 to 8, one decimal allowed, for example 3.5. Leave empty for no overall minimum."),
    )
    evidence = forms.ChoiceField(
        label=_("What proves the level?"),
        choices=Function.EvidenceKind.choices,
        initial=Function.EvidenceKind.ASSESSMENT,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what proves the level.")},
    )
    assessment_months = forms.IntegerField(
        label=_("How recent must an assessment be (months)?"),
        min_value=1,
        max_value=60,
        initial=12,
        help_text=_("Only used when an assessment is enough. For example 12."),
        error_messages={
            "required": _("Enter a number of months, for example 12."),
            "invalid": _("Enter the months as a number, for example 12."),
            "min_value": _("Enter between 1 and 60 months."),
            "max_value": _("Enter between 1 and 60 months."),
        },
    )
    grace_days = forms.IntegerField(
        label=_("Grace period (days)"),
        min_value=0,
        max_value=1000,
        initial=180,
        help_text=_("Days from when a person takes the function to reach the level. For example 180."),
        error_messages={
            "required": _("Enter a number of days, for example 180."),
            "invalid": _("Enter the days as a number, for example 180."),
            "min_value": _("Enter between 0 and 1,000 days."),
            "max_value": _("Enter between 0 and 1,000 days."),
        },
    )

    def __init__(self, *args, framework: Framework, function: Function | None = None, **kwargs):
        if function is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": function.name, "description": function.description,
                "overall_level": function.overall_level, "evidence": function.evidence,
                "assessment_months": function.assessment_months, "grace_days": function.grace_days,
                **{f"level_{r.competence.code}": r.minimum_level for r in function.competence_requirements.all()},
            }  # fmt: skip
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.competences = list(Competence.objects.filter(framework=framework).order_by("order", "code"))
        for competence in self.competences:
            self.fields[f"level_{competence.code}"] = LevelField(label=f"{competence.code} {competence.name}")

    def competence_fields(self):
        return [self[f"level_{c.code}"] for c in self.competences]

    def main_fields(self):
        return [self[name] for name in ("name", "description", "overall_level")]

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("overall_level") is None and not any(self.minimums().values()):
            raise forms.ValidationError(
                _("Give at least one minimum level: the overall level or the level of a competence.")
            )
        return data

    def minimums(self) -> dict:
        return {
            c: self.cleaned_data.get(f"level_{c.code}")
            for c in self.competences
            if self.cleaned_data.get(f"level_{c.code}") is not None
        }


class HolderForm(forms.Form):
    employee_number = forms.CharField(
        label=_("Employee number"),
        max_length=40,
        help_text=_("As in the staff list, for example A12345."),
        error_messages={"required": _("Enter the employee number of the person, for example A12345.")},
    )
    started_on = forms.DateField(
        label=_("Since when does the person hold the function?"),
        widget=DateInput,
        help_text=_("For example 01/09/2026. The grace period starts on this date."),
        error_messages={
            "required": _("Enter the date, for example 01/09/2026."),
            "invalid": _("Enter a real date, for example 01/09/2026."),
        },
    )

    def __init__(self, *args, organisation, **kwargs):
        kwargs.setdefault("initial", {"started_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_employee_number(self):
        number = self.cleaned_data["employee_number"].strip()
        person = Person.objects.filter(organisation=self.organisation, employee_number=number).first()
        if person is None:
            raise forms.ValidationError(
                _("No one in your organisation has the employee number %(n)s. Check it in the staff list.")
                % {"n": number}
            )
        if not person.is_active:
            raise forms.ValidationError(_("This person has left the organisation (inactive)."))
        self.person = person
        return number


class HolderUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File of holders"),
        help_text=_("A CSV file (UTF-8, comma or semicolon) or an Excel .xlsx file, with the columns below."),
        error_messages={
            "required": _("Choose the file to upload."),
            "empty": _("The file you chose is empty."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB. Split it into smaller files."))
        return upload


class ComplianceFilterForm(forms.Form):
    function = forms.ModelChoiceField(
        label=_("Function"), queryset=Function.objects.none(), required=False, empty_label=_("All functions")
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("All units"),
        help_text=_("A unit includes the units below it."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["function"].queryset = Function.objects.filter(organisation=organisation)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)
