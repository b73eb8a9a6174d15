"""Posts are written in Markdown and shown as sanitised HTML.

markdown-it-py renders CommonMark with raw HTML disabled (so « <script> » is shown as text); nh3 (Ammonia) then keeps
only the tags and attributes below, whatever the renderer produced, forces safe link schemes and adds
rel="noopener noreferrer nofollow" to links. Both steps are needed: the first keeps the author's intent, the second
is the guarantee.
"""

import html

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
# Headings of a post sit under the page's own: « # Titre » becomes an h3, deeper levels an h4.
_HEADINGS = {f"<h{n}>": "<h3>" if n <= 3 else "<h4>" for n in range(1, 7)}
_HEADINGS.update({f"</h{n}>": "</h3>" if n <= 3 else "</h4>" for n in range(1, 7)})


def render(text):
    """Safe HTML of a Markdown text."""
    markup = _renderer.render(text or "")
    for tag, replacement in _HEADINGS.items():
        markup = markup.replace(tag, replacement)
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def plain(text, length=200):
    """The first `length` characters of a post as plain text, for lists and e-mails."""
    words = html.unescape(nh3.clean(render(text), tags=set())).split()
    summary = " ".join(words)
    return summary if len(summary) <= length else summary[: length - 1].rsplit(" ", 1)[0] + "…"
