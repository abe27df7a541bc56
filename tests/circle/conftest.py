"""Helpers for the circle tests: categories in both spaces and a thread."""

from django.test import override_settings

from acculture.circle import services
from acculture.circle.models import Category

IMMEDIATE_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)


def open_category(org) -> Category:
    return Category.objects.get_or_create(organisation=org, slug="help", defaults={"name": "Help"})[0]


def champions_category(org) -> Category:
    return Category.objects.get_or_create(
        organisation=org,
        slug="between-champions",
        defaults={"name": "Between champions", "space": "champions"},
    )[0]


def make_thread(author, category=None, title="How do I share a calendar?", body="Where do I start?"):
    return services.thread_create(
        category=category or open_category(author.organisation), author=author, title=title, body=body
    )
