"""The playdate finder over HTTP: load -> one service call -> dump. Verified carers only; everyone
else gets the same 404 as for a route that does not exist."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from backend.core.auth import current_user
from backend.core.gate import only
from backend.core.pagination import page_in_memory
from backend.core.statuses import created_or_existing, creates
from backend.playdates import hiding, invitations, profiles, schemas, search
from backend.playdates.walls import FINDER_PERSONAS

blp = Blueprint("playdates", __name__, url_prefix="/api/v1/playdates", description="Playdate finder")


@blp.route("/profile")
class Profile(MethodView):
    @only(*FINDER_PERSONAS)
    @blp.response(200, schemas.PlaydateProfileOut)
    def get(self) -> Any:
        """The caller's playdate profile (404 while the finder is off)."""
        return profiles.get_profile(current_user())

    @only(*FINDER_PERSONAS)
    @blp.arguments(schemas.PlaydateProfileIn)
    @creates(blp, schemas.PlaydateProfileOut)
    def put(self, data: dict[str, Any]) -> Any:
        """Turn the finder on (``confirm: true``) or change the profile. The position is turned into a
        coarse cell at once and never stored, logged or returned; 201 when this call made the profile."""
        return created_or_existing(profiles.do_put_profile(current_user(), data))

    @only(*FINDER_PERSONAS)
    @blp.response(204)
    def delete(self) -> None:
        """Turn the finder off: the profile, its cell and its area are forgotten."""
        profiles.do_delete_profile(current_user())


@blp.route("/nearby")
class Nearby(MethodView):
    @only(*FINDER_PERSONAS)
    @blp.arguments(schemas.PlaydateNearbyQuery, location="query")
    @blp.response(200, schemas.PlaydateNearbyPage)
    def get(self, query: dict[str, Any]) -> Any:
        """Families in the fixed ring of cells around the caller's own: a small random sample in
        random order, with no distance; ``next_cursor`` is always null."""
        return {"items": search.nearby(current_user(), **query), "next_cursor": None}


@blp.route("/invitations")
class Invitations(MethodView):
    @only(*FINDER_PERSONAS)
    @blp.arguments(schemas.PlaydateInvitationsQuery, location="query")
    @blp.response(200, schemas.PlaydateInvitationPage)
    def get(self, query: dict[str, Any]) -> Any:
        """The caller's invitations, newest first (a declined one shows as pending to its proposer)."""
        found = invitations.list_invitations(current_user())
        return page_in_memory(found, query["limit"], query["cursor"], lambda i: (i["id"],), descending=True)

    @only(*FINDER_PERSONAS)
    @blp.arguments(schemas.PlaydateInvitationIn)
    @creates(blp, schemas.PlaydateInvitationOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Suggest a playdate to a family found nearby: a public venue type and a time window. Names
        and venue details are shared only once they accept. Rate-limited."""
        return created_or_existing(invitations.do_invite(current_user(), data))


@blp.route("/invitations/<int:invitation_id>")
class Invitation(MethodView):
    @only(*FINDER_PERSONAS)
    @blp.response(200, schemas.PlaydateInvitationOut)
    def get(self, invitation_id: int) -> Any:
        """One of the caller's invitations."""
        return invitations.get_invitation(current_user(), invitation_id)


@blp.route("/invitations/<int:invitation_id>/accept")
class Accept(MethodView):
    @only(*FINDER_PERSONAS)
    @blp.response(200, schemas.PlaydateInvitationOut)
    def post(self, invitation_id: int) -> Any:
        """Accept: both families see each other's names and the venue, and a direct message opens."""
        return invitations.do_accept(current_user(), invitation_id)


@blp.route("/invitations/<int:invitation_id>/decline")
class Decline(MethodView):
    @only(*FINDER_PERSONAS)
    @blp.response(204)
    def post(self, invitation_id: int) -> None:
        """Decline, silently: the proposing family is not told."""
        invitations.do_decline(current_user(), invitation_id)


@blp.route("/hidden/<int:user_id>")
class Hidden(MethodView):
    @only(*FINDER_PERSONAS)
    @blp.response(204)
    def post(self, user_id: int) -> None:
        """Hide the family from this account, both ways (blocks hide without this)."""
        hiding.do_hide(current_user(), user_id)

    @only(*FINDER_PERSONAS)
    @blp.response(204)
    def delete(self, user_id: int) -> None:
        """Stop hiding from this account."""
        hiding.do_unhide(current_user(), user_id)
