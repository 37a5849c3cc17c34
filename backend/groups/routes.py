"""Peer groups over HTTP: load -> one service call -> dump. Missing and not allowed are the same 404."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.core.auth import current_principal, current_user, principal_only
from backend.core.gate import only
from backend.core.pagination import page_in_memory
from backend.core.quick_query import query_arguments
from backend.core.statuses import created_or_existing, creates
from backend.groups import events, schemas, service

# ``events`` registers the socket connect hook that joins group rooms.
__all__ = ["blp", "events"]

blp = Blueprint("groups", __name__, url_prefix="/api/v1", description="Peer groups (forums)")


@blp.route("/groups")
class Groups(MethodView):
    @blp.arguments(schemas.GroupQuery, location="query", as_kwargs=True)
    @blp.response(200, schemas.GroupPage)
    def get(self, limit: int, cursor: Any, **query: Any) -> Any:
        """Groups the caller may see (the audience wall applies) by name, filterable by audience,
        region, a search term, or only mine. Member counts appear only where the caller may see members."""
        found = service.list_groups(current_user(), **query)
        return page_in_memory(found, limit, cursor, lambda g: (g["name"], g["id"]))

    @only(*service.GROUP_CREATORS)
    @blp.arguments(schemas.GroupIn)
    @blp.response(201, schemas.GroupOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Create a group (agency workers and admins; young people's groups need an in-date DBS check).
        The creator is assigned as the group's staff."""
        return service.do_create_group(current_user(), data)


@blp.route("/groups/<int:group_id>")
class GroupDetail(MethodView):
    @blp.response(200, schemas.GroupOut)
    def get(self, group_id: int) -> Any:
        """One group the caller may see, with their membership and permissions."""
        return service.group_detail(current_user(), group_id)

    @blp.arguments(schemas.GroupUpdate)
    @blp.response(200, schemas.GroupOut)
    def patch(self, data: dict[str, Any], group_id: int) -> Any:
        """Change a group's name, description, region, visibility or moderation mode (its staff and
        admins). The audience never changes."""
        return service.do_update_group(current_user(), group_id, data)


@blp.route("/groups/<int:group_id>/membership")
class MyMembership(MethodView):
    @creates(blp, schemas.MembershipOut)
    def put(self, group_id: int) -> Any:
        """Join an open group, ask to join a request group, or accept an invitation: 201 when this
        call made the membership or request, 200 when the caller was already in, had asked or was invited."""
        return created_or_existing(service.do_join(current_user(), group_id))

    @blp.response(204)
    def delete(self, group_id: int) -> None:
        """Leave the group, withdraw a request or decline an invitation."""
        service.do_leave(current_user(), group_id)


@blp.route("/groups/<int:group_id>/members")
class Members(MethodView):
    @blp.arguments(schemas.MembersQuery, location="query")
    @blp.response(200, schemas.MemberPage)
    def get(self, query: dict[str, Any], group_id: int) -> Any:
        """Who is in the group (staff, then leaders, then by joining): for members (young people's
        groups: for staff only); leaders and staff also see requests and invitations."""
        found = service.list_members(current_user(), group_id)
        return page_in_memory(found, query["limit"], query["cursor"], service.member_order)


@blp.route("/groups/<int:group_id>/members/<int:user_id>")
class Member(MethodView):
    @blp.response(204)
    def delete(self, group_id: int, user_id: int) -> None:
        """Remove a member, refuse a request or withdraw an invitation (leaders and staff)."""
        service.do_remove_member(current_user(), group_id, user_id)


@blp.route("/groups/<int:group_id>/members/<int:user_id>/approve")
class Approve(MethodView):
    @blp.response(200, schemas.MembershipOut)
    def post(self, group_id: int, user_id: int) -> Any:
        """Approve a request to join (leaders and staff)."""
        return service.do_approve(current_user(), group_id, user_id)


@blp.route("/groups/<int:group_id>/members/<int:user_id>/role")
class Role(MethodView):
    @blp.arguments(schemas.RoleIn)
    @blp.response(200, schemas.MembershipOut)
    def put(self, data: dict[str, Any], group_id: int, user_id: int) -> Any:
        """Appoint a member as peer leader, or stand a leader down (the group's staff and admins)."""
        return service.do_set_role(current_user(), group_id, user_id, data["role"])


@blp.route("/groups/<int:group_id>/invitations")
class Invitations(MethodView):
    @blp.arguments(schemas.Invitation)
    @creates(blp, schemas.MembershipOut)
    def post(self, data: dict[str, Any], group_id: int) -> Any:
        """Invite someone who may see the group (leaders and staff); 200 if already in or invited."""
        return created_or_existing(service.do_invite(current_user(), group_id, data["user_id"]))


@blp.route("/groups/<int:group_id>/staff/<int:user_id>")
class Staff(MethodView):
    @only(*p.STAFF)
    @creates(blp, schemas.MembershipOut)
    def put(self, group_id: int, user_id: int) -> Any:
        """Assign a staff member to run the group (young people's groups: in-date DBS check needed);
        201 when newly assigned, 200 when they already ran it."""
        return created_or_existing(service.do_assign_staff(current_user(), group_id, user_id))

    @only(*p.STAFF)
    @blp.response(204)
    def delete(self, group_id: int, user_id: int) -> None:
        """Unassign a staff member."""
        service.do_unassign_staff(current_user(), group_id, user_id)


