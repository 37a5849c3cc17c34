"""The safety net under the outbox: held content that has no queue item and no intake record.

The outbox makes every hold committed from now on durable with its item. Content held before it
existed (the moderation outage of issue #20 left some) or by any path that skipped screening's
wrapper would still sit pending with nobody to see it. The features that hold content register how
to list it (``register_held``); ``sweep`` walks it, asks moderation which subjects have never had an
item, and writes an intake record for each of the rest, which the outbox then delivers. It runs with
the hourly jobs (``JOBS_PERIOD_SECONDS``) and from ``flask --app backend moderation-outbox --sweep``.

Safe with several processes: a swept record's key is derived from its subject, and the insert does
nothing when that key is already there, so two sweeps write one record (and moderation stores one
snapshot for it). The order of the reads leaves no gap: held content first, then pending records,
then moderation's items (content commits after its item, or together with its record, and a record
is deleted only after its item is committed).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from backend.core.db import db
from backend.moderation_link.models import OutboxIntake
from backend.moderation_link.outbox import record_values
from moderation import api as moderation

log = logging.getLogger(__name__)

PAGE = 200
SWEPT_REASON = "Found held with no moderation queue item; queued by the sweep."
_KEYS = uuid.UUID("5b0e8d1c-55a3-4c1b-9a57-2f4a3c1de0a1")

# (content id, a function building its Subject when it turns out to need an item): most never do.
HeldContent = tuple[int, Callable[[], moderation.Subject]]
HeldFinder = Callable[[int, int], list[HeldContent]]
_finders: dict[str, HeldFinder] = {}


def register_held(subject_type: str, finder: HeldFinder) -> None:
    """``finder(after_id, limit)``: up to ``limit`` pieces of this type's content waiting for a
    moderator (held, shown to their author only) with ids above ``after_id``, in id order."""
    _finders[subject_type] = finder


def _insert_new(insert_for: Callable[[Any], Any]) -> Any:
    table = OutboxIntake.__table__
    return insert_for(table).on_conflict_do_nothing(index_elements=["key"]).returning(table.c.id)


_INSERT = {"sqlite": _insert_new(sqlite.insert), "postgresql": _insert_new(postgresql.insert)}


def sweep() -> int:
    """Write an intake record for every held piece of content with neither a queue item nor a
    pending record; how many were written."""
    written = 0
    for subject_type, finder in _finders.items():
        after = 0
        while page := finder(after, PAGE):
            after = page[-1][0]
            written += _orphans(subject_type, page)
            if len(page) < PAGE:
                break
    return written


def _orphans(subject_type: str, page: list[HeldContent]) -> int:
    ids = [str(content_id) for content_id, _build in page]
    recorded = set(
        db.session.scalars(
            select(OutboxIntake.subject_id).where(
                OutboxIntake.subject_type == subject_type, OutboxIntake.subject_id.in_(ids)
            )
        )
    )
    queued = moderation.subjects_with_items([(subject_type, i) for i in ids if i not in recorded])
    insert = _INSERT[db.session.get_bind().dialect.name]
    written = 0
    for content_id, build in page:
        key = (subject_type, str(content_id))
        if key[1] in recorded or key in queued:
            continue
        verdict = moderation.Verdict(action="hold", reason=SWEPT_REASON)
        values = record_values(build(), verdict, key=uuid.uuid5(_KEYS, ":".join(key)).hex)
        # No id back: another process's sweep wrote this record first.
        written += db.session.execute(insert.values(**values)).scalar() is not None
    db.session.commit()
    if written:
        log.warning(
            "held content with no moderation item found: %s %s record(s) written", written, subject_type
        )
    return written
