"""Items, their status history, and tutorials, as loaded from the files under content/.

The files are the source of truth for the text; the database adds what happens to an
item after it is written: who moved it through its life cycle, and its calibrated
parameters. Items are never deleted (responses point at them); they are retired.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from acculture.frameworks.models import Competence


def _in_language(fr: str, en: str, lang: str | None = None) -> str:
    lang = lang or get_language() or "fr"
    return en if lang.startswith("en") and en else fr


class Tutorial(models.Model):
    code = models.CharField(_("code"), max_length=80, unique=True)
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="tutorials")
    level = models.PositiveSmallIntegerField(_("level it helps reach"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    languages = models.JSONField(_("languages"), default=list)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    body_fr = models.TextField(_("text (French)"))
    body_en = models.TextField(_("text (English)"))
    url = models.URLField(_("reference page"), blank=True)
    # A tutorial taken out of the files stays for the recommendations that named it.
    is_active = models.BooleanField(default=True)
    content_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("tutorial")

    def __str__(self) -> str:
        return self.code

    def title(self, lang: str | None = None) -> str:
        return _in_language(self.title_fr, self.title_en, lang)


class ItemQuerySet(models.QuerySet):
    def live(self) -> "ItemQuerySet":
        return self.filter(status=Item.Status.LIVE)


class Item(models.Model):
    class Type(models.TextChoices):
        SINGLE = "single", _("One answer")
        MULTIPLE = "multiple", _("Several answers")
        SHORT = "short", _("Short answer")
        FIELDS = "fields", _("Several short answers")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        LIVE = "live", _("Live")
        RETIRED = "retired", _("Retired")

    code = models.CharField(_("code"), max_length=80, unique=True)
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="items")
    topic = models.CharField(_("topic"), max_length=80)
    level = models.PositiveSmallIntegerField(_("authored level"))
    type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    for_practice = models.BooleanField(_("practice"), default=False)
    for_certification = models.BooleanField(_("certification"), default=False)
    for_pretest = models.BooleanField(_("pre-test"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    stem_fr = models.TextField(_("question (French)"))
    stem_en = models.TextField(_("question (English)"))
    explanation_fr = models.TextField(_("explanation (French)"))
    explanation_en = models.TextField(_("explanation (English)"))
    choices = models.JSONField(default=list, blank=True)  # [{id, fr, en, why}, …]
    answer = models.JSONField(default=dict)  # the scoring spec: see content/scoring.py
    attachment = models.CharField(_("attachment"), max_length=300, blank=True)  # under content/attachments/
    attachment_title_fr = models.CharField(max_length=300, blank=True)
    attachment_title_en = models.CharField(max_length=300, blank=True)
    tutorials = models.ManyToManyField(Tutorial, blank=True, related_name="items")
    irt_a = models.FloatField(_("discrimination (a)"), null=True, blank=True)
    irt_b = models.FloatField(_("difficulty (b)"), null=True, blank=True)
    author = models.CharField(_("author"), max_length=100)
    reviewer = models.CharField(_("reviewer"), max_length=100, blank=True)
    review = models.JSONField(default=dict, blank=True)
    source_file = models.CharField(max_length=300, blank=True)
    content_hash = models.CharField(max_length=64, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["status", "competence", "level"])]
        verbose_name = _("item")

    def __str__(self) -> str:
        return self.code

    @property
    def usage(self) -> list[str]:
        flags = (
            ("practice", self.for_practice),
            ("certification", self.for_certification),
            ("pretest", self.for_pretest),
        )
        return [name for name, on in flags if on]

    def stem(self, lang: str | None = None) -> str:
        return _in_language(self.stem_fr, self.stem_en, lang)

    def explanation(self, lang: str | None = None) -> str:
        return _in_language(self.explanation_fr, self.explanation_en, lang)

    def attachment_title(self, lang: str | None = None) -> str:
        return _in_language(self.attachment_title_fr, self.attachment_title_en, lang)

    def review_problem(self) -> str | None:
        """Why this item may not go live yet, or None (the rule lint applies to files)."""
        review = self.review or {}
        reviewer = review.get("reviewer") or self.reviewer
        if not reviewer:
            return _(
                "It has no second reading yet: add a review block (reviewer, date, checked) to its file."
            )
        if reviewer == self.author:
            return _("Its reviewer is its author: a second reading needs someone else.")
        needed = ["key", "fr_en", "level"]
        if self.type in (self.Type.SINGLE, self.Type.MULTIPLE):
            needed.append("distractors")
        if self.attachment:
            needed.append("attachment")
        missing = [n for n in needed if n not in (review.get("checked") or [])]
        if missing:
            return _("Its review does not record these checks: %(checks)s.") % {"checks": ", ".join(missing)}
        return None


class ItemStatusChange(models.Model):
    """One move of an item through draft → live → retired: who, when, why. Append-only."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=Item.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Item.Status.choices)
    # None when the loader made the change (an item added to or removed from the files).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("item status change")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.from_status or '∅'} → {self.to_status}"
