"""User HTML is sanitised once, on write: nothing executable survives."""

from __future__ import annotations

import time
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from backend.core import html as html_module
from backend.core.html import ALLOWED_TAGS, render_markdown, sanitize_html

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=javascript:alert('XSS')>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=javascript:alert(1)>click</math>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "<a href=JaVaScRiPt:alert(1)>x</a>",
    "<a href='  javascript:alert(1)'>x</a>",
    "<a href='java&#x09;script:alert(1)'>x</a>",
    "<a href='&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)'>x</a>",
    "<a href=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>x</a>",
    "<a href=vbscript:msgbox(1)>x</a>",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "![img](javascript:alert(1))",
    "<a href='https://ok.example' onclick=alert(1)>x</a>",
    "<p style='background:url(javascript:alert(1))'>x</p>",
    '<div style="width: expression(alert(1))">x</div>',
    "<form action=javascript:alert(1)><input type=submit></form>",
    "<button formaction=javascript:alert(1)>x</button>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=javascript:alert(1)//>",
    "<style>@import 'javascript:alert(1)';</style>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<template><script>alert(1)</script></template>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    '<a href="https://ok.example" target=_blank>tabnab</a>',
    "<textarea><script>alert(1)</script></textarea>",
    "<isindex action=javascript:alert(1) type=submit>",
]

EXECUTABLE_SCHEMES = ("javascript:", "vbscript:", "data:")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_nothing_executable(html: str) -> None:
    parser = _Collector()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, f"tag {tag!r} survived in {html!r}"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name} survived in {html!r}"
            assert name in {"href", "rel"}, f"attribute {name} survived in {html!r}"
            if name == "href":
                assert value is not None
                cleaned = "".join(value.split()).lower()
                assert not cleaned.startswith(EXECUTABLE_SCHEMES), f"href {value!r} survived"
                assert cleaned.startswith(("http://", "https://", "mailto:")), value


def test_payload_list_is_broad() -> None:
    assert len(XSS_PAYLOADS) >= 40


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markdown_path_leaves_nothing_executable(payload: str) -> None:
    assert_nothing_executable(render_markdown(payload))


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_sanitiser_alone_leaves_nothing_executable(payload: str) -> None:
    # Even HTML that bypassed Markdown (raw HTML allowed) must come out inert.
    assert_nothing_executable(sanitize_html(payload))


def test_sanitising_twice_changes_nothing() -> None:
    for payload in XSS_PAYLOADS:
        once = sanitize_html(payload)
        assert sanitize_html(once) == once


def test_markdown_keeps_the_allowed_formatting() -> None:
    html = render_markdown("Hello **bold** and *em*\n\n- one\n- two\n\n> quote\n\n`code`")
    assert "<strong>bold</strong>" in html
    assert "<em>em</em>" in html
    assert "<li>one</li>" in html
    assert "<blockquote>" in html
    assert "<code>code</code>" in html


def test_links_get_safe_rel_and_bare_urls_are_linked() -> None:
    html = render_markdown("see https://www.example.org/help and [mail](mailto:help@example.org)")
    assert '<a href="https://www.example.org/help" rel="nofollow noopener noreferrer">' in html
    assert 'href="mailto:help@example.org"' in html
    tabnab = sanitize_html('<a href="https://ok.example" target="_blank">x</a>')
    assert "target" not in tabnab
    assert 'rel="nofollow noopener noreferrer"' in tabnab


# Characters a message is made of, weighted towards those Markdown or linkify could react to
# (including non-ASCII dots and spaces), so the plain-text shortcut is tried at its edges.
_EDGY = "aZé9 .,;:!?'\"-_*#>()[]<&/@`~|=+\u00a0\u3000\u2028\u200b。．｡\u2024—👍\n\t"


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=_EDGY, max_size=30) | st.from_regex(r"[A-Za-z][a-z ,.'?!:;é0-9]{0,40}", fullmatch=True)
)
def test_plain_text_shortcut_renders_as_markdown_would(text: str) -> None:
    """render_markdown skips the Markdown parser for plain text; the HTML must be the same."""
    assert render_markdown(text) == sanitize_html(html_module._markdown.render(text)).strip()


def test_plain_text_shortcut_is_taken_for_ordinary_messages() -> None:
    """The shortcut is worth having only if everyday messages take it."""
    for text in ("Thanks, that helps. See you Tuesday?", "It's been a hard week!", "Yes: 3 of us"):
        assert html_module._PLAIN.fullmatch(text), text
    for text in ("1. first", "see bbc.co.uk", "a *b*", "x\ny", " lead", "me@example.com"):
        assert not html_module._PLAIN.fullmatch(text), text


# --- rendering cost (security issue #10.10) -----------------------------------------------------

# Texts that make a Markdown parser or linkify work hard: schemes it will not link, links, emails,
# unclosed brackets and emphasis, entities, escapes.
_HEAVY = [
    "ftp://a. ",
    "http://a.b ",
    "mailto:a ",
    "a@b.cd ",
    "//a.bc ",
    "www.a.bc ",
    "x https://",
    "[",
    "![",
    "[a](",
    "*a",
    "_a",
    "**a*",
    "<",
    "&#1;",
    "\\",
]


def _cpu_to_render(text: str) -> float:
    """The least CPU time of three renders: this process's own work, whatever else the machine does."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        render_markdown(text)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("unit", _HEAVY)
def test_rendering_cost_grows_linearly_with_the_text(unit: str) -> None:
    """Eight times the text may cost up to three times more than eight times the work: a quadratic
    step (``ftp://a. `` repeated cost 0.5 s at 10,000 characters) costs about sixty times more."""
    small = (unit * 2_000)[:2_000]
    large = (unit * 16_000)[:16_000]
    _cpu_to_render(small)  # compiles linkify's lazily built patterns outside the measurement
    assert _cpu_to_render(large) <= 24 * max(_cpu_to_render(small), 1e-4)


_LINKY = "ahtpsfmilo:/.@ \n[]()<>*_w"


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(["http", "https", "ftp", "mailto", "://", "www.", ".org", "a@b.co", "x"])
        | st.text(alphabet=_LINKY, max_size=6),
        max_size=40,
    ).map("".join)
)
def test_linkify_on_the_tail_links_as_markdown_it_does(text: str) -> None:
    """The linkify rule sees only the end of the pending text; the links must be the same."""
    upstream = MarkdownIt("commonmark", {"html": False, "linkify": True}).enable("linkify")
    upstream.validateLink = html_module._safe_link  # type: ignore[method-assign]
    long_prefix = "word " * 20  # longer than the tail the rule is shown
    for variant in (text, long_prefix + text, long_prefix.replace(" ", "") + text):
        assert html_module._markdown.render(variant) == upstream.render(variant)
