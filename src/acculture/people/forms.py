from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from acculture.people.models import GRANTABLE_ROLES, Person


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your e-mail address, for example jeanne.martin@example.org."),
            "invalid": _("Enter an e-mail address in the right form, for example jeanne.martin@example.org."),
        },
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password.")},
    )


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label=_("Staff file"),
        help_text=_(
            "A CSV file (UTF-8, comma or semicolon) or an Excel .xlsx file, with the columns listed below."
        ),
        error_messages={
            "required": _("Choose the file to import."),
            "empty": _("The file you chose is empty."),
        },
    )
    deactivate_missing = forms.BooleanField(
        label=_("Deactivate people who are not in this file"),
        help_text=_("Use this when the file is the full, current staff list."),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not (name.endswith(".csv") or name.endswith(".xlsx") or name.endswith(".txt")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        return upload


class RoleGrantForm(forms.Form):
    employee_number = forms.CharField(
        label=_("Employee number"),
        max_length=40,
        error_messages={"required": _("Enter the employee number of the person, for example A12345.")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(r.value, r.label) for r in GRANTABLE_ROLES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the role to give.")},
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_employee_number(self):
        number = self.cleaned_data["employee_number"].strip()
        person = Person.objects.filter(
            organisation=self.organisation, employee_number=number, is_active=True
        ).first()
        if person is None:
            raise forms.ValidationError(
                _("No active member of staff has this employee number. Check it and try again.")
            )
        self.person = person
        return number


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Also sends the link to staff who never set a password: their account is created
    on this first request, which is how imported staff get in for the first time."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your e-mail address, for example jeanne.martin@example.org."),
            "invalid": _("Enter an e-mail address in the right form, for example jeanne.martin@example.org."),
        },
    )

    def get_users(self, email):
        from acculture.people.services import account_for_person

        for person in Person.objects.filter(email__iexact=email, is_active=True, organisation__isnull=False):
            user = account_for_person(person=person)
            if user.is_active:
                yield user


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is this token for?"),
        help_text=_("A name to recognise it later, for example “Reporting script”."),
        max_length=100,
        error_messages={"required": _("Give the token a name, for example “Reporting script”.")},
    )
