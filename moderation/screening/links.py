"""Links: from new accounts in adult spaces, and any link in young people's spaces.

A link is the quickest way to take someone somewhere nobody moderates, and spam and scam accounts
post links on their first day. Established members share links to support services and articles
all the time, so in adult spaces only a new account's links are held (P4: nothing urgent, a
moderator checks before they go out). Young people's spaces hold every link (P3).
"""

from __future__ import annotations

import re2

from .types import Action, Doc, Hit

# Top-level domains that mark a web address. Those that are also short English words ("fine.is it
# ok", "ready.to go") count only with a path after them ("t.me/xyz", "bit.ly/abc" is unambiguous).
_TLDS = (
    r"com|org|net|uk|co\.uk|org\.uk|gov\.uk|nhs\.uk|ac\.uk|sch\.uk|me\.uk|io|ly|gg|tv|app|info|biz|xyz|"
    r"link|site|online|club|ru|cn|live|shop|store|ai|dev|page|fun|top|ws|cc|de|fr|eu|ca|au|ie|nz|news|"
    r"blog|website|tk|ml|ga|cf|gq|click|vip|win|zip|mov|social|chat|ee|lnk|gl|gd|co|fi|nl|pl|se|dk|ch|"
    r"es|pt|gr|fm|ms|ng|pk|za|su|tech|studio|digital|cloud|"
    r"example"  # .example: reserved for examples (RFC 2606), and invented addresses use it
)
_WORD_TLDS = r"in|is|to|be|me|us|im|it|at|so|no|my"
_PATH = r"/[^\s<>\"']*"
# A dot written so that a link filter misses it: "bbc(.)co(.)uk", "quiz[.]net", "discord . gg",
# "site (dot) com"; and a slash with spaces round it ("discord . gg / teens").
_DOT = r"(?:\.|\s?(?:\(\.\)|\[\.\]|\(dot\)|\[dot\])\s?|\s\.\s)"
_SPACED_PATH = r"\s?/\s?[^\s<>\"']+"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_LINK = re2.compile(
    (
        rf"(?:\b(?:https?://|www\.)[^\s<>\"']+)"
        rf"|(?:\bwww{_DOT}[^\s<>\"']+)"
        rf"|(?:\b(?:{_LABEL}{_DOT})+(?:{_TLDS})\b(?:{_SPACED_PATH}|{_PATH})?)"
        rf"|(?:\b(?:{_LABEL}\.)+(?:{_WORD_TLDS}){_PATH})"
        rf"|(?:\b[a-z0-9-]{{2,}}\s?(?:\(dot\)|\[dot\]|\sdot\s)\s?(?:{_TLDS})\b)"
        # "soundcloud com / maya": the dot left out, but the path gives it away
        rf"|(?:\b[a-z0-9-]{{3,}}\s(?:com|net|org|gg|io|tv|co\.uk)\s?/\s?[a-z0-9]+)"
    ).encode("ascii")
)


# The domain of an email address is identity exposure's business, not a link: "jo@mail.com",
# "jo at gmail dot com".
_EMAIL_DOMAIN = re2.compile(rb"(?:@|\b(?:at|\(at\)|\[at\]))\s?$")
_MAIL_PROVIDER = re2.compile(
    rb"(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|live|btinternet|aol|sky|proton(?:mail)?|msn)\b"
)


def find_links(data: bytes) -> list[tuple[int, int]]:
    spans = []
    for link in _LINK.finditer(data):
        start = link.start()
        before = data[max(0, start - 6) : start]
        if before.endswith(b"@"):
            continue
        if _EMAIL_DOMAIN.search(before) and _MAIL_PROVIDER.match(data, start):
            continue
        spans.append((start, link.end()))
    return spans


class Links:
    category = "link"

    def __init__(self, *, min_account_age_days: float) -> None:
        self.min_account_age_days = min_account_age_days

    def scan(self, doc: Doc) -> list[Hit]:
        if doc.audience == "youth":
            label, priority = "link", 3
        elif doc.item.author.account_age_days < self.min_account_age_days:
            label, priority = "new_account_link", 4
        else:
            return []
        spans = find_links(doc.norm.data)
        action: Action = "hold"
        return [Hit(self.category, label, tuple(spans), priority, action)] if spans else []
