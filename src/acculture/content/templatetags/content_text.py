from django import template
from django.utils.safestring import mark_safe

from acculture.content.rendering import render_inline, render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """Safe HTML from the small Markdown of items and tutorials (see content/rendering.py)."""
    return mark_safe(render_markdown(text))  # cleaned by nh3 just above


@register.filter
def markdown_inline(text: str) -> str:
    """Inline-only safe HTML, for a question inside a heading or a label."""
    return mark_safe(render_inline(text))  # cleaned by nh3
