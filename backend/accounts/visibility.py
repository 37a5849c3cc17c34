"""Blocks and mutes: who is hidden from whom (one home for the rule, ARCHITECTURE.md section 4)."""

from __future__ import annotations

from sqlalchemy import or_, select

from backend.accounts.models import (
    Block,
    Mute,
    User,
)
from backend.accounts.people import access_user
from backend.core.db import db
from backend.core.errors import BadRequest, NotFound

# --- blocks and mutes ----------------------------------------------------------------------------


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


def do_block(user: User, other_id: int) -> None:
    if other_id == user.id:
        raise BadRequest("You cannot block yourself")
    access_user(user, other_id)  # the audience wall: a hidden account answers as a missing one
    if (
        db.session.scalar(select(Block.id).where(Block.blocker_id == user.id, Block.blocked_id == other_id))
        is None
    ):
        db.session.add(Block(blocker_id=user.id, blocked_id=other_id))
    db.session.commit()


def do_unblock(user: User, other_id: int) -> None:
    block = db.session.scalar(select(Block).where(Block.blocker_id == user.id, Block.blocked_id == other_id))
    if block is None:
        raise NotFound()
    db.session.delete(block)
    db.session.commit()


def do_mute(user: User, other_id: int) -> None:
    if other_id == user.id:
        raise BadRequest("You cannot mute yourself")
    access_user(user, other_id)  # the audience wall: a hidden account answers as a missing one
    if db.session.scalar(select(Mute.id).where(Mute.muter_id == user.id, Mute.muted_id == other_id)) is None:
        db.session.add(Mute(muter_id=user.id, muted_id=other_id))
    db.session.commit()


def do_unmute(user: User, other_id: int) -> None:
    mute = db.session.scalar(select(Mute).where(Mute.muter_id == user.id, Mute.muted_id == other_id))
    if mute is None:
        raise NotFound()
    db.session.delete(mute)
    db.session.commit()


def blocks_and_mutes(user: User) -> dict[str, list[int]]:
    return {
        "blocked": list(db.session.scalars(select(Block.blocked_id).where(Block.blocker_id == user.id))),
        "muted": list(db.session.scalars(select(Mute.muted_id).where(Mute.muter_id == user.id))),
    }
