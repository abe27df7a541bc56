"""Nonces already answered: a DiscourseConnect request is answered once."""

from django.db import models
from django.utils import timezone


class UsedNonce(models.Model):
    """Discourse checks the nonce against the browser's session too; refusing a second
    answer here means a sign-in link that leaked (a log, a shared screen) gets nothing."""

    value = models.CharField(max_length=200, unique=True)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.value
