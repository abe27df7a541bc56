"""The home card needs a person's mentoring, which the home page's context does not carry."""

from django import template

from acculture.mentoring import selectors

register = template.Library()


@register.simple_tag
def mentoring_home(person):
    """What the home card shows: open invitations, enrolments, pairs (a read only)."""
    if person is None:
        return {}
    return selectors.mentoring_for(person)
