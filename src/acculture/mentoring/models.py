"""Reverse-mentoring programmes, who enrolled, the pairs and what they did together."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.frameworks.models import Framework
from acculture.people.models import HierarchyLevel, Organisation, Person, User

# Weekly slots a person can meet in: weekday × half-day, "mon-am" … "fri-pm".
DAYS = [("mon", _("Monday")), ("tue", _("Tuesday")), ("wed", _("Wednesday")), ("thu", _("Thursday")),
        ("fri", _("Friday"))]  # fmt: skip
HALVES = [("am", _("morning")), ("pm", _("afternoon"))]
SLOTS = [f"{day}-{half}" for day, _label in DAYS for half, _l in HALVES]
# Higher is more senior: a mentor must be strictly below their mentee.
RANK = {HierarchyLevel.STAFF: 0, HierarchyLevel.MIDDLE_MANAGER: 1, HierarchyLevel.SENIOR_MANAGER: 2,
        HierarchyLevel.EXECUTIVE: 3}  # fmt: skip


def slot_label(code: str) -> str:
    day, half = code.split("-")
    return f"{dict(DAYS)[day]} {dict(HALVES)[half]}"


def slot_choices() -> list[tuple[str, str]]:
    return [(code, slot_label(code)) for code in SLOTS]


class Programme(models.Model):
    """A cohort: who may mentor, who may be mentored, the rules, and the dates."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Open for enrolment")
        RUNNING = "running", _("Pairs published")
        CLOSED = "closed", _("Finished")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it is for"), blank=True)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    enrol_until = models.DateField(_("enrolment closes on"))
    starts_on = models.DateField(_("pairs start on"))
    ends_on = models.DateField(_("programme ends on"))
    meeting_every_days = models.PositiveSmallIntegerField(_("meet every (days)"), default=14)
    meeting_minutes = models.PositiveSmallIntegerField(_("usual meeting length (minutes)"), default=60)
    charter = models.TextField(_("confidentiality charter"))
    answer_within_days = models.PositiveSmallIntegerField(_("days to accept or decline a pair"), default=7)
    mentor_min_level = models.PositiveSmallIntegerField(_("minimum level to teach a competence"), default=5)
    mentor_levels = models.JSONField(_("who may mentor"), default=list)
    mentee_levels = models.JSONField(_("who may be mentored"), default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    matched_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("mentoring programme")

    def __str__(self) -> str:
        return self.title

    @property
    def midpoint(self):
        return self.starts_on + (self.ends_on - self.starts_on) / 2

    def is_open_for(self, person: Person, today=None) -> bool:
        """May `person` enrol today, and on which side? Returns True if on either."""
        return bool(self.roles_open_to(person, today))

    def roles_open_to(self, person: Person, today=None) -> list[str]:
        today = today or timezone.localdate()
        if (
            self.status != self.Status.OPEN
            or today > self.enrol_until
            or person.organisation_id != self.organisation_id
        ):
            return []
        roles = []
        if person.hierarchy_level in self.mentor_levels:
            roles.append(Enrolment.Role.MENTOR)
        if person.hierarchy_level in self.mentee_levels:
            roles.append(Enrolment.Role.MENTEE)
        return roles


class Enrolment(models.Model):
    """One person on one side of a programme, with what the matching needs to know."""

    class Role(models.TextChoices):
        MENTOR = "mentor", _("Mentor")
        MENTEE = "mentee", _("Mentee")

    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        ON_SITE = "on_site", _("On site")
        EITHER = "either", _("Either")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentoring_enrolments")
    role = models.CharField(max_length=10, choices=Role.choices)
    # Competence codes: a mentee's goals, or what a mentor offers to teach.
    competences = models.JSONField(default=list)
    goals_text = models.TextField(_("in your own words"), blank=True)
    slots = models.JSONField(default=list)
    languages = models.JSONField(default=list)
    mode = models.CharField(_("how to meet"), max_length=10, choices=Mode.choices, default=Mode.EITHER)
    capacity = models.PositiveSmallIntegerField(_("how many people"), default=1)
    enrolled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["programme", "role", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="enrolment_one_per_programme"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"


class Pair(models.Model):
    """A mentor and a mentee, from the proposal to the end of the programme."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        PUBLISHED = "published", _("Waiting for both answers")
        ACTIVE = "active", _("Under way")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("No answer in time")
        EXCLUDED = "excluded", _("Excluded by the CDO")
        ENDED = "ended", _("Finished")

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    LIVE = (Status.PROPOSED, Status.PUBLISHED, Status.ACTIVE)

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="pairs")
    mentor = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="as_mentor")
    mentee = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="as_mentee")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    locked = models.BooleanField(default=False)
    score = models.FloatField(default=0)
    # The matching's reasons as data, put in words in the reader's language when shown.
    reasons = models.JSONField(default=dict)
    respond_by = models.DateField(null=True, blank=True)
    mentor_answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    mentee_answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    mentor_charter_at = models.DateTimeField(null=True, blank=True)
    mentee_charter_at = models.DateTimeField(null=True, blank=True)
    agreed_goals = models.TextField(_("what we agree to work on"), blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    nudged_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["programme", "mentee__person__last_name"]
        constraints = [
            # A mentee has at most one live pair; a declined or excluded pair stays as a record.
            models.UniqueConstraint(
                fields=["mentee"], condition=Q(status__in=["proposed", "published", "active"]),
                name="pair_one_live_per_mentee",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.mentor.person} → {self.mentee.person}"

    def side_of(self, person: Person) -> str | None:
        if person.pk == self.mentor.person_id:
            return Enrolment.Role.MENTOR
        if person.pk == self.mentee.person_id:
            return Enrolment.Role.MENTEE
        return None

    @property
    def charter_agreed(self) -> bool:
        return self.mentor_charter_at is not None and self.mentee_charter_at is not None


class Meeting(models.Model):
    """A meeting one side logged; its time counts as learning time for both."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="meetings")
    on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    topics = models.CharField(_("what you talked about"), max_length=500)
    logged_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    idempotency_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="meeting_unique_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pair} {self.on} {self.minutes} min"


class Feedback(models.Model):
    """A check-in half-way or the feedback at the end, from one side of a pair. Only its
    author and the CDO (audited) ever read it; reports show counts of large groups."""

    class Kind(models.TextChoices):
        MIDPOINT = "midpoint", _("Half-way check-in")
        FINAL = "final", _("End-of-programme feedback")

    class Rating(models.IntegerChoices):
        NOT_USEFUL = 1, _("Not useful")
        A_LITTLE = 2, _("A little useful")
        USEFUL = 3, _("Useful")
        VERY_USEFUL = 4, _("Very useful")

    class Goals(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("Not yet")

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    rating = models.PositiveSmallIntegerField(_("how useful is it?"), choices=Rating.choices)
    goals_reached = models.CharField(_("are the goals reached?"), max_length=10, choices=Goals.choices)
    comment = models.TextField(_("anything to add"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pair", "author", "kind"], name="feedback_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.pair} {self.kind} by {self.author}"
