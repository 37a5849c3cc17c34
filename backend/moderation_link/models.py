"""The moderation outbox: intake records for screened content whose queue item is not stored yet."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, utcnow


class OutboxIntake(Base):
    """Everything moderation needs to open the queue item screening could not store: a copy of the
    content (moderation never reads app tables), who wrote it, where, the verdict it was given and
    the evidence context read at the time. Written in the same transaction as the content, so the two
    are durable together; deleted once moderation has acknowledged it.

    No foreign keys: the record must outlive the content and the account it concerns until it is
    delivered (moderation's records survive deletion, PRODUCT.md 2.7).
    """

    __tablename__ = "moderation_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Moderation's idempotency key for this record: delivered twice, it is stored once.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(64))
    author_id: Mapped[int] = mapped_column(Integer)
    author: Mapped[dict[str, Any]] = mapped_column(JSON)  # moderation.AuthorFacts, as it was then
    content: Mapped[str] = mapped_column(Text)
    audience: Mapped[str] = mapped_column(String(10))  # adult | youth
    space: Mapped[str] = mapped_column(String(80))
    mode: Mapped[str] = mapped_column(String(4))  # post | pre
    family_key: Mapped[str | None] = mapped_column(String(40))
    context: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    action: Mapped[str] = mapped_column(String(10))  # the verdict: hold | block | allow
    categories: Mapped[list[str]] = mapped_column(JSON)
    priority: Mapped[int | None] = mapped_column(Integer)
    signposts: Mapped[list[dict[str, str]]] = mapped_column(JSON)  # what the author was shown
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Due for delivery from then on. A process that claims the record moves it forward (its lease),
    # and a failed delivery moves it to the next try.
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
