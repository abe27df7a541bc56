"""The shadow committee: proposals that champions carry to leadership, colleagues' support,
and every step of each proposal's life with who took it, when, and what leadership said."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.people.models import Organisation, Person


class Proposal(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        ADOPTED = "adopted", _("Adopted")
        DECLINED = "declined", _("Declined")
        IMPLEMENTED = "implemented", _("Implemented")

    # Leadership still owes an answer in these statuses.
    WAITING = (Status.SUBMITTED, Status.UNDER_REVIEW)
    # The next statuses each status may move to; an answer (adopted or declined) needs words.
    TRANSITIONS = {
        Status.SUBMITTED: (Status.UNDER_REVIEW, Status.ADOPTED, Status.DECLINED),
        Status.UNDER_REVIEW: (Status.ADOPTED, Status.DECLINED),
        Status.ADOPTED: (Status.IMPLEMENTED,),
        Status.DECLINED: (),
        Status.IMPLEMENTED: (),
    }
    ANSWERS = (Status.ADOPTED, Status.DECLINED)

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=150)
    problem = models.TextField(_("what is the problem today?"), max_length=4000)
    proposal = models.TextField(_("what do you propose?"), max_length=4000)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(default=timezone.now)
    answer_due_on = models.DateField(_("answer due by"))
    answer = models.TextField(_("leadership's answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["organisation", "status"])]
        verbose_name = _("proposal")

    def __str__(self) -> str:
        return self.title

    def is_waiting(self) -> bool:
        return self.status in self.WAITING

    def is_overdue(self, today=None) -> bool:
        return self.is_waiting() and self.answer_due_on < (today or timezone.localdate())

    def next_statuses(self) -> tuple:
        return self.TRANSITIONS[self.Status(self.status)]


class ProposalStep(models.Model):
    """One move of a proposal (its submission included): the public record of decisions."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(max_length=20, choices=Proposal.Status.choices)
    by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal} → {self.status}"


class Support(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "person"], name="support_once")]

    def __str__(self) -> str:
        return f"{self.person} supports {self.proposal}"
