"""Champions: nominations (by oneself, a manager or the CDO from a suggestion) and the
profile a champion shows in the directory.

Whether someone is a champion is the role grant (people.RoleGrant, role "champion"),
nothing else: accepting a nomination grants the role through the people service, and
the directory lists people who hold the role. A profile without the role (the role was
withdrawn on the roles page) is simply not shown, so the two can never disagree.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.frameworks.models import Competence
from acculture.people.models import Organisation, Person, Site, User


class Nomination(models.Model):
    class Source(models.TextChoices):
        SELF = "self", _("Put themselves forward")
        MANAGER = "manager", _("Put forward by their manager")
        SUGGESTED = "suggested", _("Suggested from results and participation")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="champion_nominations")
    source = models.CharField(max_length=10, choices=Source.choices)
    nominated_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("why"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), max_length=1000, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)  # the decision mail, claimed once
    # The mail telling someone put forward by another person, claimed once.
    announced_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            # One open nomination per person: a double click, two tabs or a manager and
            # the person at the same moment end with one row to decide on.
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(status="pending"), name="nomination_one_pending"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"])]
        verbose_name = _("champion nomination")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_status_display()})"


class HelpLanguage(models.TextChoices):
    FR = "fr", _("French")
    EN = "en", _("English")
    DE = "de", _("German")
    ES = "es", _("Spanish")
    IT = "it", _("Italian")
    PT = "pt", _("Portuguese")
    AR = "ar", _("Arabic")
    LSF = "lsf", _("French Sign Language")


class ChampionProfile(models.Model):
    """What a champion chose to tell colleagues. Empty fields are not shown; the e-mail
    address and the unit only when the champion says so."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="champion_profile")
    competences = models.ManyToManyField(Competence, blank=True, related_name="+")
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    availability = models.CharField(_("when I am available"), max_length=200, blank=True)
    # ",fr,en," so that one language is a plain `icontains` on SQLite and PostgreSQL alike
    # (JSON containment lookups do not exist on SQLite).
    languages = models.CharField(max_length=100, blank=True)
    how_i_help = models.TextField(_("how I can help"), max_length=600, blank=True)
    listed = models.BooleanField(_("show me in the directory"), default=True)
    show_email = models.BooleanField(_("show my e-mail address"), default=True)
    show_unit = models.BooleanField(_("show my unit"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("champion profile")

    def __str__(self) -> str:
        return str(self.person)

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def language_labels(self) -> list[str]:
        names = dict(HelpLanguage.choices)
        return [str(names[code]) for code in self.language_codes if code in names]

    @staticmethod
    def pack_languages(codes) -> str:
        return f",{','.join(codes)}," if codes else ""
