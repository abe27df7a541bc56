"""The Digital Factory: labs, the workshop catalogue, sessions, registrations, attendance."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.frameworks.models import Competence
from acculture.people.models import Organisation, Person, Site


class Track(models.TextChoices):
    DIGITAL_SKILLS = "digital_skills", _("Digital skills")
    AGILE = "agile", _("Agile ways of working")
    DESIGN_THINKING = "design_thinking", _("Design thinking")
    PRODUCT_MANAGEMENT = "product_management", _("Product management")
    DATA_DRIVEN = "data_driven", _("Data-driven decisions")
    CHANGE_LEADERSHIP = "change_leadership", _("Leading change")


class Format(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("On site or online")


class Factory(models.Model):
    """A lab where workshops take place: a room at a site, or an online space (no site)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    address = models.CharField(_("where to find it"), max_length=300, blank=True)
    facilitators = models.ManyToManyField(
        Person, blank=True, related_name="+", verbose_name=_("facilitators")
    )
    is_active = models.BooleanField(_("open"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="factory_unique_name")]
        verbose_name = _("factory")
        verbose_name_plural = _("factories")

    def __str__(self) -> str:
        return self.name

    @property
    def is_online(self) -> bool:
        return self.site_id is None


class Workshop(models.Model):
    """A workshop of the catalogue; it runs as sessions."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what people will do and learn"))
    track = models.CharField(_("track"), max_length=30, choices=Track.choices, default=Track.DIGITAL_SKILLS)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.ON_SITE)
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"))
    prerequisites = models.CharField(_("what to know or bring before"), max_length=500, blank=True)
    is_active = models.BooleanField(_("in the catalogue"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]
        verbose_name = _("workshop")

    def __str__(self) -> str:
        return self.title


class WorkshopTarget(models.Model):
    """A competence a workshop works on, and the levels of the people it suits: someone
    measured between `level_min` and `level_max` in that competence gets it recommended."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="targets")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="+")
    level_min = models.PositiveSmallIntegerField(_("from level"), default=0)
    level_max = models.PositiveSmallIntegerField(_("to level"), default=8)

    class Meta:
        ordering = ["workshop", "competence__order"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "competence"], name="workshoptarget_unique"),
            models.CheckConstraint(
                condition=Q(level_min__lte=models.F("level_max")), name="workshoptarget_levels_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workshop}: {self.competence.code} {self.level_min}–{self.level_max}"


class SessionQuerySet(models.QuerySet):
    def published(self) -> "SessionQuerySet":
        return self.filter(status=Session.Status.PUBLISHED)

    def upcoming(self, now=None) -> "SessionQuerySet":
        return self.filter(starts_at__gt=now or timezone.now())


class Session(models.Model):
    """One run of a workshop: when (with its time zone), where, who runs it, how many seats."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not yet published")
        PUBLISHED = "published", _("Open for registration")
        CANCELLED = "cancelled", _("Cancelled")

    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="sessions")
    factory = models.ForeignKey(Factory, on_delete=models.PROTECT, related_name="sessions")
    facilitator = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # The zone the times are shown in (a session in Nouméa is at 9:00 Nouméa time, whoever reads it).
    time_zone = models.CharField(_("time zone"), max_length=60, default="Europe/Paris")
    place = models.CharField(_("room or address"), max_length=300, blank=True)
    link = models.URLField(_("link to join online"), blank=True)
    capacity = models.PositiveIntegerField(_("seats"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    attendance_taken_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_has_seats"),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]
        verbose_name = _("session")

    def __str__(self) -> str:
        return f"{self.workshop} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def minutes(self) -> int:
        return max(1, round((self.ends_at - self.starts_at).total_seconds() / 60))

    @property
    def seats_left(self) -> int:
        """Free seats; uses the `taken` annotation of selectors.sessions_with_seats when there."""
        taken = getattr(self, "taken", None)
        if taken is None:
            taken = self.registrations.filter(status__in=Registration.HOLDS_SEAT).count()
        return max(0, self.capacity - taken)

    def cancel_deadline(self, hours: int):
        return self.starts_at - timedelta(hours=hours)


class Registration(models.Model):
    """A person's place in a session: a seat, a place in the waiting list, or an offer.

    A seat is held by CONFIRMED and by OFFERED registrations: an offer keeps the seat for
    the waitlisted person until they accept or the offer expires, so nobody who registers
    meanwhile can take it.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("You have a seat")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("A seat is offered to you")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Offer expired")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not yet recorded")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    HOLDS_SEAT = (Status.CONFIRMED, Status.OFFERED)
    ACTIVE = (Status.CONFIRMED, Status.OFFERED, Status.WAITLISTED)

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="workshop_registrations")
    status = models.CharField(max_length=12, choices=Status.choices)
    # Waiting-list order: the time of joining it (then pk, for equal times).
    queued_at = models.DateTimeField(default=timezone.now)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN, blank=True
    )
    # The status whose e-mail has been sent, and when the reminder was: claimed with a
    # conditional UPDATE so that a task run twice never sends a mail twice.
    mailed_status = models.CharField(max_length=12, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="registration_unique_person"),
        ]
        indexes = [models.Index(fields=["session", "status"])]
        verbose_name = _("registration")

    def __str__(self) -> str:
        return f"{self.person} — {self.session} ({self.status})"

    @property
    def holds_seat(self) -> bool:
        return self.status in self.HOLDS_SEAT

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class Feedback(models.Model):
    """What an attendee thought of a session; shown to facilitators without names."""

    class Usefulness(models.IntegerChoices):
        NOT = 1, _("Not useful")
        A_LITTLE = 2, _("A little useful")
        USEFUL = 3, _("Useful")
        VERY = 4, _("Very useful")

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="feedback")
    usefulness = models.PositiveSmallIntegerField(
        _("How useful was the workshop?"), choices=Usefulness.choices
    )
    will_use = models.BooleanField(_("I will use what I learnt at work"), default=False)
    comment = models.TextField(_("Anything to tell the facilitator?"), blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.usefulness}"
