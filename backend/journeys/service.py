"""The journeys facade: what routes and other features call (``__all__`` is the contract)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import content
from backend.journeys.articles import (
    bookmarks,
    do_bookmark,
    do_feedback,
    do_unbookmark,
    feedback_summary,
)
from backend.journeys.articles import detail as article_detail
from backend.journeys.articles import search as search_articles
from backend.journeys.journey import do_set_topics, my_journey, stage_list
from backend.journeys.nudges import send_due_nudges
from backend.journeys.recommend import register_recommender
from backend.journeys.recommend import registered as recommenders

__all__ = [
    "article_detail",
    "bookmarks",
    "directory",
    "do_bookmark",
    "do_feedback",
    "do_set_topics",
    "do_unbookmark",
    "feedback_summary",
    "my_journey",
    "recommenders",
    "register_recommender",
    "search_articles",
    "send_due_nudges",
    "stage_list",
]


def directory(region: str | None) -> list[dict[str, Any]]:
    """Directory entries (all, or one region's), numbered in file order."""
    return [
        {"id": n, **asdict(entry)}
        for n, entry in enumerate(content.library().directory, start=1)
        if region is None or entry.region == region
    ]
