"""Separation of duties on the queue (PRODUCT.md 3: "nobody decides a report about their own content
or about themselves"; 2.7: "serious sanctions need a second moderator", "a different moderator
decides" an appeal).

A moderator may neither claim nor decide (nor confirm or decline a pending suspension on) an item:
- whose content they wrote (the item's author is them),
- that is about them (the subject is their own account or profile),
- that they reported (any report of theirs on the same subject, on this item or an earlier one),
- that appeals a removal they made.

One rule, checked by the claim and by every decision, so no path around it exists. The refusal is a
403 in the one error shape, naming why, so a moderator knows to leave the item to a colleague.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from moderation.models import QueueItem, Report
from moderation.types import Actor, Forbidden

# Subject types whose id is a person's account id: an item of these is about that person.
PERSON_SUBJECTS = ("user", "profile")


def conflict_of_interest(session: Session, actor: Actor, item: QueueItem) -> str | None:
    """Why this moderator must stay out of this item, or None when they may act on it."""
    if item.excluded_moderator_id == actor.user_id:
        return "An appeal is decided by a different moderator than the one who removed the content"
    if item.subject_type in PERSON_SUBJECTS and item.subject_id == str(actor.user_id):
        return "You cannot act on an item about yourself"
    if item.author_id == actor.user_id:
        return "You cannot act on an item about your own content"
    reported = session.scalar(
        select(Report.id)
        .where(
            Report.reporter_id == actor.user_id,
            Report.subject_type == item.subject_type,
            Report.subject_id == item.subject_id,
        )
        .limit(1)
    )
    if reported is not None:
        return "You cannot act on an item you reported"
    return None


def check_may_act(session: Session, actor: Actor, item: QueueItem) -> None:
    """Refuse (403) a claim or decision by a moderator with a conflict of interest in the item."""
    reason = conflict_of_interest(session, actor, item)
    if reason is not None:
        raise Forbidden(reason, {"item_id": [reason]})
