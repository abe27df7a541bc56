"""The circle: categories in two spaces (open to all staff, champions only), threads,
messages, reactions, mentions with notifications, and the moderators' record."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acculture.people.models import Organisation, Person, User


class Space(models.TextChoices):
    OPEN = "open", _("Open to everyone")
    CHAMPIONS = "champions", _("Champions only")


class Category(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    space = models.CharField(_("space"), max_length=10, choices=Space.choices, default=Space.OPEN)
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(max_length=60)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["space", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="category_unique_slug")]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class Thread(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=150)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    replies = models.PositiveIntegerField(default=0)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at"]
        indexes = [models.Index(fields=["category", "-is_pinned", "-last_activity_at"])]
        verbose_name = _("thread")

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    """One message: the first opens its thread, the others reply."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="circle_posts")
    body = models.TextField(_("message"), max_length=10_000)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_first = models.BooleanField(default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    # Images live in the database, not on a local disk: any application server can serve
    # them (DESIGN.md: stateless servers), and they are at most a few megabytes.
    image = models.BinaryField(null=True, blank=True, editable=False)
    image_type = models.CharField(max_length=20, blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["author", "created_at"])]
        verbose_name = _("message")

    def __str__(self) -> str:
        return f"{self.author} in {self.thread_id}"

    @property
    def has_image(self) -> bool:
        return bool(self.image_type)


class Reaction(models.Model):
    class Kind(models.TextChoices):
        THANKS = "thanks", _("Thank you")
        HELPFUL = "helpful", _("Helpful")
        IDEA = "idea", _("Good idea")
        SAME = "same", _("Same for me")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "person", "kind"], name="reaction_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.kind} on {self.post_id}"


class Member(models.Model):
    """A person's circle settings: the handle others mention them by, and mail."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="circle_member")
    handle = models.CharField(_("handle"), max_length=30, blank=True)
    email_notifications = models.BooleanField(
        _("e-mail me when someone mentions me or replies"), default=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "handle"], condition=~models.Q(handle=""), name="member_unique_handle"
            )
        ]

    def __str__(self) -> str:
        return f"@{self.handle or self.person.email.split('@')[0]}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        MENTION = "mention", _("mentioned you")
        REPLY = "reply", _("replied to your thread")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="circle_notifications")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["person", "post"], name="notification_once_per_post")]
        indexes = [models.Index(fields=["person", "read_at"])]

    def __str__(self) -> str:
        return f"{self.person} {self.kind} {self.post_id}"


class ModerationAction(models.Model):
    """Who hid, locked or pinned what, and when."""

    class Action(models.TextChoices):
        HIDE = "hide", _("hidden")
        SHOW = "show", _("shown again")
        LOCK = "lock", _("locked")
        UNLOCK = "unlock", _("unlocked")
        PIN = "pin", _("pinned")
        UNPIN = "unpin", _("unpinned")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="moderation")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    moderator = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} thread {self.thread_id}"
