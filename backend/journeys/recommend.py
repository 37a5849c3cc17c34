"""What a journey suggests besides articles: groups, events and mentors sharing the stage's tags.

Each kind is a *recommender*: ``fn(user, tags, limit) -> list[dict]``, the feature's own suggestions
for this person through its own walls. Groups are recommended from here (peer groups exist); events
and mentoring call ``journeys.service.register_recommender`` in their own ``register(app)``, with
their ``journey_suggestions(user, tags, limit)``. Every item must say its ``audience`` (a group audience,
e.g. ``young_people``); the wall below is applied again here, failing closed: a young person's
journey shows only young people's things, an adult's never shows young people's spaces.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import content
from backend.accounts import personas as p
from backend.accounts.models import User
from backend.core.html import to_plain_text
from backend.groups import service as groups

log = logging.getLogger(__name__)

Recommender = Callable[[User, frozenset[str], int], list[dict[str, Any]]]
KINDS = ("groups", "events", "mentors")
YOUTH_AUDIENCE = "young_people"
_recommenders: dict[str, Recommender] = {}


def register_recommender(kind: str, fn: Recommender) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown recommendation kind {kind!r}")
    _recommenders[kind] = fn


def registered() -> dict[str, Recommender]:
    """The recommenders by kind, as the features registered them (tests/core/test_wiring.py)."""
    return dict(_recommenders)


def on_the_right_side(user: User, item: dict[str, Any]) -> bool:
    """The audience wall on a suggestion (PRODUCT.md 2.1 and 3): a young person's journey never
    recommends an adult space, and an adult's never a young people's one. Staff see no journey
    suggestions of young people's spaces either: a journey is a family's, not a workplace."""
    audience = item.get("audience")
    if user.persona == p.YOUNG_PERSON:
        return audience == YOUTH_AUDIENCE
    return audience is not None and audience != YOUTH_AUDIENCE


def suggest(user: User, tags: frozenset[str], limit: int = 3) -> dict[str, list[dict[str, Any]]]:
    """Every kind's suggestions for these tags (an empty list for a kind nobody provides yet)."""
    found: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    if not tags:
        return found
    for kind, fn in _recommenders.items():
        try:
            items = fn(user, tags, limit)
        except Exception:  # a suggestion is never worth a failed journey
            log.exception("journey recommender %s failed", kind)
            continue
        found[kind] = [item for item in items if on_the_right_side(user, item)][:limit]
    return found


def group_suggestions(user: User, tags: frozenset[str], limit: int) -> list[dict[str, Any]]:
    """Groups this person may see (``groups.list_groups`` applies the wall) and is not in, whose name
    or description speaks of one of the tags (a tag's keywords, as whole words)."""
    vocabulary = content.library().tags
    patterns = {
        tag: re.compile("|".join(rf"\b{re.escape(k)}" for k in vocabulary[tag].keywords))
        for tag in tags
        if tag in vocabulary
    }
    found = []
    for group in groups.list_groups(user):
        if group.get("membership"):
            continue
        text = f"{group['name']} {to_plain_text(group.get('description_html') or '')}".lower()
        shared = sorted(tag for tag, pattern in patterns.items() if pattern.search(text))
        if shared:
            found.append(
                {
                    "id": group["id"],
                    "name": group["name"],
                    "audience": group["audience"],
                    "region": group.get("region"),
                    "shared_tags": shared,
                }
            )
    return found[:limit]
