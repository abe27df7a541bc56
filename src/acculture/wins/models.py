"""Small wins: what someone did with a digital tool, before and after, the time it saves,
the competences it used, and the kudos colleagues gave."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.frameworks.models import Competence
from acculture.people.models import Organisation, Person, Site, Unit, User


class Win(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    # Where the author worked when they posted, so the feed's unit and site filters keep
    # their meaning when someone moves.
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=150)
    before = models.TextField(_("before"), max_length=2000)
    after = models.TextField(_("after"), max_length=2000)
    minutes_saved_per_week = models.PositiveIntegerField(_("minutes saved per week"), default=0)
    competences = models.ManyToManyField(Competence, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    featured_at = models.DateTimeField(null=True, blank=True)
    featured_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "created_at"])]
        verbose_name = _("small win")

    def __str__(self) -> str:
        return self.title

    @property
    def is_featured(self) -> bool:
        return self.featured_at is not None


class WinImage(models.Model):
    """The optional picture of a win, kept in the database: any application server can
    serve it, and a win's picture goes when the win goes. Its own table so that the feed
    never loads the bytes."""

    win = models.OneToOneField(Win, on_delete=models.CASCADE, related_name="image")
    data = models.BinaryField()
    content_type = models.CharField(max_length=20)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.win} ({self.content_type}, {self.size} bytes)"


class Kudos(models.Model):
    win = models.ForeignKey(Win, on_delete=models.CASCADE, related_name="kudos")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["win", "person"], name="kudos_once")]
        verbose_name_plural = _("kudos")

    def __str__(self) -> str:
        return f"{self.person} → {self.win}"
