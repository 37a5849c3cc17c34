"""Playdate invitations: double opt-in (PRODUCT.md 2.4).

A family proposes a public venue type and a time window to a family it found nearby (by the opaque
handle of its profile). The invited family sees the proposal with the proposer's profile summary
only. When it accepts, both see each other's display names and the venue details, and a direct
message opens between them (``chat.register_dm_link``: an accepted invitation is a link). A decline
is silent: the proposer keeps seeing "pending". Proposals are rate-limited per account. The venue
details and message are screened; a refused proposal is kept as ``refused`` and shown to nobody.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import and_, or_, select

from backend import safeguarding
from backend.accounts.models import User
from backend.chat import service as chat
from backend.chat.models import Room
from backend.core.db import db, utcnow
from backend.core.errors import Conflict, NotFound, Unprocessable
from backend.core.html import screening_text
from backend.core.rates import count_rate
from backend.core.statuses import Saved
from backend.notifications import service as notifications
from backend.playdates import location, search
from backend.playdates.hiding import kept_apart
from backend.playdates.models import InvitationStatus, PlaydateInvitation, PlaydateProfile
from backend.playdates.profiles import own_profile, touch
from backend.playdates.walls import access_finder, standing

LONGEST_WINDOW = timedelta(hours=12)
FURTHEST_AHEAD = timedelta(days=90)


def linked(a_id: int, b_id: int) -> bool:
    """An accepted invitation between the two (either direction): the chat's DM link."""
    return (
        db.session.scalar(
            select(PlaydateInvitation.id).where(
                PlaydateInvitation.status == InvitationStatus.ACCEPTED,
                or_(
                    and_(PlaydateInvitation.from_id == a_id, PlaydateInvitation.to_id == b_id),
                    and_(PlaydateInvitation.from_id == b_id, PlaydateInvitation.to_id == a_id),
                ),
            )
        )
        is not None
    )


def _screen(user: User, invitation: PlaydateInvitation) -> None:
    text = "\n".join(t for t in (invitation.venue_details, invitation.message) if t)
    if not text:
        return
    verdict = safeguarding.screen(
        safeguarding.subject(
            type="playdate_invitation",
            id=invitation.id,
            author=user,
            text=screening_text(plain=text),
            youth_space=False,
            space=f"playdate_invitation:{invitation.id}",
        )
    )
    if verdict.action != "allow":
        invitation.status = InvitationStatus.REFUSED  # kept, never served: the queue item names it
        db.session.commit()
    safeguarding.refuse_unless_allowed(
        verdict, "Invitation not sent", "_schema", "This invitation can't be sent as it is."
    )


def _check_window(data: dict[str, Any]) -> None:
    start, end, now = data["window_start"], data["window_end"], utcnow()
    problems = {}
    if start <= now:
        problems["window_start"] = ["Must be in the future."]
    elif start > now + FURTHEST_AHEAD:
        problems["window_start"] = ["Must be within 90 days."]
    if end <= start:
        problems["window_end"] = ["Must be after window_start."]
    elif end - start > LONGEST_WINDOW:
        problems["window_end"] = ["A window is at most 12 hours."]
    if problems:
        raise Unprocessable("Choose a time window in the future", problems)


def do_invite(user: User, data: dict[str, Any]) -> Saved[dict[str, Any]]:
    mine = search.searcher_profile(user)
    target = db.session.scalar(select(PlaydateProfile).where(PlaydateProfile.handle == data["handle"]))
    # Only a family the proposer could find right now: visible, in the ring, not kept apart, verified.
    if target is None or target.cell not in location.nearby_cells(mine.cell):
        raise NotFound()
    other = db.session.get(User, target.user_id)
    if (
        other is None
        or not target.visible
        or other.id == user.id
        or other.family_id == user.family_id
        or not standing(other).use
        or kept_apart(user.id, other.id)
    ):
        raise NotFound()
    _check_window(data)
    existing = db.session.scalar(
        select(PlaydateInvitation).where(
            PlaydateInvitation.from_id == user.id,
            PlaydateInvitation.to_id == other.id,
            PlaydateInvitation.status.in_((InvitationStatus.PENDING, InvitationStatus.DECLINED)),
            PlaydateInvitation.window_end > utcnow(),
        )
    )
    if existing is not None:  # one open proposal per pair; a declined one still looks open
        return Saved(invitation_view(user, existing), False)
    count_rate(user, "playdate_invitation")
    invitation = PlaydateInvitation(
        from_id=user.id,
        to_id=other.id,
        venue_type=data["venue_type"],
        venue_details=data.get("venue_details", ""),
        message=data.get("message", ""),
        window_start=data["window_start"],
        window_end=data["window_end"],
    )
    db.session.add(invitation)
    db.session.flush()
    _screen(user, invitation)
    touch(mine)
    notifications.notify(
        other.id,
        "playdates",
        "A family nearby has suggested a playdate",
        "Open the playdate finder to see the suggestion and answer it.",
        f"/api/v1/playdates/invitations/{invitation.id}",
        dedupe_key=f"playdates:invitation:{invitation.id}",
    )
    view = invitation_view(user, invitation)
    db.session.commit()
    return Saved(view, True)


