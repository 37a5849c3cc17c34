"""Live chat: group rooms, direct connections, staffed youth rooms, messages over Socket.IO."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Everything chat installs, listed once (ARCHITECTURE.md section 4). Runs before
    ``socketio.init_app`` (``backend/core/sockets.py``). The blueprint is registered with the others
    in ``app._register_api``."""
    from backend import live_rights, socket_events
    from backend.accounts import service as accounts
    from backend.chat import events, group_rooms, held, live, service
    from backend.core import sockets
    from backend.groups import lifecycle
    from backend.groups import service as groups
    from backend.moderation_link import sweep, unstored
    from backend.reports import service as reports
    from moderation import api as moderation

    # Socket.IO events (docs/realtime.md).
    sockets.on("join", events.on_join)
    sockets.on("leave", events.on_leave)
    sockets.on("send", events.on_send)
    sockets.on("sync", events.on_sync)
    sockets.on("typing", events.on_typing)
    socket_events.on_socket_disconnect(events.staff_socket_gone)
    # Sockets stay inside the rooms' walls while rights and memberships change.
    live_rights.room_wall("room")(live.keep_in_room)
    groups.on_membership_ended(live.leave_group_chat)
    # Every group has its chat room from the moment it opens (PRODUCT.md 2.2).
    lifecycle.on_group_opened(group_rooms.open_group_room)
    # Moderators' decisions about messages.
    moderation.on_decision("release", service.on_release)
    moderation.on_decision("remove", service.on_remove)
    moderation.on_decision("hide", service.on_hide)
    moderation.on_decision("redact", service.on_redact)
    # Chat messages can be reported (POST /api/v1/reports), under the room's wall.
    reports.register_subject("message", service.subject_for_message)
    sweep.register_held("message", held.held_messages)
    unstored.register_stored("message", held.stored_messages)
    # Data rights: the chat part of a person's export.
    accounts.register_exporter("chat", service.export)
