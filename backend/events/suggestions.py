"""Events a life-stage journey suggests (issue #16): upcoming events this person may see, about the
stage's tags.

The wall is the events' own: ``reading.list_events`` keeps only what ``walls.standing`` lets the
caller see (the groups' audience wall, a group event behind its group's wall). Journeys applies
its own audience check again on top.

How an event relates to a tag, explicitly:

- its title or description speaks of the tag (the tag's keywords in ``content/tags.yaml``, as
  whole words, the way journeys finds groups): this is the only link for a ``workshop``, a
  ``webinar`` or an ``expert_qa``, which are about whatever their text says;
- plus a few tags each kind is about by its nature (``KIND_TAGS``): a stay and play is about
  attachment and the early years, an activity day about belonging and friendships, a coffee
  morning about carers looking after themselves, a celebration about belonging.

No venue and no online link: those are only for people going (``walls.EventStanding.details``).
"""

from __future__ import annotations

import re
from typing import Any

import content
from backend.accounts.models import User
from backend.core.db import utcnow
from backend.events.models import EventKind, EventStatus
from backend.events.reading import list_events

KIND_TAGS: dict[str, frozenset[str]] = {
    EventKind.STAY_AND_PLAY: frozenset({"attachment", "nursery"}),
    EventKind.ACTIVITY_DAY: frozenset({"belonging", "friendships"}),
    EventKind.COFFEE_MORNING: frozenset({"self-care", "parenting"}),
    EventKind.CELEBRATION: frozenset({"belonging"}),
    EventKind.WORKSHOP: frozenset(),  # by its text only
    EventKind.WEBINAR: frozenset(),
    EventKind.EXPERT_QA: frozenset(),
}


def _patterns(tags: frozenset[str]) -> dict[str, re.Pattern[str]]:
    vocabulary = content.library().tags
    return {
        tag: re.compile("|".join(rf"\b{re.escape(k)}" for k in vocabulary[tag].keywords))
        for tag in tags
        if tag in vocabulary and vocabulary[tag].keywords
    }


def journey_suggestions(user: User, tags: frozenset[str], limit: int) -> list[dict[str, Any]]:
    """Scheduled events not yet started that ``user`` may see, sharing one of ``tags``, soonest
    first, at most ``limit``."""
    if not tags or limit <= 0:
        return []
    patterns = _patterns(tags)
    found: list[dict[str, Any]] = []
    for event in list_events(user):  # soonest first, through the events' wall
        if event["status"] != EventStatus.SCHEDULED or event["starts_at"] <= utcnow():
            continue
        text = f"{event['title']} {event['description']}".lower()
        shared = set(KIND_TAGS.get(event["kind"], frozenset()) & tags)
        shared |= {tag for tag, pattern in patterns.items() if pattern.search(text)}
        if not shared:
            continue
        found.append(
            {
                "kind": "event",
                "id": event["id"],
                "event_kind": event["kind"],
                "title": event["title"],
                "starts_at": event["starts_at"].isoformat(),  # London time, with its offset
                "ends_at": event["ends_at"].isoformat(),
                "timezone": event["timezone"],
                "audience": event["audience"],
                "group_id": event["group_id"],
                "area": event["area"],
                "shared_tags": sorted(shared),
            }
        )
        if len(found) >= limit:
            break
    return found
