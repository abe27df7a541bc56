"""Writing a proposal, and leadership's decision on it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from acculture.proposals.models import Proposal


class ProposalForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("A short sentence, for example “Sign leave requests online”."),
        error_messages={
            "required": _("Enter a title, for example “Sign leave requests online”."),
            "max_length": _("Use 150 characters or fewer for the title."),
        },
    )
    problem = forms.CharField(
        label=_("What is the problem today?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What gets in the way of colleagues, and how often."),
        error_messages={
            "required": _("Describe the problem colleagues meet today."),
            "max_length": _("Use 4,000 characters or fewer."),
        },
    )
    proposal = forms.CharField(
        label=_("What do you propose?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What should change, and what it would give. You can use simple Markdown: **bold**, lists."
        ),
        error_messages={
            "required": _("Say what you propose to change."),
            "max_length": _("Use 4,000 characters or fewer."),
        },
    )


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What does leadership decide?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what leadership decides.")},
    )
    note = forms.CharField(
        label=_("Leadership's answer"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Everyone on the staff will read it. Needed to adopt or decline: say why, and what happens next."
        ),
        error_messages={"max_length": _("Use 4,000 characters or fewer.")},
    )

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s.value, s.label) for s in proposal.next_statuses()]

    def clean(self):
        data = super().clean()
        if data.get("status") in Proposal.ANSWERS and not data.get("note", "").strip():
            self.add_error("note", _("Write leadership's answer: say why, and what happens next."))
        return data
