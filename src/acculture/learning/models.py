"""Learning time: the allowance an organisation gives its staff, and the time they spend."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.people.models import Organisation, Person, Unit, User


class AllowancePolicy(models.Model):
    """How many minutes a month of learning time people are given, from a date on.

    A policy without a unit covers the whole organisation; one with a unit covers that
    unit and every unit below it; one with a function covers the people who hold that
    function (a job that needs a minimum level may get more time), from the day they
    took it. `requires_approval` only means something on organisation-wide policies: it
    says whether declared time waits for the manager's approval.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    function = models.ForeignKey(
        "functions.Function", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    minutes_per_month = models.PositiveIntegerField(_("minutes per month"))
    effective_from = models.DateField(_("from"))
    requires_approval = models.BooleanField(_("declared time needs the manager's approval"), default=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["unit__path", "-effective_from"]
        constraints = [
            # A policy is for a unit or for a function, never both: "the most specific
            # wins" then has one answer (docs/learning-time.md).
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True) | models.Q(function__isnull=True),
                name="allowancepolicy_unit_or_function",
            ),
        ]
        verbose_name = _("learning-time policy")
        verbose_name_plural = _("learning-time policies")

    def __str__(self) -> str:
        return (
            f"{self.function or self.unit or self.organisation}: "
            f"{self.minutes_per_month} min/month from {self.effective_from}"
        )


class TimeEntry(models.Model):
    """Time one person spent learning, recorded by the platform or declared by them."""

    class Source(models.TextChoices):
        ASSESSMENT = "assessment", _("Assessment")
        WORKSHOP = "workshop", _("Workshop")
        MENTORING = "mentoring", _("Mentoring")
        TUTORIAL = "tutorial", _("Tutorial")
        DECLARED = "declared", _("Other learning")

    class Status(models.TextChoices):
        APPROVED = "approved", _("Counted")
        PENDING = "pending", _("Waiting for your manager")
        REJECTED = "rejected", _("Not counted")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="time_entries")
    source = models.CharField(_("kind of learning"), max_length=20, choices=Source.choices)
    minutes = models.PositiveIntegerField(_("minutes"))
    date = models.DateField(_("date"))
    description = models.CharField(_("what I did"), max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPROVED)
    # What the time came from ("assessment:42"): crediting the same thing twice finds it.
    reference = models.CharField(max_length=100, blank=True)
    approved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "reference"],
                condition=~models.Q(reference=""),
                name="timeentry_unique_reference",
            ),
        ]
        indexes = [models.Index(fields=["person", "date"])]
        verbose_name = _("learning-time entry")
        verbose_name_plural = _("learning-time entries")

    def __str__(self) -> str:
        return f"{self.person} {self.date} {self.minutes} min ({self.source})"

    @property
    def label(self) -> str:
        return self.description or str(self.get_source_display())
