"""Realtime chat: the facade other features, the routes and the socket events import (``__all__``
is the contract).

The feature is split by role (ARCHITECTURE.md section 4): ``walls`` (a caller's ``RoomStanding``: the
pure decision for every kind of room), ``rooms`` (who may be in which room, staffed youth rooms, the list of
rooms), ``connections`` (direct messages), ``sessions`` (expert sessions), ``messages`` (the message
pipeline), ``moderation`` (report subjects and moderators' decisions), ``data_rights`` (export).
Everything it installs in other features is listed in ``backend/chat/__init__.py``'s ``register``.
"""

from __future__ import annotations

from backend.chat.connections import (
    access_connection,
    check_may_message_directly,
    connection_view,
    connections,
    do_open_dm,
    do_request_connection,
    do_respond_to_connection,
    ensure_dm_room,
)
from backend.chat.data_rights import (
    export,
)
from backend.chat.messages import (
    CONTEXT_MESSAGES,
    SYNC_LIMIT,
    Ack,
    do_send_message,
    do_typing,
    message_view,
    messages_after,
    sync,
)
from backend.chat.moderation import (
    on_hide,
    on_redact,
    on_release,
    on_remove,
    subject_for_message,
)
from backend.chat.rooms import (
    access_room,
    access_standing,
    dm_view,
    do_set_staffed,
    ensure_group_room,
    expert_session,
    find_room,
    is_youth_room,
    register_dm_link,
    room_is_open,
    room_state,
    room_summary,
    rooms_for,
    sessions_for,
    socket_room,
)
from backend.chat.sessions import (
    do_pin,
    do_schedule_session,
)
from backend.chat.walls import (
    RoomStanding,
)

__all__ = [
    "CONTEXT_MESSAGES",
    "SYNC_LIMIT",
    "Ack",
    "RoomStanding",
    "access_connection",
    "access_room",
    "access_standing",
    "check_may_message_directly",
    "connection_view",
    "connections",
    "dm_view",
    "do_open_dm",
    "do_pin",
    "do_request_connection",
    "do_respond_to_connection",
    "do_schedule_session",
    "do_send_message",
    "do_set_staffed",
    "do_typing",
    "ensure_dm_room",
    "ensure_group_room",
    "expert_session",
    "export",
    "find_room",
    "is_youth_room",
    "message_view",
    "messages_after",
    "on_hide",
    "on_redact",
    "on_release",
    "on_remove",
    "register_dm_link",
    "room_is_open",
    "room_state",
    "room_summary",
    "rooms_for",
    "sessions_for",
    "socket_room",
    "subject_for_message",
    "sync",
]
