"""Organisations, their units, sites and staff; accounts, roles and the audit log."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

UNIT_SEPARATOR = " / "


class Organisation(models.Model):
    """The tenant boundary: nothing of one organisation is ever shown to another."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="site_unique_name")]
        verbose_name = _("site")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A node of the organisation chart. `path` is the full name from the root
    ("Direction générale / DSI / Bureau des usages"), kept so that a whole branch is one
    `path__startswith` query and imports can match units without walking the tree."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(_("name"), max_length=200)
    path = models.CharField(_("full path"), max_length=1000)
    depth = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["organisation", "path"], name="unit_unique_path")]
        verbose_name = _("unit")

    def __str__(self) -> str:
        return self.path

    def branch(self) -> models.QuerySet["Unit"]:
        """This unit and every unit below it."""
        return Unit.objects.filter(organisation_id=self.organisation_id).filter(
            models.Q(pk=self.pk) | models.Q(path__startswith=self.path + UNIT_SEPARATOR)
        )


class HierarchyLevel(models.TextChoices):
    EXECUTIVE = "executive", _("Executive")
    SENIOR_MANAGER = "senior_manager", _("Senior manager")
    MIDDLE_MANAGER = "middle_manager", _("Middle manager")
    STAFF = "staff", _("Team member")


class Language(models.TextChoices):
    FR = "fr", "Français"
    EN = "en", "English"


class PersonQuerySet(models.QuerySet):
    def active(self) -> "PersonQuerySet":
        return self.filter(is_active=True)

    def in_units(self, units) -> "PersonQuerySet":
        return self.filter(unit__in=units)


class Person(models.Model):
    """A member of staff as HR knows them. The login account (User) is separate: it is
    created the first time the person sets a password, so importing 100,000 people does
    not create 100,000 accounts nobody uses yet."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    employee_number = models.CharField(_("employee number"), max_length=40)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"))
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="people")
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.PROTECT, related_name="people")
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    hierarchy_level = models.CharField(
        _("hierarchy level"), max_length=20, choices=HierarchyLevel.choices, default=HierarchyLevel.STAFF
    )
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    # Only ever used in aggregate statistics (the "digital natives" view), never shown alone.
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.FR)
    is_active = models.BooleanField(_("active"), default=True)
    user = models.OneToOneField(
        "people.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "employee_number"], name="person_unique_number"),
        ]
        indexes = [models.Index(fields=["organisation", "email"])]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login account: an e-mail address and a password (argon2)."""

    email = models.EmailField(_("e-mail address"), unique=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(_("can use the technical admin"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        verbose_name = _("account")

    def __str__(self) -> str:
        return self.email


class Role(models.TextChoices):
    """Everyone who is staff is an employee; managers are derived from reporting lines;
    the others are granted; the platform admin is a superuser account."""

    EMPLOYEE = "employee", _("Employee")
    MANAGER = "manager", _("Manager")
    CHAMPION = "champion", _("Digital champion")
    FACILITATOR = "facilitator", _("Facilitator")
    PROCTOR = "proctor", _("Proctor")
    HR = "hr", _("Human resources")
    CDO = "cdo", _("Chief Digital Officer")
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")


GRANTABLE_ROLES = (Role.CHAMPION, Role.FACILITATOR, Role.PROCTOR, Role.HR, Role.CDO)


class RoleGrant(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=20, choices=[(r.value, r.label) for r in GRANTABLE_ROLES])
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "role"], name="rolegrant_unique")]
        verbose_name = _("role")

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"


class LoginAttempt(models.Model):
    """One try at the login form, kept for the throttle and pruned after a day."""

    email = models.CharField(max_length=254, db_index=True)
    address = models.GenericIPAddressField(null=True)
    succeeded = models.BooleanField()
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.email} {'ok' if self.succeeded else 'failed'} {self.at:%Y-%m-%d %H:%M}"


class AuditEvent(models.Model):
    """Who looked at or changed whose personal data, and when (DESIGN.md, Privacy)."""

    organisation = models.ForeignKey(Organisation, null=True, on_delete=models.SET_NULL, related_name="+")
    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=80)
    subject = models.CharField(max_length=200, blank=True, help_text="What was touched, e.g. person:123")
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit event")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.subject}"


class StaffImport(models.Model):
    """An uploaded staff file: checked first, applied once on confirmation."""

    class Status(models.TextChoices):
        INVALID = "invalid", _("Has problems")
        CHECKED = "checked", _("Checked, ready to import")
        APPLIED = "applied", _("Imported")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="staff_imports")
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    deactivate_missing = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices)
    report = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"


class ApiToken(models.Model):
    """A personal access token for integrations (the REST API's bearer auth).

    Only a SHA-256 of the token is stored: it is shown once, when created, and a copy of
    the database never gives anyone a working token. SHA-256 rather than a slow password
    hash because the token is 256 random bits (no dictionary to guard against) and it is
    checked on every API call."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False)  # the first characters, to recognise it
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.person} — {self.name}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
