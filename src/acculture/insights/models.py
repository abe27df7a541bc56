"""Precomputed figures the dashboard reads: one current profile per person, one row of
figures per unit and month for the trend, and the monthly reports."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.assessments.models import Result
from acculture.frameworks.models import Framework
from acculture.people.models import Organisation, Person, Unit, User

# The first band (levels 1–2) and below: what the dashboard counts as digital illiteracy.
LOW_LEVEL_BELOW = 3.0
MISSING = 255  # a competence never measured, in Profile.levels


class Profile(models.Model):
    """A person's current levels: the latest measure of each competence, kept up to date
    by `insights.services.profile_refresh` when an assessment finishes.

    `levels` holds one byte per competence of the framework, in the framework's order:
    the level × 10 (0–80), or 255 when never measured. Sixteen bytes instead of a JSON
    object, because the dashboard reads 100,000 of them in one query and decodes them in
    one numpy call; a child table would be 1.6 million rows to group on every page.
    """

    person = models.OneToOneField(Person, on_delete=models.CASCADE, primary_key=True, related_name="profile")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    result = models.ForeignKey(Result, null=True, on_delete=models.SET_NULL, related_name="+")
    overall_level = models.FloatField()
    band = models.CharField(max_length=20, blank=True)
    levels = models.BinaryField()
    assessed_at = models.DateTimeField()
    first_level = models.FloatField()
    first_assessed_at = models.DateTimeField()
    assessments = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["organisation", "assessed_at"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.overall_level:.1f}"


class MonthlyFigure(models.Model):
    """The state at the end of a month of the active people of one unit (or of no unit):
    how many, how many assessed by then, how many of those in the first band, and the
    sum of their overall levels. The trend adds them up; the current month is live."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    unit = models.ForeignKey(Unit, null=True, on_delete=models.CASCADE, related_name="+")
    people = models.PositiveIntegerField(default=0)
    assessed = models.PositiveIntegerField(default=0)
    low = models.PositiveIntegerField(default=0)
    level_sum = models.FloatField(default=0.0)
    # People with a result in that month: a month's change is shown only when this is 0
    # or at least the minimum, so that two months side by side never give one person's level.
    changed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "month", "unit"], name="monthlyfigure_unique"),
            models.UniqueConstraint(
                fields=["organisation", "month"],
                condition=models.Q(unit=None),
                name="monthlyfigure_unique_nounit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.unit_id}: {self.assessed}/{self.people}"


class Report(models.Model):
    """The monthly report for the leadership committee, a PDF built by a background task."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be prepared")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month reported on
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    pdf = models.BinaryField(blank=True, default=b"")
    language = models.CharField(max_length=2, default="fr")
    requested_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["organisation", "month"], name="report_unique_month")]
        verbose_name = _("monthly report")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m} {self.status}"
