"""The project's own life-stage content (PRODUCT.md 2.5): articles, stages, tags and the directory.

A package with no Flask and no backend imports: data files and the code that reads and checks them.
``load()`` reads everything and raises ``ContentError`` listing every broken rule; ``library()`` is
the checked content of this folder, read once per process. The backend (``backend/journeys``)
renders article bodies to HTML through the project's one sanitiser (``backend/core/html.py``),
after ``link_internal`` has turned ``article:<slug>`` links into the API's paths.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from content.articles import INTERNAL, LINK, Article, load_articles
from content.directory import Entry, canonical_region, load_directory
from content.vocabulary import (
    AUDIENCES,
    EVIDENCE,
    HERE,
    LEGAL_ROUTES,
    REGIONS,
    ContentError,
    Rule,
    Stage,
    Tag,
    load_stages,
    load_tags,
)

__all__ = [
    "AUDIENCES",
    "EVIDENCE",
    "LEGAL_ROUTES",
    "REGIONS",
    "Article",
    "ContentError",
    "Entry",
    "Library",
    "Rule",
    "Stage",
    "Tag",
    "canonical_region",
    "library",
    "link_internal",
    "load",
    "load_stages",
    "load_tags",
]


@dataclass(frozen=True)
class Library:
    stages: dict[str, Stage]  # in their order on a journey
    tags: dict[str, Tag]
    articles: dict[str, Article]  # by slug
    directory: tuple[Entry, ...]


def load(
    articles: Path = HERE / "articles",
    directory: Path = HERE / "directory.yaml",
    *,
    every_region: bool = True,
) -> Library:
    """Read and check the stages, tags, every article in ``articles`` and the directory."""
    tags = load_tags()
    stages = load_stages(tags=tags)
    problems: list[str] = []
    found: dict[str, Article] = {}
    entries: list[Entry] = []
    try:
        found = load_articles(articles, stages, tags)
    except ContentError as exc:
        problems += exc.problems
    try:
        entries = load_directory(directory, every_region=every_region)
    except ContentError as exc:
        problems += exc.problems
    if problems:
        raise ContentError(problems)
    return Library(stages=stages, tags=tags, articles=found, directory=tuple(entries))


@functools.cache
def library() -> Library:
    """This folder's content, checked, read once per process."""
    return load()


def link_internal(markdown: str, path_for: Callable[[str], str]) -> str:
    """``[text](article:<slug>)`` links pointed at ``path_for(slug)`` (the loader has checked each)."""

    def point(match: re.Match[str]) -> str:
        text, target = match.group(1), match.group(2)
        internal = INTERNAL.fullmatch(target)
        return f"[{text}]({path_for(internal.group(1))})" if internal else match.group(0)

    return LINK.sub(point, markdown)
