"""Notifications over HTTP: load -> one service call -> dump. Each person reads only their own."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from backend.core.auth import current_user
from backend.notifications import schemas, service

blp = Blueprint(
    "notifications",
    __name__,
    url_prefix="/api/v1",
    description="My notifications and their preferences",
)


@blp.route("/notifications")
class Notifications(MethodView):
    @blp.arguments(schemas.NotificationQuery, location="query")
    @blp.response(200, schemas.NotificationPage)
    def get(self, args: dict[str, Any]) -> Any:
        """My notifications, newest first (``unread=true``: only unread ones)."""
        return service.list_mine(current_user(), **args)


@blp.route("/notifications/<int:notification_id>/read")
class NotificationRead(MethodView):
    @blp.response(200, schemas.UserNotification)
    def post(self, notification_id: int) -> Any:
        """Mark one of my notifications read (again: no change)."""
        return service.notification_view(service.do_mark_read(current_user(), notification_id))


@blp.route("/notifications/read-all")
class NotificationsReadAll(MethodView):
    @blp.response(200, schemas.ReadAllOut)
    def post(self) -> Any:
        """Mark all my notifications read."""
        return service.do_mark_all_read(current_user())


@blp.route("/notifications/preferences")
class Preferences(MethodView):
    @blp.response(200, schemas.PreferencesOut)
    def get(self) -> Any:
        """My cadence per category, quiet hours and journey lead time."""
        return service.preferences_view(current_user())

    @blp.arguments(schemas.PreferencesUpdate)
    @blp.response(200, schemas.PreferencesOut)
    def patch(self, data: dict[str, Any]) -> Any:
        """Change some preferences. Categories that protect people cannot be turned off (422)."""
        return service.do_update_preferences(current_user(), **data)
