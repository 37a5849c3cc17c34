"""Articles: Markdown files with front matter (CONTENT_SPEC.md), read and checked.

Every rule of the contract is checked here, and a broken one is a ``ContentError`` naming the file:
fields and their types, the slug equal to the file name, stages, tags, audiences, legal routes and
evidence from their lists, 300-900 words, internal links ``[text](article:<slug>)`` that resolve,
no raw HTML, no images, no external links and no phone numbers but the national lines the product
names. ``tests/content`` loads every file, so a bad article fails ``make test``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from content.vocabulary import AUDIENCES, EVIDENCE, LEGAL_ROUTES, ContentError, Stage, Tag

MIN_WORDS, MAX_WORDS = 300, 900
WORDS_PER_MINUTE = 200
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FIELDS = {
    "slug",
    "title",
    "stages",
    "audience",
    "legal_routes",
    "evidence",
    "summary",
    "reviewed_by",
    "reviewed_on",
    "reading_minutes",
    "tags",
}
# Links: [text](target). Internal targets are ``article:<slug>``; nothing else is allowed.
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
INTERNAL = re.compile(r"article:([a-z0-9-]+)")
RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?]")
BARE_URL = re.compile(r"(?i)\b(?:https?://|www\.)|\b[a-z0-9-]+\.(?:com|org|uk|net|gov)\b")
# The only numbers an article may give: Childline, Samaritans (999 is too short to match).
PHONE_LIKE = re.compile(r"(?:\+44\s?|\b0)\d[\d ]{5,}\d|\b\d{3,4} \d{3,4}\b")
ALLOWED_NUMBERS = {"0800 1111", "116 123"}
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    stages: tuple[str, ...]
    audience: str
    legal_routes: tuple[str, ...]
    evidence: tuple[str, ...]
    summary: str
    reviewed_by: str
    reviewed_on: date
    reading_minutes: int
    tags: tuple[str, ...]
    body: str  # Markdown, internal links still ``article:<slug>``
    words: int

    @property
    def links(self) -> tuple[str, ...]:
        """The slugs this article links to."""
        return tuple(
            m.group(1) for _text, target in LINK.findall(self.body) if (m := INTERNAL.fullmatch(target))
        )


def split_front_matter(text: str) -> tuple[Any, str]:
    if not text.startswith("---\n"):
        raise ValueError("starts with a --- line, then front matter, then ---")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise ValueError("front matter ends with a --- line")
    return yaml.safe_load(text[4:end]), text[end + 5 :]


def count_words(markdown: str) -> int:
    return len(WORD.findall(LINK.sub(r"\1", markdown)))


def _strings(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _check_fields(
    meta: dict[str, Any], stem: str, stages: dict[str, Stage], tags: dict[str, Tag]
) -> list[str]:
    problems = []
    missing, unknown = FIELDS - set(meta), set(meta) - FIELDS
    if missing:
        problems.append(f"missing fields {sorted(missing)}")
    if unknown:
        problems.append(f"unknown fields {sorted(unknown)}")
    if missing:
        return problems
    if meta["slug"] != stem or not isinstance(meta["slug"], str) or not SLUG.fullmatch(meta["slug"]):
        problems.append(f"slug {meta['slug']!r} must equal the file name and be [a-z0-9-]+")
    for name in ("title", "summary", "reviewed_by"):
        if not isinstance(meta[name], str) or not meta[name].strip():
            problems.append(f"{name} is non-empty text")
    if isinstance(meta["title"], str) and len(meta["title"]) > 120:
        problems.append("title is at most 120 characters")
    if isinstance(meta["summary"], str) and len(meta["summary"]) > 400:
        problems.append("summary is at most 400 characters")
    for name, allowed in (
        ("stages", stages),
        ("legal_routes", LEGAL_ROUTES),
        ("evidence", EVIDENCE),
        ("tags", tags),
    ):
        value = meta[name]
        if not _strings(value):
            problems.append(f"{name} is a non-empty list")
        elif unknown_values := sorted(set(value) - set(allowed)):
            problems.append(f"{name}: unknown {unknown_values}")
        elif len(set(value)) != len(value):
            problems.append(f"{name}: listed twice")
    if meta["audience"] not in AUDIENCES:
        problems.append(f"audience is one of {', '.join(AUDIENCES)}")
    if not isinstance(meta["reviewed_on"], date):
        problems.append("reviewed_on is an ISO date (YYYY-MM-DD)")
    if type(meta["reading_minutes"]) is not int or meta["reading_minutes"] < 1:
        problems.append("reading_minutes is a whole number of minutes, 1 or more")
    return problems


def _check_body(body: str) -> list[str]:
    problems = []
    words = count_words(body)
    if not MIN_WORDS <= words <= MAX_WORDS:
        problems.append(f"{words} words; articles have {MIN_WORDS}-{MAX_WORDS}")
    if RAW_HTML.search(body):
        problems.append("raw HTML")
    if "![" in body:
        problems.append("an image (none allowed)")
    if re.search(r"(?m)^#\s", body):
        problems.append("a level-1 heading (headings start at ##)")
    for _text, target in LINK.findall(body):
        if not INTERNAL.fullmatch(target):
            problems.append(f"link to {target!r}: only [text](article:<slug>) links are allowed")
    if BARE_URL.search(LINK.sub(r"\1", body)):
        problems.append("a web address (external links: none)")
    for number in PHONE_LIKE.findall(body):
        if number.strip() not in ALLOWED_NUMBERS:
            problems.append(
                f"phone number {number.strip()!r}: only Childline 0800 1111, Samaritans 116 123, 999"
            )
    return problems


def load_articles(folder: Path, stages: dict[str, Stage], tags: dict[str, Tag]) -> dict[str, Article]:
    """Every ``*.md`` in ``folder``, checked; ``ContentError`` lists every problem in every file."""
    problems: list[str] = []
    articles: dict[str, Article] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        found: list[str] = []
        try:
            meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        except (ValueError, yaml.YAMLError, UnicodeDecodeError) as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        if not isinstance(meta, dict):
            problems.append(f"{path.name}: front matter is a mapping")
            continue
        found += _check_fields(meta, path.stem, stages, tags)
        found += _check_body(body)
        words = count_words(body)
        if not found:
            expected = max(1, round(words / WORDS_PER_MINUTE))
            if abs(meta["reading_minutes"] - expected) > 1:
                found.append(f"reading_minutes {meta['reading_minutes']}: {words} words is about {expected}")
        if found:
            problems += [f"{path.name}: {p}" for p in found]
            continue
        articles[meta["slug"]] = Article(
            slug=meta["slug"],
            title=meta["title"].strip(),
            stages=tuple(meta["stages"]),
            audience=meta["audience"],
            legal_routes=tuple(meta["legal_routes"]),
            evidence=tuple(meta["evidence"]),
            summary=meta["summary"].strip(),
            reviewed_by=meta["reviewed_by"].strip(),
            reviewed_on=meta["reviewed_on"],
            reading_minutes=meta["reading_minutes"],
            tags=tuple(meta["tags"]),
            body=body.strip() + "\n",
            words=words,
        )
    # A link to a file that exists but broke a rule is that file's problem, reported above.
    files = {path.stem for path in folder.glob("*.md")} if folder.is_dir() else set()
    for article in articles.values():
        for target in article.links:
            if target not in files:
                problems.append(f"{article.slug}.md: links to article:{target}, which does not exist")
    if problems:
        raise ContentError(problems)
    return articles


def reading_minutes(words: int) -> int:
    """What ``reading_minutes`` should say for ``words`` (about 200 words a minute)."""
    return max(1, math.floor(words / WORDS_PER_MINUTE + 0.5))
