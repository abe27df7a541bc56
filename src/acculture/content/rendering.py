"""Item and tutorial text is a little Markdown (bold for a **not**, lists in tutorials):
rendered by markdown-it with raw HTML off, then cleaned by nh3 to a short allow-list, so
nothing in a content file can inject markup or script into a page."""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})
ALLOWED_TAGS = {"p", "br", "strong", "em", "code", "ul", "ol", "li", "a"}


def render_markdown(text: str) -> str:
    html = _markdown.render(text or "")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel="noopener noreferrer")


# A pure function of the text: every question page renders its stem, so the few thousand
# stems of the bank are rendered once per process instead of at every page view.
@lru_cache(maxsize=4096)
def render_inline(text: str) -> str:
    """The same, without paragraphs: for a stem inside a heading or a label."""
    html = _markdown.renderInline(text or "")
    return nh3.clean(html, tags={"br", "strong", "em", "code"}, attributes={})
