"""One tag for other apps' pages: the workshops recommended to a person (selectors.py)."""

from django import template

from acculture.factory.selectors import workshops_recommended

register = template.Library()


@register.inclusion_tag("factory/_recommended.html")
def factory_recommended(person, limit: int = 3):
    """{% load factory %}{% factory_recommended person %} — nothing when there is nothing to recommend."""
    return {"recommended": workshops_recommended(person, limit=limit)}
