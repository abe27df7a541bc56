from django import template

from acculture.circle.selectors import unread_count

register = template.Library()


@register.simple_tag
def circle_unread(person) -> int:
    """Unread circle notifications, for the home card."""
    return unread_count(person) if person is not None else 0