@blp.route("/group-proposals")
class Proposals(MethodView):
    @blp.arguments(schemas.ProposalsQuery, location="query")
    @blp.response(200, schemas.ProposalPage)
    def get(self, query: dict[str, Any]) -> Any:
        """Proposals: agency workers and admins see those waiting; everyone else sees their own."""
        found = service.list_proposals(current_user())
        return page_in_memory(found, query["limit"], query["cursor"], lambda g: (g["id"],))

    @blp.arguments(schemas.GroupIn)
    @blp.response(201, schemas.ProposalOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Propose a peer-led group (verified carers and adult adoptees, for their own audience)."""
        return service.do_propose_group(current_user(), data)


@blp.route("/group-proposals/<int:group_id>/approve")
class ProposalApproval(MethodView):
    @only(*service.PROPOSAL_DECIDERS)
    @blp.response(200, schemas.ProposalOut)
    def post(self, group_id: int) -> Any:
        """Approve a proposal: the proposer leads the group, the approver is its staff."""
        return service.do_decide_proposal(current_user(), group_id, True)


@blp.route("/group-proposals/<int:group_id>/decline")
class ProposalDecline(MethodView):
    @only(*service.PROPOSAL_DECIDERS)
    @blp.arguments(schemas.ProposalDecline)
    @blp.response(200, schemas.ProposalOut)
    def post(self, data: dict[str, Any], group_id: int) -> Any:
        """Decline a proposal with a reason the proposer sees."""
        return service.do_decide_proposal(current_user(), group_id, False, data["reason"])


@blp.route("/groups/<int:group_id>/threads")
class Threads(MethodView):
    @blp.arguments(schemas.PageQuery, location="query", as_kwargs=True)
    @blp.response(200, schemas.ThreadPage)
    def get(self, group_id: int, **page: Any) -> Any:
        """Threads, latest activity first, keyset-paginated (pass next_cursor back as cursor)."""
        return service.list_threads(current_user(), group_id, **page)

    @blp.arguments(schemas.ThreadIn)
    @blp.response(201, schemas.ThreadWritten)
    def post(self, data: dict[str, Any], group_id: int) -> Any:
        """Start a thread (members). Screened first: published, held for review (status "pending",
        visible to you only) or refused with 422 and the reason. Crisis signposts come back always."""
        return service.do_start_thread(current_user(), group_id, **data)


@blp.route("/threads/<int:thread_id>")
class ThreadDetail(MethodView):
    @blp.response(200, schemas.ThreadOut)
    def get(self, thread_id: int) -> Any:
        """One thread the caller may see."""
        return service.thread_detail(current_user(), thread_id)

    @blp.arguments(schemas.ThreadUpdate)
    @blp.response(200, schemas.ThreadEdited)
    def patch(self, data: dict[str, Any], thread_id: int) -> Any:
        """Change the title of my thread: the old title is kept and the new one screened."""
        return service.do_edit_thread(current_user(), thread_id, **data)


# One instance for the thread page's query string: webargs would build a schema per request from
# the class (the page is the hot path, QUALITY.md B4). Documented the same way in the OpenAPI spec;
# plain query strings are read without it (``schemas.quick_page_query``).
_PAGE_QUERY = schemas.PageQuery()


@blp.route("/threads/<int:thread_id>/posts")
class Posts(MethodView):
    # The hot read path (QUALITY.md B4): the token is checked in full, but the wall needs only the
    # caller's principal, so no account object is loaded.
    @principal_only(accounts.authenticate_principal)
    @query_arguments(blp, _PAGE_QUERY, schemas.quick_page_query)
    @blp.response(200, schemas.PostPage)
    def get(self, thread_id: int, **page: Any) -> Any:
        """The thread page: posts oldest first with authors and reactions, keyset-paginated. Removed
        posts are placeholders; blocked and muted people's posts are left out."""
        return schemas.post_page_response(*service.read_post_page(current_principal(), thread_id, **page))

    @blp.arguments(schemas.PostIn)
    @blp.response(201, schemas.PostWritten)
    def post(self, data: dict[str, Any], thread_id: int) -> Any:
        """Reply (Markdown in ``body``). Screened first, like a new thread."""
        return service.do_reply(current_user(), thread_id, **data)


@blp.route("/posts/<int:post_id>")
class PostDetail(MethodView):
    @blp.arguments(schemas.PostIn)
    @blp.response(200, schemas.PostWritten)
    def patch(self, data: dict[str, Any], post_id: int) -> Any:
        """Edit my post: the previous text is kept as a version and the new text screened again."""
        return service.do_edit_post(current_user(), post_id, **data)

    @blp.response(204)
    def delete(self, post_id: int) -> None:
        """Delete my post: it shows as "removed"; the text is kept for moderation, never served."""
        service.do_delete_post(current_user(), post_id)


@blp.route("/posts/<int:post_id>/reactions/<string:kind>")
class Reactions(MethodView):
    @blp.response(200, schemas.ReactionsOut)
    def put(self, post_id: int, kind: str) -> Any:
        """React (heart, hug, thanks, same_here, idea): one of each kind per person."""
        return service.do_react(current_user(), post_id, kind, True)

    @blp.response(200, schemas.ReactionsOut)
    def delete(self, post_id: int, kind: str) -> Any:
        """Take a reaction back."""
        return service.do_react(current_user(), post_id, kind, False)
