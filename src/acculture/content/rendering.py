"""Item and tutorial text is a little Markdown (bold for a **not**, lists in tutorials):
rendered by markdown-it with raw HTML off, then cleaned by nh3 to a short allow-list, so
nothing in a content file can inject markup or script into a page."""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})
ALLOWED_TAGS = {"p", "br", "strong", "em", "code", "ul", "ol", "li", "a"}


def render_markdown(text: str) -> str:
    text = text or ""
    return _render_short(text) if len(text) <= SHORT else _render(text)


def _render(text: str) -> str:
    html = _markdown.render(text)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel="noopener noreferrer")


# Pure functions of the text, so cached: every question page renders its stem and every
# explanation page its stem and explanation; the few thousand texts of the bank are
# rendered once per process instead of at every page view. Only short texts (the items'),
# so that long posts and tutorials cannot fill the memory.
SHORT = 2000
_render_short = lru_cache(maxsize=4096)(_render)


@lru_cache(maxsize=4096)
def render_inline(text: str) -> str:
    """The same, without paragraphs: for a stem inside a heading or a label."""
    html = _markdown.renderInline(text or "")
    return nh3.clean(html, tags={"br", "strong", "em", "code"}, attributes={})
