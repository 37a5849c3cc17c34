"""Direct messages and connections: who may message whom directly (never across the youth wall,
PRODUCT.md 2.2), connection requests and their answers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_, select

from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.chat.models import Connection, ConnectionStatus, Room
from backend.chat.rooms import linked
from backend.core.db import db, utcnow
from backend.core.errors import Conflict, NotFound
from backend.core.rates import count_rate
from backend.core.statuses import Saved
from backend.groups import service as groups
from backend.notifications import hooks as notifications

# --- direct messages and connections -------------------------------------------------------------


def _connected(a_id: int, b_id: int) -> bool:
    accepted = db.session.scalar(
        select(Connection.id).where(
            Connection.status == ConnectionStatus.ACCEPTED,
            or_(
                and_(Connection.requester_id == a_id, Connection.recipient_id == b_id),
                and_(Connection.requester_id == b_id, Connection.recipient_id == a_id),
            ),
        )
    )
    return accepted is not None or linked(a_id, b_id)


def check_may_message_directly(user: User, other: User) -> None:
    """No direct messages between an adult and a young person, ever (PRODUCT.md 2.2). Adults need a
    connection; young people need both to have opted in and to share a group (Ofcom children's
    codes: no contact from unconnected accounts). A feature's link (a buddy pair of young people
    matched by their agency's scheme) stands in for sharing a group, never for the opt-ins."""
    if other.id == user.id or not other.is_active:
        raise NotFound()
    if accounts.is_youth(user) != accounts.is_youth(other):
        raise NotFound()
    if accounts.is_blocked(user.id, other.id):
        raise NotFound()
    if accounts.is_youth(user):
        both_opted_in = accounts.privacy(user).youth_dms_enabled and accounts.privacy(other).youth_dms_enabled
        if not (both_opted_in and (groups.share_a_group(user.id, other.id) or linked(user.id, other.id))):
            raise NotFound()
    elif not _connected(user.id, other.id):
        raise NotFound()


def ensure_dm_room(a_id: int, b_id: int) -> Room:
    """The direct-message room of two people, added to the caller's transaction if new (for features
    that have already checked the pair may talk, e.g. a mentoring match; not committed here)."""
    low, high = sorted((a_id, b_id))
    room = db.session.scalar(select(Room).where(Room.dm_low_id == low, Room.dm_high_id == high))
    if room is None:
        room = Room(kind="dm", dm_low_id=low, dm_high_id=high)
        db.session.add(room)
        db.session.flush()
    return room


def do_open_dm(user: User, other_id: int) -> Saved[Room]:
    """The direct-message room of two people, and whether this call opened it."""
    other = db.session.get(User, other_id)
    if other is None:
        raise NotFound()
    check_may_message_directly(user, other)
    low, high = sorted((user.id, other.id))
    room = db.session.scalar(select(Room).where(Room.dm_low_id == low, Room.dm_high_id == high))
    if room is not None:
        return Saved(room, False)
    room = Room(kind="dm", dm_low_id=low, dm_high_id=high)
    db.session.add(room)
    db.session.commit()
    return Saved(room, True)


def do_request_connection(user: User, recipient_id: int) -> Saved[Connection]:
    """A connection request (or the one already between the two), and whether this call made it."""
    recipient = db.session.get(User, recipient_id)
    # Young people never receive requests from adults, and never send them either: a request from
    # or to a young person is simply not possible, with the same 404 as for a missing account.
    if (
        recipient is None
        or recipient.id == user.id
        or not recipient.is_active
        or accounts.is_youth(user)
        or accounts.is_youth(recipient)
        or accounts.is_blocked(user.id, recipient.id)
        or not accounts.privacy(recipient).allow_connection_requests
    ):
        raise NotFound()
    count_rate(user, "connection")
    existing = db.session.scalar(
        select(Connection).where(
            or_(
                and_(Connection.requester_id == user.id, Connection.recipient_id == recipient.id),
                and_(Connection.requester_id == recipient.id, Connection.recipient_id == user.id),
            )
        )
    )
    if existing is not None:
        if existing.status == ConnectionStatus.DECLINED and existing.requester_id == user.id:
            raise Conflict("This request was declined")
        return Saved(existing, False)
    connection = Connection(requester_id=user.id, recipient_id=recipient.id)
    db.session.add(connection)
    db.session.flush()
    notifications.on_connection_request(connection, user)
    db.session.commit()
    return Saved(connection, True)


def access_connection(user: User, connection_id: int) -> Connection:
    connection = db.session.get(Connection, connection_id)
    if connection is None or user.id not in (connection.requester_id, connection.recipient_id):
        raise NotFound()
    return connection


def do_respond_to_connection(user: User, connection_id: int, accept: bool) -> Connection:
    connection = access_connection(user, connection_id)
    if connection.recipient_id != user.id:
        raise NotFound()
    if connection.status != ConnectionStatus.PENDING:
        raise Conflict("Already answered")
    connection.status = ConnectionStatus.ACCEPTED if accept else ConnectionStatus.DECLINED
    connection.responded_at = utcnow()
    if accept:
        notifications.on_connection_accepted(connection, user)
    db.session.commit()
    return connection


def connections(user: User) -> list[Connection]:
    return list(
        db.session.scalars(
            select(Connection)
            .where(or_(Connection.requester_id == user.id, Connection.recipient_id == user.id))
            .order_by(Connection.id.desc())
        )
    )


def connection_view(user: User, connection: Connection) -> dict[str, Any]:
    other_id = connection.recipient_id if connection.requester_id == user.id else connection.requester_id
    other = db.session.get(User, other_id)
    assert other is not None
    return {
        "id": connection.id,
        "status": connection.status,
        "direction": "outgoing" if connection.requester_id == user.id else "incoming",
        "other": accounts.public_profile(other),
        "created_at": connection.created_at,
    }
