"""Campaigns, assessments, their responses and results."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.content.models import Item
from acculture.frameworks.models import Competence, Framework
from acculture.people.models import HierarchyLevel, Organisation, Person, Site, Unit, User


class Campaign(models.Model):
    """An invitation to a group of staff to take the assessment between two dates."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        LAUNCHED = "launched", _("Launched")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="campaigns")
    title = models.CharField(_("title"), max_length=200)
    message = models.TextField(_("message to the people invited"), blank=True)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    competences = models.ManyToManyField(
        Competence, blank=True, related_name="+", verbose_name=_("competences")
    )
    units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("units"))
    include_subunits = models.BooleanField(_("include the units below"), default=True)
    sites = models.ManyToManyField(Site, blank=True, related_name="+", verbose_name=_("sites"))
    hierarchy_levels = models.JSONField(_("hierarchy levels"), default=list, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    mandatory = models.BooleanField(_("mandatory"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    launched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("campaign")

    def __str__(self) -> str:
        return self.title

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.LAUNCHED and self.opens_on <= today <= self.closes_on

    def audience(self) -> models.QuerySet[Person]:
        """The active people the campaign is for (every filter given must match)."""
        people = Person.objects.filter(organisation_id=self.organisation_id, is_active=True)
        units = list(self.units.all())
        if units:
            if self.include_subunits:
                branch = Q()
                for unit in units:
                    branch |= Q(unit=unit) | Q(unit__path__startswith=unit.path + " / ")
                people = people.filter(branch)
            else:
                people = people.filter(unit__in=units)
        sites = list(self.sites.all())
        if sites:
            people = people.filter(site__in=sites)
        if self.hierarchy_levels:
            people = people.filter(hierarchy_level__in=self.hierarchy_levels)
        return people

    def hierarchy_level_labels(self) -> list[str]:
        return [HierarchyLevel(level).label for level in self.hierarchy_levels]


class Invitation(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    invited_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "person"], name="invitation_unique")]

    def __str__(self) -> str:
        return f"{self.campaign} → {self.person}"


class Assessment(models.Model):
    """One sitting of the adaptive test. The engine's state is saved after every answer,
    so a person can stop at any moment and resume later, from any device."""

    class Mode(models.TextChoices):
        PRACTICE = "practice", _("Practice")  # explanations after each answer
        CAMPAIGN = "campaign", _("Campaign")  # explanations at the end
        # Proctored (certification app): certification items only, no feedback, and the
        # levels come from the session's finalisation, not from a Result of their own.
        CERTIFICATION = "certification", _("Certification")

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assessments")
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="assessments"
    )
    mode = models.CharField(max_length=16, choices=Mode.choices)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    competence_codes = models.JSONField(default=list, blank=True)  # the scope; empty = all
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    engine_state = models.JSONField(default=dict)
    seed = models.BigIntegerField()
    # The question on screen: a replayed request finds it here and gets the same page.
    current_item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    current_position = models.PositiveIntegerField(default=1)
    presented_at = models.DateTimeField(null=True, blank=True)
    seconds_spent = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            # One test in progress per person: two tabs resume the same one. A proctored
            # certification test may run while a practice test waits (the certification app
            # keeps its own one-per-enrolment rule).
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="in_progress") & ~Q(mode="certification"),
                name="assessment_one_in_progress",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.started_at:%Y-%m-%d}"

    @property
    def answered(self) -> int:
        return self.current_position - 1


class Response(models.Model):
    """An answer, written in the same transaction as the engine's new state."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="responses")
    position = models.PositiveIntegerField()
    answer = models.JSONField(default=dict, blank=True)
    dont_know = models.BooleanField(default=False)
    correct = models.BooleanField()
    scored = models.BooleanField(default=True)  # pre-test items are recorded, never scored
    presented_at = models.DateTimeField()
    answered_at = models.DateTimeField(default=timezone.now)
    seconds = models.PositiveIntegerField(default=0)
    idempotency_key = models.CharField(max_length=64)

    class Meta:
        ordering = ["assessment", "position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "position"], name="response_unique_position"),
            models.UniqueConstraint(fields=["assessment", "item"], name="response_unique_item"),
            models.UniqueConstraint(fields=["assessment", "idempotency_key"], name="response_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} #{self.position} {self.item_id}"


class Result(models.Model):
    """The profile an assessment gave: one entry per competence, and the overall level."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="result")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="results")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)
    overall_level = models.FloatField()
    overall_band = models.CharField(max_length=20, blank=True)
    # [{"competence": "1.1", "theta", "sd", "level", "low", "high", "band", "items"}, …]
    competences = models.JSONField(default=list)
    items_answered = models.PositiveIntegerField(default=0)
    seconds_spent = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-completed_at"]
        indexes = [models.Index(fields=["person", "-completed_at"])]

    def __str__(self) -> str:
        return f"{self.person} {self.overall_level:.1f}"

    def by_code(self) -> dict[str, dict]:
        return {entry["competence"]: entry for entry in self.competences}
