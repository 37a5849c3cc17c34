"""What existing features tell people, each through ``notify``: one function per cause, called with
one line from the feature (so the feature's own code stays its own), plus the moderation handlers
and the copy of moderation's lead alerts that ``register(app)`` installs.

Titles and bodies carry no text anyone wrote in a young people's space and no child's details (they
may show on a lock screen): a reply is "New reply in <group name>" (groups are named by staff),
never the reply or the thread's title.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import AccountStatus, User
from backend.chat.models import Connection
from backend.core.db import db, utcnow
from backend.groups.models import ContentStatus, Group, Membership, MembershipStatus, Post, Thread
from backend.notifications.models import Notification
from backend.notifications.service import notify
from moderation import api as moderation

log = logging.getLogger(__name__)

# --- groups ------------------------------------------------------------------------------------


def on_post_published(thread: Thread, post: Post, before: str | None) -> None:
    """A reply became visible (new, released by a moderator, or put back after an appeal): the
    thread's starter and everyone else who posted in it hear of it once (dedupe on the post), unless
    they hide its author (blocks, mutes) or are no longer members of the group."""
    if post.is_opening or post.status != ContentStatus.PUBLISHED or before == ContentStatus.PUBLISHED:
        return
    group = db.session.get(Group, post.group_id)
    if group is None:
        return
    with db.session.no_autoflush:
        posters = set(
            db.session.scalars(
                select(Post.author_id).where(
                    Post.thread_id == thread.id, Post.status == ContentStatus.PUBLISHED
                )
            )
        )
        members = set(
            db.session.scalars(
                select(Membership.user_id).where(
                    Membership.group_id == group.id, Membership.status == MembershipStatus.ACTIVE
                )
            )
        )
    recipients = ({thread.author_id} | posters) & members
    recipients -= {post.author_id} | accounts.people_hiding(post.author_id)
    for user_id in sorted(recipients):
        notify(
            user_id,
            "mentions_and_replies",
            f"New reply in {group.name}",
            "Someone replied in a thread you are part of.",
            f"/groups/{group.id}/threads/{thread.id}#post-{post.id}",
            dedupe_key=f"reply:{post.id}",
        )


def on_membership_approved(group_id: int, user_id: int) -> None:
    group = db.session.get(Group, group_id)
    if group is None:
        return
    notify(
        user_id,
        "memberships",
        f"You have joined {group.name}",
        "Your request to join was approved.",
        f"/groups/{group_id}",
        dedupe_key=f"membership-approved:{group_id}",
    )


# --- connections (adults only: young people can neither send nor receive requests) ------------


def on_connection_request(connection: Connection, requester: User) -> None:
    notify(
        connection.recipient_id,
        "chat_message",
        "New connection request",
        f"{requester.display_name} would like to connect with you.",
        f"/connections/{connection.id}",
        dedupe_key=f"connection-request:{connection.id}",
    )


def on_connection_accepted(connection: Connection, by: User) -> None:
    notify(
        connection.requester_id,
        "chat_message",
        "Connection request accepted",
        f"{by.display_name} accepted your request to connect.",
        f"/connections/{connection.id}",
        dedupe_key=f"connection-accepted:{connection.id}",
    )


# --- moderation: report outcomes and appeal results -------------------------------------------

ACTED = ("remove", "redact", "warn", "mute", "suspend")
OUTCOME_ACTIONS = ("release", "dismiss", *ACTED)


def on_moderation_decision(decision: moderation.Decision) -> None:
    """Reporters learn the outcome of their report (never the sanction: PRODUCT.md 2.7); an author
    learns the result of their appeal. Idempotent (dedupe per item), as decision handlers must be."""
    if decision.item_id is None:
        return
    if decision.appeal and decision.author_id is not None:
        # The appeal's status says the same: "overturned" when the content is put back, "upheld" when
        # the removal stands (moderation.AppealStatus), so "upheld" is never said of the appeal itself.
        overturned = decision.action == "release"
        _notify_if_exists(
            decision.author_id,
            "Your appeal succeeded" if overturned else "Your appeal was reviewed",
            "The decision was overturned and your content has been put back."
            if overturned
            else "A second moderator looked again; the decision was upheld.",
            "/appeals/mine",
            f"appeal:{decision.item_id}",
        )
        db.session.commit()
        return
    acted = decision.action in ACTED
    for reporter_id in moderation.reporters_of(decision.item_id):
        _notify_if_exists(
            reporter_id,
            "Your report has been reviewed",
            "We took action. Thank you for telling us."
            if acted
            else "We looked carefully and did not need to take action this time. Thank you for telling us.",
            "/reports/mine",
            f"report-outcome:{decision.item_id}",
        )
    db.session.commit()


def _notify_if_exists(user_id: int, title: str, body: str, link: str, key: str) -> None:
    if db.session.get(User, user_id) is not None:
        notify(user_id, "moderation_outcome", title, body, link, dedupe_key=key)


# --- moderation: missed deadlines and escalations for the on-call lead ------------------------

LEAD_ALERT_LOOKBACK = timedelta(days=2)
_KIND_TITLES = {
    "deadline_breached": "Missed deadline: a P{priority} item is overdue",
    "escalated": "Escalated to safeguarding: a P{priority} item",
}


def copy_lead_alerts(now: datetime | None = None) -> int:
    """Today's ``/moderation`` alerts become notification records (category ``safeguarding``) for
    the on-call lead, or every active safeguarding lead when no one is named. Alerts about young
    people's items go only to leads cleared to work with young people. Run by the timer; idempotent
    (dedupe on the alert's id), so two processes copying the same alert make one record each."""
    since = (now or utcnow()) - LEAD_ALERT_LOOKBACK
    made = 0
    notices = moderation.lead_notices_since(since, limit=500)
    keys = [f"moderation-notice:{n['id']}" for n in notices]
    copied = {
        (user_id, str(key))
        for user_id, key in db.session.execute(
            select(Notification.user_id, Notification.dedupe_key).where(Notification.dedupe_key.in_(keys))
        )
    }
    for notice in notices:
        key = f"moderation-notice:{notice['id']}"
        leads = [
            lead
            for lead in _leads_for(notice["recipient_id"], youth=notice["audience"] == "youth")
            if (lead.id, key) not in copied
        ]
        title = _KIND_TITLES.get(notice["kind"], "Moderation alert: a P{priority} item").format(
            priority=notice["priority"]
        )
        for lead in leads:
            notify(
                lead.id,
                "safeguarding",
                title,
                "Open the moderation queue to act on it.",
                f"/moderation/items/{notice['item_id']}",
                dedupe_key=key,
                urgent=True,
            )
            made += 1
        db.session.commit()
    return made


def _leads_for(recipient_id: int | None, *, youth: bool) -> list[User]:
    if recipient_id is not None:
        person = db.session.get(User, recipient_id)
        candidates = [person] if person is not None else []
    else:
        candidates = list(
            db.session.scalars(
                select(User).where(User.persona == p.SAFEGUARDING_LEAD, User.status == AccountStatus.ACTIVE)
            )
        )
    return [
        u
        for u in candidates
        if u.persona in p.MODERATION_STAFF and (not youth or accounts.may_work_with_young_people(u))
    ]


# --- moderation: crisis signposts for a risk to life found after publication ------------------

_SIGNPOST_TITLES = {
    "self_harm": "Help is here whenever you need it",
    "friend_concern": "Worried about a friend? Help is here",
    "abuse_disclosure": "If someone is hurting you, help is here",
}


def copy_author_signposts(now: datetime | None = None) -> int:
    """Signposts moderation owes an author (its second reading found a risk to life, or abuse told,
    in what they had already published) become one urgent ``support`` notification for them (dedupe
    on the notice's id), so they reach the author's devices within a notifications period. The title
    and body name only where to find help, never what was written (they may show on a lock screen)."""
    since = (now or utcnow()) - LEAD_ALERT_LOOKBACK
    notices = moderation.author_signposts_since(since, limit=500)
    keys = {f"moderation-signposts:{n['id']}": n for n in notices}
    copied = set(db.session.scalars(select(Notification.dedupe_key).where(Notification.dedupe_key.in_(keys))))
    made = 0
    for key, notice in keys.items():
        if key in copied or db.session.get(User, notice["recipient_id"]) is None:
            continue  # told already, or an account deleted since: nobody to tell
        body = " ".join(f"{s['name']}, {s['contact']}: {s['description']}" for s in notice["signposts"])
        title = _SIGNPOST_TITLES.get(notice["category"], _SIGNPOST_TITLES["self_harm"])
        notify(notice["recipient_id"], "support", title, body, "", dedupe_key=key, urgent=True)
        db.session.commit()
        made += 1
    return made
