"""The audit log: append-only and hash-chained (PRODUCT.md 2.7, QUALITY.md 3).

Every decision, rule change, case access and configuration change appends a row in the same
transaction as the change itself, so a change without its audit row cannot be committed. Each row's
hash covers a canonical serialisation of the row and the previous row's hash; editing, removing or
reordering any row breaks the chain from that row on, and ``verify`` names the first broken row.
Database triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from moderation import db
from moderation.models import AuditEntry
from moderation.types import Actor

GENESIS = "0" * 64


def canonical(
    *,
    id: int,
    at: datetime,
    actor_id: int | None,
    actor_persona: str | None,
    action: str,
    target_type: str,
    target_id: str | None,
    detail: dict[str, Any],
    prev_hash: str,
) -> bytes:
    """The bytes a row's hash covers: sorted keys, no whitespace, UTC timestamps to the microsecond."""
    payload = {
        "id": id,
        "at": at.isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_persona": actor_persona,
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "detail": detail,
        "prev_hash": prev_hash,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def row_hash(entry: AuditEntry) -> str:
    data = canonical(
        id=entry.id,
        at=entry.at,
        actor_id=entry.actor_id,
        actor_persona=entry.actor_persona,
        action=entry.action,
        target_type=entry.target_type,
        target_id=entry.target_id,
        detail=entry.detail,
        prev_hash=entry.prev_hash,
    )
    return hashlib.sha256(data).hexdigest()


def record(
    session: Session,
    action: str,
    target_type: str,
    target_id: int | str | None,
    /,
    *,
    actor: Actor | None = None,
    **detail: Any,
) -> AuditEntry:
    """Append one row to the chain inside the caller's write transaction (``db.write``)."""
    if not session.info.get(db._WRITE):
        raise RuntimeError("audit rows are appended only inside a moderation write transaction")
    last = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    entry = AuditEntry(
        id=(last.id + 1) if last else 1,
        at=db.utcnow(),
        actor_id=actor.user_id if actor else None,
        actor_persona=actor.persona if actor else None,
        action=action,
        target_type=target_type,
        target_id=str(target_id) if target_id is not None else None,
        # Round-tripped through JSON now, so the hash covers exactly what the database will return.
        detail=json.loads(json.dumps(detail, default=str)),
        prev_hash=last.hash if last else GENESIS,
    )
    entry.hash = row_hash(entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class Verification:
    ok: bool
    rows: int
    first_broken_id: int | None = None
    problem: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "rows": self.rows,
            "first_broken_id": self.first_broken_id,
            "problem": self.problem,
        }


def _rows(session: Session, batch: int = 1000) -> Iterator[AuditEntry]:
    after = 0
    while True:
        query = select(AuditEntry).where(AuditEntry.id > after).order_by(AuditEntry.id).limit(batch)
        page = session.scalars(query).all()
        if not page:
            return
        yield from page
        after = page[-1].id
        session.expunge_all()  # a long log is read in pages, not held in memory


def verify() -> Verification:
    """Walk the chain from the first row; the first row whose links or hash do not hold is named."""
    previous_id, previous_hash, count = 0, GENESIS, 0
    with Session(db.engine()) as session:
        for entry in _rows(session):
            count += 1
            if entry.id != previous_id + 1:
                return Verification(False, count, entry.id, f"rows missing before row {entry.id}")
            if entry.prev_hash != previous_hash:
                return Verification(False, count, entry.id, "does not link to the previous row")
            if row_hash(entry) != entry.hash:
                return Verification(False, count, entry.id, "contents do not match its hash")
            previous_id, previous_hash = entry.id, entry.hash
    return Verification(True, count)
