"""Functions (job roles) of an organisation, the minimum digital level each requires,
and who holds them."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.frameworks.models import Competence, Framework
from acculture.people.models import Organisation, Person, User

MIN_LEVEL = Decimal("0.0")
MAX_LEVEL = Decimal("8.0")
LEVEL_VALIDATORS = [MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)]


def level_field(verbose_name, **kwargs) -> models.DecimalField:
    # Levels run 0–8 with one decimal, as results show them ("level 3.4").
    return models.DecimalField(
        verbose_name, max_digits=2, decimal_places=1, validators=LEVEL_VALIDATORS, **kwargs
    )


class Function(models.Model):
    """A job role that needs a minimum digital level, checked against each holder's
    evidence (see functions/evaluation.py for the rules)."""

    class EvidenceKind(models.TextChoices):
        ASSESSMENT = "assessment", _("A recent assessment is enough")
        CERTIFICATE = "certificate", _("A valid certificate is required")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="functions")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    overall_level = level_field(_("minimum overall level"), null=True, blank=True)
    evidence = models.CharField(
        _("evidence"), max_length=12, choices=EvidenceKind.choices, default=EvidenceKind.ASSESSMENT
    )
    assessment_months = models.PositiveSmallIntegerField(
        _("an assessment counts for (months)"), default=12, validators=[MinValueValidator(1)]
    )
    grace_days = models.PositiveSmallIntegerField(_("grace period (days)"), default=180)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="function_unique_name"),
            models.CheckConstraint(
                condition=models.Q(overall_level__isnull=True)
                | models.Q(overall_level__gte=MIN_LEVEL, overall_level__lte=MAX_LEVEL),
                name="function_overall_level_range",
            ),
        ]
        verbose_name = _("function")

    def __str__(self) -> str:
        return self.name


class CompetenceRequirement(models.Model):
    function = models.ForeignKey(Function, on_delete=models.CASCADE, related_name="competence_requirements")
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="+")
    minimum_level = level_field(_("minimum level"))

    class Meta:
        ordering = ["competence__order"]
        constraints = [
            models.UniqueConstraint(fields=["function", "competence"], name="requirement_unique_competence"),
            models.CheckConstraint(
                condition=models.Q(minimum_level__gte=MIN_LEVEL, minimum_level__lte=MAX_LEVEL),
                name="requirement_level_range",
            ),
        ]
        verbose_name = _("competence requirement")

    def __str__(self) -> str:
        return f"{self.function} {self.competence.code} ≥ {self.minimum_level}"


class Holding(models.Model):
    """A person holds a function from `started_on`; the grace period runs from there."""

    function = models.ForeignKey(Function, on_delete=models.CASCADE, related_name="holdings")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="function_holdings")
    started_on = models.DateField(_("holds the function since"))
    assigned_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["function__name", "person__last_name", "person__first_name"]
        constraints = [models.UniqueConstraint(fields=["function", "person"], name="holding_unique_person")]
        verbose_name = _("function holder")

    def __str__(self) -> str:
        return f"{self.person} — {self.function}"

    @property
    def grace_until(self) -> date:
        return self.started_on + timedelta(days=self.function.grace_days)
