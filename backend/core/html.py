"""The one place user text becomes HTML: Markdown rendered, then sanitised with nh3.

User content is sanitised once, on write, and stored as HTML; readers get the stored HTML. nh3 binds
the maintained Rust ``ammonia`` sanitiser (bleach is archived; see the README). This is the only
module that imports nh3, so the policy below is the whole policy.
"""

from __future__ import annotations

import html as entities
import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"

# CommonMark with raw HTML off (html=False escapes it) and bare URLs turned into links.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": True}).enable("linkify")


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(("http://", "https://", "mailto:"))


_markdown.validateLink = _safe_link  # type: ignore[method-assign]


# markdown-it's inline linkify rule runs at every "://" and looks for the scheme before it with a
# regex search over all the text of the paragraph so far (``state.pending``). A text where scheme
# links keep failing (``ftp://a. `` repeated: ftp is not a scheme we link) never flushes that text,
# so each "://" searches everything before it: quadratic, half a second for a 10,000-character
# post (security issue #10.10). A scheme can only be one linkify knows, none longer than "mailto",
# so the rule is shown only the end of the pending text: the text before it is first pushed as a
# text token of its own (adjacent text tokens are joined again by the ``fragments_join`` rule), or,
# in a silent look-ahead that must push nothing, hidden for the call and put back. Same links,
# linear time; tests/core/test_html.py checks both.
_SCHEME_TAIL = 32
_upstream_linkify = _markdown.inline.ruler.__rules__[_markdown.inline.ruler.__find__("linkify")].fn


def _linkify_on_the_tail(state: StateInline, silent: bool) -> bool:
    pending = state.pending
    if len(pending) <= _SCHEME_TAIL or not state.src.startswith("://", state.pos):
        return bool(_upstream_linkify(state, silent))
    if silent:
        state.pending = pending[-_SCHEME_TAIL:]
        try:
            return bool(_upstream_linkify(state, silent))
        finally:
            state.pending = pending
    state.pending = pending[:-_SCHEME_TAIL]
    state.pushPending()
    state.pending = pending[-_SCHEME_TAIL:]
    return bool(_upstream_linkify(state, silent))


_markdown.inline.ruler.at("linkify", _linkify_on_the_tail)


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
    """Text with every tag removed (entities still escaped), for previews."""
    return nh3.clean(html, tags=set(), attributes={}, strip_comments=True)


# In HTML this module produced (nh3 serialises it), every attribute is written name="value", with
# any '"', '<' or '>' in the value escaped, so a tag ends at the first '>' and a value at the next '"'.
_TAG = re.compile(r"<[A-Za-z][^>]*>")
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
_OURS = frozenset({"rel"})  # set by the sanitiser itself (LINK_REL), never by the author


def screening_text(*, plain: str = "", html: str = "") -> str:
    """The one text moderation screens, for every kind of content (PRODUCT.md 2.7: screening runs on
    every post, message, profile text and listing).

    ``plain``: fields shown as typed (a thread title, a display name, a group name). ``html``: a body
    rendered by ``render_markdown``. Screening must see everything a reader can see *or follow*: the
    text as shown, with entities decoded, then every attribute value the sanitiser let through (link
    targets: https, mailto; a link's title tooltip; image alt text and source if images are ever
    allowed) that the text does not already show. A contact detail hidden in ``[add me](https://wa.me/
    447700...)`` is as much a way off the platform as the number typed out (security issue #10.3).
    """
    parts = [plain.strip()]
    if html:
        shown = entities.unescape(to_plain_text(html)).strip()
        found = [shown]
        for tag in _TAG.findall(html) if '="' in html else ():
            for name, value in _ATTRIBUTE.findall(tag):
                value = entities.unescape(value).strip()
                if name not in _OURS and value and value not in shown and value not in found:
                    found.append(value)
        parts.append("\n".join(filter(None, found)))
    return "\n\n".join(filter(None, parts))


# The project's own articles (content/articles, written and reviewed by us, checked by content/'s
# loader) go through the same sanitiser as user text. The one difference: their internal links are
# site paths to other articles (``content.link_internal`` points ``article:<slug>`` at them), which
# the user-text renderer drops (it links only http, https and mailto). No linkify: articles carry no
# web addresses.
_content_markdown = MarkdownIt("commonmark", {"html": False})
INTERNAL_LINK_PREFIX = "/api/v1/articles/"


def _content_link(url: str) -> bool:
    return url.startswith(INTERNAL_LINK_PREFIX) and "//" not in url and ".." not in url


_content_markdown.validateLink = _content_link  # type: ignore[method-assign]
_CONTENT_TAGS = ALLOWED_TAGS | {"h2", "h3", "h4"}


def render_content_markdown(text: str) -> str:
    """Markdown from content/ in, safe HTML out: headings from ``##`` allowed, links only to articles."""
    return nh3.clean(
        _content_markdown.render(text),
        tags=_CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    ).strip()
