"""Moderation and chat: what a report of a message sends to moderation (under the room's wall) and
the effects of moderators' decisions on messages (registered in ``backend/chat/__init__.py``).
"""

from __future__ import annotations

from backend import safeguarding
from backend.accounts.models import User
from backend.chat.messages import _hidden_from, _previous_messages, _publish, message_view
from backend.chat.models import Message, MessageStatus
from backend.chat.rooms import access_standing, socket_room
from backend.core.db import db
from backend.core.errors import NotFound
from backend.core.html import render_markdown, screening_text
from backend.core.realtime import emit_after_commit, user_room
from moderation import api as moderation

# --- moderation effects ----------------------------------------------------------------------------------


def _message_for(decision: moderation.Decision) -> Message | None:
    if decision.subject_type != "message" or not decision.subject_id.isdigit():
        return None
    return db.session.get(Message, int(decision.subject_id))


def on_release(decision: moderation.Decision) -> None:
    message = _message_for(decision)
    # pending: held by screening; hidden: by reports; removed: a removal overturned on appeal.
    if message is None or message.status not in (
        MessageStatus.PENDING,
        MessageStatus.HIDDEN,
        MessageStatus.REMOVED,
    ):
        return
    sender = db.session.get(User, message.sender_id)
    assert sender is not None
    if message.seq is None:
        _publish(message, sender, event="message_released")
    else:  # was published, then hidden or removed, now restored
        message.status = MessageStatus.PUBLISHED
        emit_after_commit(
            "message_released",
            message_view(message, sender),
            to=socket_room(message.room_id),
            skip_sid=_hidden_from(sender.id),
        )
    db.session.commit()


def _withdraw(decision: moderation.Decision, status: str) -> None:
    message = _message_for(decision)
    if message is None or message.status in (MessageStatus.REMOVED, MessageStatus.BLOCKED):
        return
    message.status = status
    payload = {"room": message.room_id, "id": message.id, "seq": message.seq}
    target = socket_room(message.room_id) if message.seq is not None else user_room(message.sender_id)
    emit_after_commit("message_removed", payload, to=target)
    db.session.commit()


def on_remove(decision: moderation.Decision) -> None:
    _withdraw(decision, MessageStatus.REMOVED)


def on_hide(decision: moderation.Decision) -> None:
    _withdraw(decision, MessageStatus.HIDDEN)


def on_redact(decision: moderation.Decision) -> None:
    message = _message_for(decision)
    if message is None or message.status != MessageStatus.PUBLISHED:
        return
    message.body_html = render_markdown(str(decision.params.get("replacement", "[redacted by a moderator]")))
    emit_after_commit(
        "message_updated",
        message_view(message),
        to=socket_room(message.room_id),
        skip_sid=_hidden_from(message.sender_id),
    )
    db.session.commit()


def subject_for_message(user: User, message_id: int) -> moderation.Subject:
    """What a report of a chat message sends to moderation: the message and the 10 before it."""
    message = db.session.get(Message, message_id)
    if message is None or message.status == MessageStatus.BLOCKED:
        raise NotFound()
    standing = access_standing(user, message.room_id)
    room = standing.room
    if message.status != MessageStatus.PUBLISHED and message.sender_id != user.id:
        raise NotFound()
    author = db.session.get(User, message.sender_id)
    assert author is not None
    return safeguarding.subject(
        type="message",
        id=message.id,
        author=author,
        text=screening_text(html=message.body_html),
        youth_space=standing.youth,
        space=socket_room(room.id),
        context=_previous_messages(room.id, before_id=message.id),
    )