def _access(user: User, invitation_id: int) -> PlaydateInvitation:
    access_finder(user)
    invitation = db.session.get(PlaydateInvitation, invitation_id)
    if (
        invitation is None
        or user.id not in (invitation.from_id, invitation.to_id)
        or invitation.status == InvitationStatus.REFUSED
    ):
        raise NotFound()
    other_id = invitation.to_id if invitation.from_id == user.id else invitation.from_id
    if kept_apart(user.id, other_id):
        raise NotFound()
    return invitation


def _answerable(user: User, invitation_id: int) -> PlaydateInvitation:
    invitation = _access(user, invitation_id)
    if invitation.to_id != user.id:
        raise NotFound()
    if invitation.status != InvitationStatus.PENDING:
        raise Conflict("This invitation has already been answered")
    if invitation.window_end <= utcnow():
        raise Conflict("This invitation's time has passed")
    return invitation


def do_accept(user: User, invitation_id: int) -> dict[str, Any]:
    invitation = _answerable(user, invitation_id)
    invitation.status = InvitationStatus.ACCEPTED
    invitation.answered_at = utcnow()
    notifications.notify(
        invitation.from_id,
        "playdates",
        "Your playdate suggestion was accepted",
        "You can now see the other family's name and message them.",
        f"/api/v1/playdates/invitations/{invitation.id}",
        dedupe_key=f"playdates:accepted:{invitation.id}",
    )
    profile = own_profile(user)
    if profile is not None:
        touch(profile)
    db.session.commit()
    chat.do_open_dm(user, invitation.from_id)  # commits the room (or finds the one already open)
    return invitation_view(user, invitation)


def do_decline(user: User, invitation_id: int) -> None:
    """Silent: the proposer is not told, and keeps seeing the proposal as pending."""
    invitation = _answerable(user, invitation_id)
    invitation.status = InvitationStatus.DECLINED
    invitation.answered_at = utcnow()
    db.session.commit()


def get_invitation(user: User, invitation_id: int) -> dict[str, Any]:
    return invitation_view(user, _access(user, invitation_id))


def list_invitations(user: User) -> list[dict[str, Any]]:
    access_finder(user)
    rows = db.session.scalars(
        select(PlaydateInvitation)
        .where(
            or_(PlaydateInvitation.from_id == user.id, PlaydateInvitation.to_id == user.id),
            PlaydateInvitation.status != InvitationStatus.REFUSED,
        )
        .order_by(PlaydateInvitation.id.desc())
    )
    return [invitation_view(user, i) for i in rows if not kept_apart(i.from_id, i.to_id)]


def invitation_view(user: User, invitation: PlaydateInvitation) -> dict[str, Any]:
    outgoing = invitation.from_id == user.id
    status = invitation.status
    if outgoing and status == InvitationStatus.DECLINED:
        status = InvitationStatus.PENDING  # declines are silent
    accepted = invitation.status == InvitationStatus.ACCEPTED
    view: dict[str, Any] = {
        "id": invitation.id,
        "direction": "outgoing" if outgoing else "incoming",
        "status": str(status),
        "venue_type": invitation.venue_type,
        "window_start": invitation.window_start,
        "window_end": invitation.window_end,
        "message": invitation.message,
        "family": None,
        "other": None,
        "venue_details": None,
        "chat_room_id": None,
    }
    other_id = invitation.to_id if outgoing else invitation.from_id
    if not outgoing:
        proposer = db.session.scalar(select(PlaydateProfile).where(PlaydateProfile.user_id == other_id))
        if proposer is not None:
            view["family"] = search.result_view(
                tuple(getattr(proposer, c.key) for c in search.RESULT_COLUMNS)
            )
    if accepted:
        other = db.session.get(User, other_id)
        view["other"] = {"id": other_id, "display_name": other.display_name if other else ""}
        view["venue_details"] = invitation.venue_details
        view["chat_room_id"] = _dm_room_id(user.id, other_id)
    return view


def _dm_room_id(a_id: int, b_id: int) -> int | None:
    low, high = sorted((a_id, b_id))
    return db.session.scalar(select(Room.id).where(Room.dm_low_id == low, Room.dm_high_id == high))
