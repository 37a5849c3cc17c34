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

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, exists, or_, select, union_all

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


def do_block(user: User, other_id: int) -> Saved[dict[str, Any]]:
    """Block someone: the block, and whether it is new (False: it was already there)."""
    if other_id == user.id:
        raise BadRequest("You cannot block yourself")
    access_user(user, other_id)  # the audience wall: a hidden account answers as a missing one
    block = db.session.scalar(select(Block).where(Block.blocker_id == user.id, Block.blocked_id == other_id))
    created = block is None
    if block is None:
        block = Block(blocker_id=user.id, blocked_id=other_id)
        db.session.add(block)
    db.session.commit()
    return Saved(_person_listed(block.blocked_id, block.created_at), created)


def do_unblock(user: User, other_id: int) -> None:
    block = db.session.scalar(select(Block).where(Block.blocker_id == user.id, Block.blocked_id == other_id))
    if block is None:
        raise NotFound()
    db.session.delete(block)
    db.session.commit()


def do_mute(user: User, other_id: int) -> Saved[dict[str, Any]]:
    """Mute someone: the mute, and whether it is new (False: it was already there)."""
    if other_id == user.id:
        raise BadRequest("You cannot mute yourself")
    access_user(user, other_id)  # the audience wall: a hidden account answers as a missing one
    mute = db.session.scalar(select(Mute).where(Mute.muter_id == user.id, Mute.muted_id == other_id))
    created = mute is None
    if mute is None:
        mute = Mute(muter_id=user.id, muted_id=other_id)
        db.session.add(mute)
    db.session.commit()
    return Saved(_person_listed(mute.muted_id, mute.created_at), created)


def do_unmute(user: User, other_id: int) -> None:
    mute = db.session.scalar(select(Mute).where(Mute.muter_id == user.id, Mute.muted_id == other_id))
    if mute is None:
        raise NotFound()
    db.session.delete(mute)
    db.session.commit()


def _person_listed(user_id: int, created_at: datetime) -> dict[str, Any]:
    return {"user_id": user_id, "created_at": created_at}


def blocked_page(user: User, limit: int, after: int | None) -> list[dict[str, Any]]:
    """The people I have blocked, by id, after ``after``: ``limit + 1`` rows (the page's envelope
    is made by ``pagination.page``)."""
    query = select(Block.blocked_id, Block.created_at).where(Block.blocker_id == user.id)
    if after is not None:
        query = query.where(Block.blocked_id > after)
    rows = db.session.execute(query.order_by(Block.blocked_id).limit(limit + 1))
    return [_person_listed(uid, at) for uid, at in rows]


def muted_page(user: User, limit: int, after: int | None) -> list[dict[str, Any]]:
    """The people I have muted, by id, after ``after`` (as ``blocked_page``)."""
    query = select(Mute.muted_id, Mute.created_at).where(Mute.muter_id == user.id)
    if after is not None:
        query = query.where(Mute.muted_id > after)
    rows = db.session.execute(query.order_by(Mute.muted_id).limit(limit + 1))
    return [_person_listed(uid, at) for uid, at in rows]
