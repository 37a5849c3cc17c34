"""Chat over HTTP: rooms, history, direct messages, connections and expert sessions."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from backend.accounts import personas as p
from backend.chat import schemas, service
from backend.core.auth import current_user
from backend.core.gate import only
from backend.core.pagination import encode_cursor, page_in_memory
from backend.core.statuses import Saved, created_or_existing, creates

blp = Blueprint("chat", __name__, url_prefix="/api/v1", description="Realtime chat rooms and connections")


def _by_id(row: Any) -> tuple[int]:
    return (row.id,)


@blp.route("/rooms")
class Rooms(MethodView):
    @blp.arguments(schemas.ListQuery, location="query")
    @blp.response(200, schemas.RoomPage)
    def get(self, query: dict[str, Any]) -> Any:
        """The caller's rooms (their groups' rooms, direct messages and expert sessions) by id."""
        rooms = service.rooms_for(current_user())
        return page_in_memory(rooms, query["limit"], query["cursor"], lambda r: (r["id"],))


@blp.route("/rooms/dm")
class DirectMessages(MethodView):
    @blp.arguments(schemas.DmIn)
    @creates(blp, schemas.RoomOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Open (201) or get (200) the direct-message room with a connected adult (or, for young
        people, a young person who also opted in and shares a group)."""
        user = current_user()
        opened = service.do_open_dm(user, data["user_id"])
        return created_or_existing(Saved(service.dm_view(user, opened.resource), opened.created))


@blp.route("/rooms/<int:room_id>/messages")
class RoomMessages(MethodView):
    @blp.arguments(schemas.MessagesQuery, location="query")
    @blp.response(200, schemas.MessagesOut)
    def get(self, query: dict[str, Any], room_id: int) -> Any:
        """Messages published after `after_seq` (or the cursor), in order: what a reconnecting
        client missed. ``last_seq`` is the last one shown; ``has_more`` says another page exists."""
        after = query["cursor"][0] if query["cursor"] else query["after_seq"]
        history = service.messages_after(current_user(), room_id, after, query["limit"])
        more = history["has_more"]
        return {
            "items": history["messages"],
            "next_cursor": encode_cursor([history["last_seq"]]) if more else None,
            "room": history["room"],
            "last_seq": history["last_seq"],
            "has_more": more,
        }


@blp.route("/rooms/<int:room_id>/staffed")
class Staffed(MethodView):
    @only(*p.STAFF)
    @blp.arguments(schemas.StaffedIn)
    @blp.response(200, schemas.RoomOut)
    def put(self, data: dict[str, Any], room_id: int) -> Any:
        """DBS-checked staff make a youth room staffed (open only while staff are present) or not."""
        return service.room_summary(service.do_set_staffed(current_user(), room_id, data["staffed"]))


@blp.route("/rooms/<int:room_id>/messages/<int:message_id>/pin")
class Pin(MethodView):
    @blp.arguments(schemas.PinIn)
    @blp.response(200, schemas.MessageOut)
    def put(self, data: dict[str, Any], room_id: int, message_id: int) -> Any:
        """The host of an expert session pins (or unpins) a message."""
        return service.message_view(service.do_pin(current_user(), room_id, message_id, data["pinned"]))


@blp.route("/connections")
class Connections(MethodView):
    @blp.arguments(schemas.ListQuery, location="query")
    @blp.response(200, schemas.ConnectionPage)
    def get(self, query: dict[str, Any]) -> Any:
        """My connection requests, incoming and outgoing, newest first."""
        user = current_user()
        mine = service.connections(user)
        found = page_in_memory(mine, query["limit"], query["cursor"], _by_id, descending=True)
        return {**found, "items": [service.connection_view(user, c) for c in found["items"]]}

    @blp.arguments(schemas.ConnectionIn)
    @creates(blp, schemas.ConnectionOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Ask another adult to connect (201; 200 with the connection already between you). Young
        people can neither send nor receive requests."""
        user = current_user()
        asked = service.do_request_connection(user, data["user_id"])
        return created_or_existing(Saved(service.connection_view(user, asked.resource), asked.created))


@blp.route("/connections/<int:connection_id>/accept")
class AcceptConnection(MethodView):
    @blp.response(200, schemas.ConnectionOut)
    def post(self, connection_id: int) -> Any:
        """Accept a request sent to me."""
        user = current_user()
        return service.connection_view(user, service.do_respond_to_connection(user, connection_id, True))


@blp.route("/connections/<int:connection_id>/decline")
class DeclineConnection(MethodView):
    @blp.response(200, schemas.ConnectionOut)
    def post(self, connection_id: int) -> Any:
        """Decline a request sent to me."""
        user = current_user()
        return service.connection_view(user, service.do_respond_to_connection(user, connection_id, False))


@blp.route("/sessions")
class Sessions(MethodView):
    @blp.arguments(schemas.SessionsQuery, location="query")
    @blp.response(200, schemas.SessionPage)
    def get(self, query: dict[str, Any]) -> Any:
        """Expert sessions I may join, soonest first."""
        sessions = service.sessions_for(current_user())
        return page_in_memory(sessions, query["limit"], query["cursor"], lambda s: (s.starts_at, s.id))

    @only(*p.AGENCY_STAFF)
    @blp.arguments(schemas.SessionIn)
    @blp.response(201, schemas.SessionOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Agency workers schedule an expert live session: host, topic, audience, time window."""
        return service.do_schedule_session(current_user(), **data)
