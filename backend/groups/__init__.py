"""Peer groups (forums): audiences, membership, threads, posts, reactions, live updates."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Everything groups installs, listed once (ARCHITECTURE.md section 4). Runs before
    ``socketio.init_app``. The blueprint is registered with the others in ``app._register_api``."""
    from backend import live_rights, socket_events
    from backend.accounts import service as accounts
    from backend.groups import events, held, service
    from backend.moderation_link import sweep, unstored
    from backend.reports import service as reports
    from moderation import api as moderation

    # Life events (PRODUCT.md section 1): youth memberships end at 18; a deleted account's
    # memberships end (its content stays, shown as from "Removed account").
    accounts.on_turned_18(service.end_youth_memberships)
    accounts.on_account_deleted(service.anonymise)
    # Data rights: the groups part of a person's export.
    accounts.register_exporter("groups", service.export)
    # Moderators' decisions about threads and posts.
    moderation.on_decision("release", service.on_release)
    moderation.on_decision("remove", service.on_remove)
    moderation.on_decision("hide", service.on_hide)
    moderation.on_decision("redact", service.on_redact)
    # Every thread and post can be reported (POST /api/v1/reports), under the group's wall.
    reports.register_subject("post", service.subject_for_post)
    reports.register_subject("thread", service.subject_for_thread)
    # The moderation link: held content with no queue item yet, and which content is stored at all.
    sweep.register_held("thread", held.held_threads)
    sweep.register_held("post", held.held_posts)
    unstored.register_stored("thread", held.stored_threads)
    unstored.register_stored("post", held.stored_posts)
    # Live updates: a connecting socket joins its groups' rooms; the same wall keeps it there.
    socket_events.on_socket_connect(events.join_group_rooms)
    live_rights.room_wall("group")(events.keep_in_group_room)
