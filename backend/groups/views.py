"""The dict views of groups, threads, posts, proposals and memberships (the general path; the thread
page's fast path is ``thread_page``).
"""

from __future__ import annotations

from typing import Any

from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.db import db
from backend.groups.models import CURRENT_STATES, REACTIONS, ContentStatus, Group, Membership, Post, Thread
from backend.groups.walls import Standing

# --- views -------------------------------------------------------------------------------------


def _author(user: User | None) -> dict[str, Any] | None:
    return accounts.public_profile(user) if user is not None else None


def _reactions_view(counts: dict[str, int], mine: set[str]) -> list[dict[str, Any]]:
    return [{"kind": k, "count": counts[k], "mine": k in mine} for k in REACTIONS if counts.get(k)]


def post_view(
    post: Post | Any,
    author: User | None,
    reactions: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A post as readers see it (``post`` is a Post or a row with the same column names). A removed
    post is a placeholder: no body, no author, no reactions."""
    removed = post.status == ContentStatus.REMOVED
    return {
        "id": post.id,
        "thread_id": post.thread_id,
        "group_id": post.group_id,
        "is_opening": post.is_opening,
        "status": post.status,
        "author": None if removed else _author(author),
        "body_html": None if removed else post.body_html,
        "created_at": post.created_at,
        "edited_at": None if removed else post.edited_at,
        "reactions": [] if removed else (reactions or []),
    }


def thread_view(thread: Thread, author: User | None, reply_count: int | None = None) -> dict[str, Any]:
    return {
        "id": thread.id,
        "group_id": thread.group_id,
        "title": thread.title,
        "status": thread.status,
        "author": _author(author),
        "created_at": thread.created_at,
        "edited_at": thread.edited_at,
        "last_post_at": thread.last_post_at,
        "reply_count": reply_count,
    }


def _group_view(s: Standing, member_count: int | None = None) -> dict[str, Any]:
    group, membership = s.group, s.membership
    return {
        "id": group.id,
        "name": group.name,
        "description_html": group.description_html,
        "audience": group.audience,
        "region": group.region,
        "visibility": group.visibility,
        "moderation_mode": group.moderation_mode,
        "status": group.status,
        "member_count": member_count if s.members else None,
        "membership": (
            {"role": membership.role, "status": membership.status}
            if membership is not None and membership.status in CURRENT_STATES
            else None
        ),
        "permissions": {
            "read": s.read,
            "join": s.join,
            "post": s.post,
            "see_members": s.members,
            "manage": s.manage,
            "administer": s.administer,
            "moderate": s.moderate,
        },
        "created_at": group.created_at,
    }


def _proposal_view(group: Group) -> dict[str, Any]:
    return {
        "id": group.id,
        "name": group.name,
        "description_html": group.description_html,
        "audience": group.audience,
        "region": group.region,
        "visibility": group.visibility,
        "moderation_mode": group.moderation_mode,
        "status": group.status,
        "proposed_by": _author(db.session.get(User, group.created_by_id)),
        "decision_reason": group.decision_reason,
        "decided_at": group.decided_at,
        "created_at": group.created_at,
    }


def _membership_view(membership: Membership) -> dict[str, Any]:
    return {
        "group_id": membership.group_id,
        "user_id": membership.user_id,
        "role": membership.role,
        "status": membership.status,
        "created_at": membership.created_at,
        "updated_at": membership.updated_at,
    }
