"""The one place user text becomes HTML: Markdown rendered, then sanitised with nh3.

User content is sanitised once, on write, and stored as HTML; readers get the stored HTML. nh3 binds
the maintained Rust ``ammonia`` sanitiser (bleach is archived; see the README). This is the only
module that imports nh3, so the policy below is the whole policy.
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"

# CommonMark with raw HTML off (html=False escapes it) and bare URLs turned into links.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": True}).enable("linkify")


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(("http://", "https://", "mailto:"))


_markdown.validateLink = _safe_link  # type: ignore[method-assign]


def sanitize_html(html: str) -> str:
    """Strip everything outside the allowlist; links keep only safe schemes and get a safe rel."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


# Text in which Markdown finds nothing to do: one line of letters, digits, spaces, hyphens and a
# little punctuation, not starting with a digit or a hyphen (no list), with a full stop only before
# a space or the end (so no bare domain for linkify), and no other ASCII character with a Markdown
# meaning. Most chat messages are like this; Markdown would make them one paragraph, so we skip its
# parser (most of the cost of rendering) but not the sanitiser. tests/core/test_html.py checks that
# both ways agree.
_PLAIN = re.compile(r"(?![\d -])(?:[A-Za-z0-9,'\"?;!: -]|\.(?= |$)|[^\x00-\x7f\s])+(?<! )")


def render_markdown(text: str) -> str:
    """Markdown in, safe HTML out."""
    if _PLAIN.fullmatch(text):
        return sanitize_html(f"<p>{text}</p>")
    return sanitize_html(_markdown.render(text)).strip()


def to_plain_text(html: str) -> str:
    """Text with every tag removed, for screening and previews."""
    return nh3.clean(html, tags=set(), attributes={}, strip_comments=True)
