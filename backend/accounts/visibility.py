"""Blocks and mutes: who is hidden from whom, the one home of the rule (ARCHITECTURE.md section 4).

The rule: a person never sees, nor is reached by, someone either of them has blocked, and does not
see the content of someone they muted. It is written here in each form the features need, and
tests/accounts/test_visibility.py keeps the forms equal:

- the reader's side: ``hidden_user_ids(viewer)`` (Python) and ``hidden_from(author, viewer)`` (a SQL
  condition on an author column, used inside the groups' queries so a page needs no extra look-up);
- the author's side: ``people_hiding(*authors)`` (Python) and ``PEOPLE_HIDING`` (one prebuilt
  statement for one author, used on the chat send path: ``people_hiding_one``);
- between two people: ``is_blocked(a, b)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, exists, or_, select, union_all
from sqlalchemy.orm import InstrumentedAttribute

from backend.accounts.models import (
    Block,
    Mute,
    User,
)
from backend.accounts.people import access_user
from backend.core.db import db
from backend.core.errors import BadRequest, NotFound
from backend.core.statuses import Saved

_BLOCKS = cast(Table, Block.__table__)
_MUTES = cast(Table, Mute.__table__)


def is_blocked(a_id: int, b_id: int) -> bool:
    """True if either has blocked the other. Every feature that connects two people calls this."""
    return (
        db.session.scalar(
            select(Block.id).where(
                or_(
                    (Block.blocker_id == a_id) & (Block.blocked_id == b_id),
                    (Block.blocker_id == b_id) & (Block.blocked_id == a_id),
                )
            )
        )
        is not None
    )


def hidden_user_ids(user_id: int) -> set[int]:
    """People whose content this user should not see: blocked either way, or muted by them."""
    rows = db.session.execute(
        select(Block.blocker_id, Block.blocked_id).where(
            or_(Block.blocker_id == user_id, Block.blocked_id == user_id)
        )
    ).all()
    hidden = {b if a == user_id else a for a, b in rows}
    hidden.update(db.session.scalars(select(Mute.muted_id).where(Mute.muter_id == user_id)))
    return hidden


def people_hiding(*author_ids: int) -> set[int]:
    """People who must not receive these authors' content: blocked either way, or who muted them.
    (``hidden_user_ids`` answers the reader's side; this is the author's side.)"""
    ids = set(author_ids)
    rows = db.session.execute(
        select(Block.blocker_id, Block.blocked_id).where(
            or_(Block.blocker_id.in_(ids), Block.blocked_id.in_(ids))
        )
    ).all()
    hiding = {b if a in ids else a for a, b in rows}
    hiding.update(db.session.scalars(select(Mute.muter_id).where(Mute.muted_id.in_(ids))))
    return hiding - ids


def hidden_from(author: Any, viewer: Any) -> Any:
    """SQL form of ``hidden_user_ids(viewer)`` for one author column: either has blocked the other,
    or the viewer muted the author."""
    return or_(
        exists().where(
            or_(
                and_(Block.blocker_id == viewer, Block.blocked_id == author),
                and_(Block.blocker_id == author, Block.blocked_id == viewer),
            )
        ),
        exists().where(Mute.muter_id == viewer, Mute.muted_id == author),
    )


# The people who must not receive one author's content (``people_hiding(author)``), in one
# statement with the bound parameter ``user_id``: blocked either way, or who muted the author.
PEOPLE_HIDING = union_all(
    select(_BLOCKS.c.blocked_id).where(_BLOCKS.c.blocker_id == bindparam("user_id")),
    select(_BLOCKS.c.blocker_id).where(_BLOCKS.c.blocked_id == bindparam("user_id")),
    select(_MUTES.c.muter_id).where(_MUTES.c.muted_id == bindparam("user_id")),
)


def people_hiding_one(author_id: int) -> set[int]:
    """``people_hiding(author_id)`` in one prebuilt statement (the chat send path)."""
    return set(db.session.scalars(PEOPLE_HIDING, {"user_id": author_id})) - {author_id}


@dataclass(frozen=True)
class PersonListed:
    """Someone I have blocked or muted, as ``schemas.PersonListedOut`` dumps them."""

    user_id: int
    created_at: datetime


@dataclass(frozen=True)
class Hiding:
    """One way to hide someone: a block (neither sees or reaches the other) or a mute (I do not see
    them). What differs between the two is data here, so each is written, undone and listed by one
    implementation."""

    model: type[Block] | type[Mute]
    by: InstrumentedAttribute[int]  # who hides
    whom: InstrumentedAttribute[int]  # who is hidden
    verb: str


BLOCKS = Hiding(Block, Block.blocker_id, Block.blocked_id, "block")
MUTES = Hiding(Mute, Mute.muter_id, Mute.muted_id, "mute")


def do_hide(user: User, other_id: int, how: Hiding) -> Saved[PersonListed]:
    """Block or mute someone: the row, and whether it is new (False: it was already there)."""
    if other_id == user.id:
        raise BadRequest(f"You cannot {how.verb} yourself")
    access_user(user, other_id)  # the audience wall: a hidden account answers as a missing one
    row = _hiding_row(user, other_id, how)
    created = row is None
    if row is None:
        row = how.model(**{how.by.key: user.id, how.whom.key: other_id})
        db.session.add(row)
    db.session.commit()
    return Saved(PersonListed(other_id, row.created_at), created)


def do_unhide(user: User, other_id: int, how: Hiding) -> None:
    """Unblock or unmute someone; 404 if they were not blocked (or muted)."""
    row = _hiding_row(user, other_id, how)
    if row is None:
        raise NotFound()
    db.session.delete(row)
    db.session.commit()


def _hiding_row(user: User, other_id: int, how: Hiding) -> Block | Mute | None:
    row = db.session.scalar(select(how.model).where(how.by == user.id, how.whom == other_id))
    assert row is None or isinstance(row, Block | Mute)
    return row


def hidden_page(user: User, how: Hiding, limit: int, after: int | None) -> list[PersonListed]:
    """The people I have blocked (or muted), by id, after ``after``: ``limit + 1`` rows (the page's
    envelope is made by ``pagination.page``)."""
    query = select(how.whom, how.model.created_at).where(how.by == user.id)
    if after is not None:
        query = query.where(how.whom > after)
    rows = db.session.execute(query.order_by(how.whom).limit(limit + 1))
    return [PersonListed(uid, at) for uid, at in rows]


def do_block(user: User, other_id: int) -> Saved[PersonListed]:
    return do_hide(user, other_id, BLOCKS)


def do_mute(user: User, other_id: int) -> Saved[PersonListed]:
    return do_hide(user, other_id, MUTES)


def do_unblock(user: User, other_id: int) -> None:
    do_unhide(user, other_id, BLOCKS)


def do_unmute(user: User, other_id: int) -> None:
    do_unhide(user, other_id, MUTES)
