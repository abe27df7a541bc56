"""Certification sessions, their candidates and incidents, and the certificates they give.

A session is run by a proctor in a room (or on line) at a date; candidates join it with
the session's code and take a proctored test (an `assessments.Assessment` in
certification mode). Finalising the session scores every candidate; publishing the
results (at once, or after the CDO's review) issues the certificates.
"""

import secrets
import zoneinfo
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.assessments.models import Assessment
from acculture.content.models import Item
from acculture.frameworks.models import Framework
from acculture.people.models import Organisation, Person, User

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or copied from paper stays unambiguous.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"


def random_code(length: int, prefix: str = "") -> str:
    return prefix + "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class CertificationSession(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        FINALISED = "finalised", _("Finalised — results waiting for review")
        PUBLISHED = "published", _("Results published")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="certification_sessions"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("date and time"))
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    place = models.CharField(_("place"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    # Reviewed: the results wait for the CDO (Perm.CERTIFICATION_REVIEW) before publication.
    review_required = models.BooleanField(_("results reviewed by the CDO before publication"), default=False)
    candidate_code = models.CharField(max_length=8, unique=True, editable=False)
    proctor_code = models.CharField(max_length=8, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finalised_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("certification session")

    def __str__(self) -> str:
        return f"{self.place} {self.starts_at:%Y-%m-%d}"

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, zoneinfo.ZoneInfo(self.time_zone))

    def accepts_candidates(self, now=None) -> bool:
        """The candidates' code works on the day of the session (in its time zone)."""
        if self.status != self.Status.SCHEDULED:
            return False
        now = now or timezone.now()
        zone = zoneinfo.ZoneInfo(self.time_zone)
        return timezone.localtime(now, zone).date() == self.local_start.date()


class Candidate(models.Model):
    """A person enrolled in a session, from enrolment to their result."""

    class Stage(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        ARRIVED = "arrived", _("Joined, waiting for the proctor")
        CHECKED = "checked", _("Identity checked, waiting to start")
        TESTING = "testing", _("Taking the test")
        PAUSED = "paused", _("Paused, waiting for the proctor")
        DONE = "done", _("Finished")
        ENDED = "ended", _("Ended by the proctor")
        ABSENT = "absent", _("Absent")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Waiting for the results")
        CERTIFIED = "certified", _("Certified")
        REJECTED = "rejected", _("No valid result")

    session = models.ForeignKey(CertificationSession, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="certification_candidacies")
    extra_time_percent = models.PositiveSmallIntegerField(_("extra time (%)"), default=0)
    accommodation = models.CharField(_("other accommodation"), max_length=300, blank=True)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.ENROLLED)
    # The proctor's go-ahead: the candidate's page starts (or resumes) the test only while set.
    start_authorised = models.BooleanField(default=False)
    assessment = models.OneToOneField(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidate"
    )
    joined_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    rejection_reason = models.CharField(max_length=300, blank=True)
    # The finalised score: {"overall", "band", "levels": {code: level}, "answers": n, "withdrawn": n}
    score = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["session", "person__last_name", "person__first_name"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="candidate_unique_person")]
        verbose_name = _("candidate")

    def __str__(self) -> str:
        return f"{self.person} @ {self.session_id}"

    @property
    def seconds_per_item(self) -> int:
        base = settings.CERTIFICATION_SECONDS_PER_ITEM
        return base + base * self.extra_time_percent // 100

    @property
    def finished(self) -> bool:
        return self.stage in (self.Stage.DONE, self.Stage.ENDED, self.Stage.ABSENT)


class Incident(models.Model):
    class Category(models.TextChoices):
        TECHNICAL = "technical", _("Technical problem")
        FRAUD = "fraud", _("Suspected fraud")
        IDENTITY = "identity", _("Identity")
        LATE_OR_LEAVING = "late_or_leaving", _("Late arrival or leaving")
        QUESTION = "question", _("Problem with a question")

    session = models.ForeignKey(CertificationSession, on_delete=models.CASCADE, related_name="incidents")
    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.CASCADE, related_name="incidents"
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    description = models.TextField(_("what happened"))
    # A question problem names the item; once validated, that question counts for no one.
    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    validated = models.BooleanField(_("validated"), default=False)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at"]
        verbose_name = _("incident")

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.session_id})"


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="certificates")
    candidate = models.OneToOneField(
        Candidate, null=True, blank=True, on_delete=models.SET_NULL, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=10, unique=True, editable=False)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    overall_level = models.DecimalField(_("overall level"), max_digits=3, decimal_places=1)
    band = models.CharField(_("band"), max_length=20)
    levels = models.JSONField(_("levels per competence"), default=dict)  # {"1.1": 3.4, …}
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("valid until"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)
    revoked_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The holder decides whether the public page shows their name and levels.
    shared = models.BooleanField(_("details shown on the public page"), default=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["person", "-issued_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("issued_on")), name="certificate_dates"
            )
        ]
        verbose_name = _("certificate")

    def __str__(self) -> str:
        return self.code

    def status_on(self, today: date | None = None) -> "Certificate.Status":
        if self.revoked_at is not None:
            return self.Status.REVOKED
        today = today or timezone.localdate()
        return self.Status.EXPIRED if today > self.expires_on else self.Status.VALID

    @property
    def status(self) -> "Certificate.Status":
        return self.status_on()
