"""Demo chat history: every demo group's room gets a short, realistic conversation (idempotent)."""

from __future__ import annotations

from sqlalchemy import func, select

from backend.chat.models import Message, MessageStatus, Room
from backend.chat.rooms import ensure_group_room
from backend.core.db import db, utcnow
from backend.core.html import render_markdown
from backend.groups.models import STAFF, YOUNG_PEOPLE, Group, GroupStatus, Membership, MembershipStatus

ADULT_LINES = [
    "Morning all. Anyone else up since five with a little one who has decided sleep is optional?",
    "Ha, yes. We've started a visual timetable for bedtime and it's helping a bit. "
    "Happy to share what we use.",
    "Has anyone applied to the support fund for therapeutic parenting training this year? "
    "Ours went in last month.",
    "We did. Our social worker did the assessment quickly, then it was about six weeks to hear back. "
    "Worth chasing politely.",
    "Thank you, that's reassuring. Letterbox letter to write this weekend too, always harder than it sounds.",
]
YOUTH_LINES = [
    "hey, anyone else got a new school starting in September?",
    "me!! kinda nervous about not knowing anyone",
    "same. my mum says there's a buddy scheme for year 7s, might try it",
    "that sounds good tbh. you can always talk here too",
]


def load() -> None:
    """Add a short history to every active group's room that has none yet."""
    for group in db.session.scalars(
        select(Group).where(Group.status == GroupStatus.ACTIVE).order_by(Group.id)
    ):
        room = ensure_group_room(group.id)
        if db.session.scalar(select(func.count()).select_from(Message).where(Message.room_id == room.id)):
            continue
        members = _voices(group.id)
        if not members:
            continue
        lines = YOUTH_LINES if group.audience == YOUNG_PEOPLE else ADULT_LINES
        _add_history(room, members, lines)
    db.session.commit()


def _voices(group_id: int) -> list[int]:
    """The group's members and leaders, in the order they joined: the staff who run it stay quiet."""
    return list(
        db.session.scalars(
            select(Membership.user_id)
            .where(
                Membership.group_id == group_id,
                Membership.status == MembershipStatus.ACTIVE,
                Membership.role != STAFF,
            )
            .order_by(Membership.id)
        )
    )


def _add_history(room: Room, members: list[int], lines: list[str]) -> None:
    now = utcnow()
    for n, line in enumerate(lines):
        room.last_seq += 1
        db.session.add(
            Message(
                room_id=room.id,
                seq=room.last_seq,
                sender_id=members[n % len(members)],
                client_id=f"demo-{n}",
                body_html=render_markdown(line),
                status=MessageStatus.PUBLISHED,
                created_at=now,
                published_at=now,
            )
        )
