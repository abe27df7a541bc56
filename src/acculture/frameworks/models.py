"""Competency frameworks as versioned data (CRCN, DigComp 2.2, or an organisation's own).

Rows are written only by the loader (`acculture content load`) from the files under
content/frameworks/; a new version of a framework is a new Framework row, so results
measured against the old version keep their meaning.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _in_language(fr: str, en: str) -> str:
    return en if (get_language() or "fr").startswith("en") and en else fr


class Framework(models.Model):
    code = models.CharField(_("code"), max_length=40)
    version = models.CharField(_("version"), max_length=20)
    name_fr = models.CharField(_("name (French)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    attribution_fr = models.TextField(_("attribution (French)"))
    attribution_en = models.TextField(_("attribution (English)"))
    # Items name competences by code only; they belong to the default framework.
    is_default = models.BooleanField(_("default framework"), default=False)
    content_hash = models.CharField(max_length=64, editable=False)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code", "version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="framework_unique_version"),
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="framework_one_default"
            ),
        ]
        verbose_name = _("framework")

    def __str__(self) -> str:
        return f"{self.code} {self.version}"

    @property
    def name(self) -> str:
        return _in_language(self.name_fr, self.name_en)

    @property
    def attribution(self) -> str:
        return _in_language(self.attribution_fr, self.attribution_en)


class Band(models.Model):
    """A named group of levels (Novice = 1–2, …), shown before the level number."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="bands")
    code = models.CharField(max_length=40)
    name_fr = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    min_level = models.PositiveSmallIntegerField()
    max_level = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["framework", "min_level"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="band_unique_code")]

    def __str__(self) -> str:
        return self.name_en


class Level(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    number = models.PositiveSmallIntegerField()
    descriptor_fr = models.TextField()
    descriptor_en = models.TextField()

    class Meta:
        ordering = ["framework", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="level_unique_number")]

    def __str__(self) -> str:
        return f"{self.framework} level {self.number}"

    @property
    def descriptor(self) -> str:
        return _in_language(self.descriptor_fr, self.descriptor_en)


class Domain(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="domains")
    code = models.CharField(max_length=20)
    name_fr = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="domain_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_en}"

    @property
    def name(self) -> str:
        return _in_language(self.name_fr, self.name_en)


class Competence(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="competences")
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="competences")
    code = models.CharField(_("code"), max_length=20)
    name_fr = models.CharField(_("name (French)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    description_fr = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    # Position in the framework file: "1.10" must come after "1.9", which text order breaks.
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="competence_unique_code")]
        verbose_name = _("competence")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return _in_language(self.name_fr, self.name_en)

    @property
    def description(self) -> str:
        return _in_language(self.description_fr, self.description_en)


class Alignment(models.Model):
    """How one framework's competences map onto another's (content/frameworks/alignment-*.yaml)."""

    source = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="alignments_from")
    target = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="alignments_to")
    notes = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="alignment_unique_pair")]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class AlignmentPair(models.Model):
    alignment = models.ForeignKey(Alignment, on_delete=models.CASCADE, related_name="pairs")
    source = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alignment", "source", "target"], name="alignmentpair_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source.code} → {self.target.code}"
