"""Queue items about content the app never stored: the opposite orphan of the outbox's.

Screening commits a hold's queue item before the app commits the content; if the app's transaction
then rolls back, moderation holds an item about nothing (and, on SQLite, about an id the next piece
of content will take). With the hourly jobs, ``close_unstored`` lists the items screening opened in
the last ``LOOKBACK`` (older than ``GRACE``, so no write still in flight is mistaken for a rolled-back
one), asks each content type's registered finder which subjects are stored, and has moderation close
the rest as "subject not stored", with an audit row (``moderation/unstored.py``).

Content counts as stored only if its author is the item's and it existed when the newest snapshot
was taken: a row created later under the same id is other content that reused the id.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from backend.core.db import db, utcnow
from moderation import api as moderation

log = logging.getLogger(__name__)

PAGE = 200
# Longer than any request may take between screening and its commit (the request deadline is seconds).
GRACE = timedelta(minutes=5)
# The jobs run hourly; a day's look back covers a missed run or a restart.
LOOKBACK = timedelta(days=1)

# ids -> {id: (author id, created at)} for those of them that are stored.
StoredFinder = Callable[[list[int]], dict[int, tuple[int, datetime]]]
_finders: dict[str, StoredFinder] = {}


def register_stored(subject_type: str, finder: StoredFinder) -> None:
    """``finder(ids)``: which of these ids of this content type are stored, with author and creation
    time."""
    _finders[subject_type] = finder


def close_unstored(now: datetime | None = None) -> int:
    """Close the queue items whose content was never stored; how many were closed."""
    now = now or utcnow()
    closed, after = 0, 0
    while page := moderation.screened_items(now - LOOKBACK, now - GRACE, after, PAGE):
        after = page[-1].item_id
        closed += moderation.close_unstored(_not_stored(page))
        if len(page) < PAGE:
            break
    if closed:
        log.warning("moderation items about content never stored closed: %s", closed)
    return closed


def _not_stored(page: list[moderation.ScreenedItem]) -> list[moderation.ScreenedItem]:
    missing: list[moderation.ScreenedItem] = []
    for subject_type, finder in _finders.items():
        items = [i for i in page if i.subject_type == subject_type]
        stored = finder([int(i.subject_id) for i in items if i.subject_id.isdigit()]) if items else {}
        db.session.commit()  # end the read
        for item in items:
            found = stored.get(int(item.subject_id)) if item.subject_id.isdigit() else None
            if found is None or found[0] != item.author_id or found[1] > item.last_captured_at:
                missing.append(item)
    return missing
