"""Chat over HTTP: rooms, history, direct messages, connections and expert sessions."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from backend.accounts import personas as p
from backend.chat import schemas, service
from backend.core.auth import current_user
from backend.core.gate import only

blp = Blueprint("chat", __name__, url_prefix="/api/v1", description="Realtime chat rooms and connections")


@blp.route("/rooms")
class Rooms(MethodView):
    @blp.response(200, schemas.RoomOut(many=True))
    def get(self) -> Any:
        """The caller's rooms: their groups' rooms, direct messages and expert sessions."""
        return service.rooms_for(current_user())


@blp.route("/rooms/dm")
class DirectMessages(MethodView):
    @blp.arguments(schemas.DmIn)
    @blp.response(200, schemas.RoomOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Open (or get) a direct-message room with a connected adult (or, for young people, a
        young person who also opted in and shares a group)."""
        return service.dm_view(current_user(), service.do_open_dm(current_user(), data["user_id"]))


@blp.route("/rooms/<int:room_id>/messages")
class RoomMessages(MethodView):
    @blp.arguments(schemas.MessagesQuery, location="query")
    @blp.response(200, schemas.MessagesOut)
    def get(self, query: dict[str, Any], room_id: int) -> Any:
        """Messages published after `after_seq`, in order: what a reconnecting client missed."""
        return service.messages_after(current_user(), room_id, query["after_seq"], query["limit"])


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
    @blp.response(200, schemas.ConnectionOut(many=True))
    def get(self) -> Any:
        """My connection requests, incoming and outgoing."""
        user = current_user()
        return [service.connection_view(user, c) for c in service.connections(user)]

    @blp.arguments(schemas.ConnectionIn)
    @blp.response(201, schemas.ConnectionOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Ask another adult to connect. Young people can neither send nor receive requests."""
        user = current_user()
        return service.connection_view(user, service.do_request_connection(user, data["user_id"]))


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
    @blp.response(200, schemas.SessionOut(many=True))
    def get(self) -> Any:
        """Expert sessions I may join."""
        return service.sessions_for(current_user())

    @only(*p.AGENCY_STAFF)
    @blp.arguments(schemas.SessionIn)
    @blp.response(201, schemas.SessionOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Agency workers schedule an expert live session: host, topic, audience, time window."""
        return service.do_schedule_session(current_user(), **data)
