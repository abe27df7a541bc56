"""The campaign forms: the details, the competences and the audience, one page each,
then a "check and launch" page (the GOV.UK "check answers" pattern)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.assessments.models import Campaign
from acculture.frameworks.models import Competence, Framework
from acculture.people.models import HierarchyLevel, Site, Unit
from acculture.widgets import DateInput


class CampaignDetailsForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("People see it in the e-mail and on their assessment page, for example “Autumn 2026”."),
        error_messages={"required": _("Enter a title for the campaign, for example “Autumn 2026”.")},
    )
    message = forms.CharField(
        label=_("Message to the people invited (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few words on why you ask. It goes in the invitation e-mail."),
    )
    framework = forms.ModelChoiceField(
        label=_("Competency framework"),
        queryset=Framework.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the competency framework.")},
    )
    opens_on = forms.DateField(
        label=_("Opens on"),
        widget=DateInput,
        error_messages={
            "required": _("Enter the date the campaign opens, for example 14/09/2026."),
            "invalid": _("Enter a real date, for example 14/09/2026."),
        },
    )
    closes_on = forms.DateField(
        label=_("Closes on"),
        widget=DateInput,
        help_text=_("Allow at least two weeks: people need 20 to 30 minutes, when they can."),
        error_messages={
            "required": _("Enter the date the campaign closes, for example 30/09/2026."),
            "invalid": _("Enter a real date, for example 30/09/2026."),
        },
    )
    mandatory = forms.BooleanField(
        label=_("Everyone invited is asked to take it (mandatory)"),
        required=False,
        help_text=_("The e-mail and the assessment page then say so."),
    )

    def __init__(self, *args, campaign: Campaign | None = None, **kwargs):
        self.campaign = campaign
        if campaign is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(campaign, name) for name in self.base_fields}
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = Framework.objects.order_by("-is_default", "code", "version")
        if campaign is None:
            self.fields["framework"].initial = Framework.objects.filter(is_default=True).first()
        if campaign is not None and campaign.status == Campaign.Status.LAUNCHED:
            # After launch only the message and the closing date may change.
            for name in ("title", "framework", "opens_on", "mandatory"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        opens = data.get("opens_on", getattr(self.campaign, "opens_on", None))
        closes = data.get("closes_on")
        if closes and closes < timezone.localdate():
            self.add_error("closes_on", _("The closing date has passed. Enter today's date or a later one."))
        elif opens and closes and closes < opens:
            self.add_error("closes_on", _("Enter a closing date after the opening date."))
        return data


class CampaignCompetencesForm(forms.Form):
    ALL, SOME = "all", "some"
    scope = forms.ChoiceField(
        label=_("Which competences does the assessment cover?"),
        choices=[(ALL, _("All the competences of the framework")), (SOME, _("Only the ones I choose below"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose all the competences, or only some.")},
    )
    competences = forms.ModelMultipleChoiceField(
        label=_("Competences"),
        queryset=Competence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        chosen = list(campaign.competences.all())
        kwargs.setdefault(
            "initial", {"scope": self.SOME if chosen else self.ALL, "competences": [c.pk for c in chosen]}
        )
        super().__init__(*args, **kwargs)
        self.fields["competences"].queryset = Competence.objects.filter(
            framework=campaign.framework
        ).select_related("domain")

    def groups(self):
        """The checkboxes grouped by domain: [(domain, [bound checkbox, …]), …]."""
        competences = {str(c.pk): c for c in self.fields["competences"].queryset}
        groups: dict = {}
        for checkbox in self["competences"]:
            competence = competences[str(checkbox.data["value"])]
            groups.setdefault(competence.domain, []).append((competence, checkbox))
        return list(groups.items())

    def clean(self):
        data = super().clean()
        if data.get("scope") == self.SOME and not data.get("competences"):
            self.add_error(
                "competences", _("Choose at least one competence, or choose “All the competences”.")
            )
        return data

    def chosen(self) -> list[Competence]:
        """The competences to keep: none means all."""
        return list(self.cleaned_data["competences"]) if self.cleaned_data["scope"] == self.SOME else []


class CampaignAudienceForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none for the whole organisation."),
    )
    include_subunits = forms.TypedChoiceField(
        label=_("Include the units below the ones you chose?"),
        choices=[("yes", _("Yes, and every unit below them")), ("no", _("No, only the units I chose"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to include the units below.")},
    )
    sites = forms.ModelMultipleChoiceField(
        label=_("Sites"),
        queryset=Site.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none for every site."),
    )
    hierarchy_levels = forms.MultipleChoiceField(
        label=_("Hierarchy levels"),
        choices=HierarchyLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none for every level."),
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "units": [u.pk for u in campaign.units.all()],
                "include_subunits": "yes" if campaign.include_subunits else "no",
                "sites": [s.pk for s in campaign.sites.all()],
                "hierarchy_levels": list(campaign.hierarchy_levels),
            },
        )
        super().__init__(*args, **kwargs)
        organisation = campaign.organisation_id
        self.fields["units"].queryset = Unit.objects.filter(organisation_id=organisation).order_by("path")
        self.fields["sites"].queryset = Site.objects.filter(organisation_id=organisation)

    def unit_checkboxes(self):
        """(unit, bound checkbox) in tree order, so the template can indent by depth."""
        units = {str(u.pk): u for u in self.fields["units"].queryset}
        return [(units[str(box.data["value"])], box) for box in self["units"]]
