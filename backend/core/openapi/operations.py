"""Each /api/v1 operation completed as flask-smorest documents it (an apispec plugin).

- a stable, unique camelCase ``operationId`` (``OPERATION_IDS``, else blueprint + method + view);
- a ``description`` (the whole view docstring) besides the one-line ``summary``;
- every error answer the route can give, each with the ``Error`` schema (``errors.error_statuses``).
"""

from __future__ import annotations

import re
from typing import Any

from apispec import BasePlugin
from flask import Flask

from backend.core.openapi.errors import ERROR_RESPONSES, error_statuses, rate_limit_header_refs

# Hand-picked names, by (endpoint, method): what a generated client's methods are called. A route
# missing here still gets a stable name (``_generated_id``); the test checks they are unique.
OPERATION_IDS: dict[tuple[str, str], str] = {
    ("accounts.Accounts", "post"): "signUp",
    ("accounts.InvitationAcceptance", "post"): "acceptInvitation",
    ("accounts.Me", "get"): "getMe",
    ("accounts.Me", "patch"): "updateMe",
    ("accounts.Me", "delete"): "deleteMe",
    ("accounts.Password", "post"): "changePassword",
    ("accounts.Export", "get"): "exportMyData",
    ("accounts.PrivacySettings", "get"): "getPrivacy",
    ("accounts.PrivacySettings", "patch"): "updatePrivacy",
    ("accounts.BlockList", "get"): "listBlocks",
    ("accounts.Blocks", "post"): "blockUser",
    ("accounts.Blocks", "delete"): "unblockUser",
    ("accounts.Mutes", "post"): "muteUser",
    ("accounts.Mutes", "delete"): "unmuteUser",
    ("accounts.MyFamily", "get"): "getMyFamily",
    ("accounts.MyFamily", "patch"): "updateMyFamily",
    ("accounts.MyChildren", "post"): "addChild",
    ("accounts.MyChild", "delete"): "removeChild",
    ("accounts.Families", "get"): "getFamily",
    ("accounts.FamilyVerification", "post"): "verifyFamily",
    ("accounts.FamilyTransfer", "post"): "transferFamily",
    ("accounts.Users", "get"): "getUser",
    ("accounts.UserVerification", "post"): "verifyUser",
    ("accounts.Vetting", "put"): "setVetting",
    ("accounts.Invitations", "post"): "createInvitation",
    ("accounts.ChildConfirmation", "post"): "confirmChild",
    ("accounts.Persona", "post"): "setPersona",
    ("accounts.Suspension", "post"): "suspendUser",
    ("chat.Rooms", "get"): "listRooms",
    ("chat.DirectMessages", "post"): "openDirectMessage",
    ("chat.RoomMessages", "get"): "listRoomMessages",
    ("chat.Staffed", "put"): "setRoomStaffed",
    ("chat.Pin", "put"): "pinMessage",
    ("chat.Connections", "get"): "listConnections",
    ("chat.Connections", "post"): "requestConnection",
    ("chat.AcceptConnection", "post"): "acceptConnection",
    ("chat.DeclineConnection", "post"): "declineConnection",
    ("chat.Sessions", "get"): "listSessions",
    ("chat.Sessions", "post"): "createSession",
    ("groups.Groups", "get"): "listGroups",
    ("groups.Groups", "post"): "createGroup",
    ("groups.GroupDetail", "get"): "getGroup",
    ("groups.GroupDetail", "patch"): "updateGroup",
    ("groups.MyMembership", "put"): "joinGroup",
    ("groups.MyMembership", "delete"): "leaveGroup",
    ("groups.Members", "get"): "listMembers",
    ("groups.Member", "delete"): "removeMember",
    ("groups.Approve", "post"): "approveMember",
    ("groups.Role", "put"): "setMemberRole",
    ("groups.Invitations", "post"): "inviteToGroup",
    ("groups.Staff", "put"): "addGroupStaff",
    ("groups.Staff", "delete"): "removeGroupStaff",
    ("groups.Proposals", "get"): "listGroupProposals",
    ("groups.Proposals", "post"): "proposeGroup",
    ("groups.ProposalApproval", "post"): "approveGroupProposal",
    ("groups.ProposalDecline", "post"): "declineGroupProposal",
    ("groups.Threads", "get"): "listThreads",
    ("groups.Threads", "post"): "startThread",
    ("groups.ThreadDetail", "get"): "getThread",
    ("groups.ThreadDetail", "patch"): "updateThread",
    ("groups.Posts", "get"): "listPosts",
    ("groups.Posts", "post"): "createPost",
    ("groups.PostDetail", "patch"): "updatePost",
    ("groups.PostDetail", "delete"): "deletePost",
    ("groups.Reactions", "put"): "addReaction",
    ("groups.Reactions", "delete"): "removeReaction",
    ("reports.Reports", "post"): "createReport",
    ("reports.MyReports", "get"): "listMyReports",
    ("reports.Appeals", "post"): "createAppeal",
    ("reports.MyAppeals", "get"): "listMyAppeals",
    ("reports.ProtectedTerms", "get"): "getProtectedTerms",
    ("reports.ProtectedTerms", "put"): "setProtectedTerms",
    ("moderation.Screen", "post"): "screenText",
    ("moderation.Rules", "get"): "listRules",
    ("moderation.Rules", "post"): "addRule",
    ("moderation.Rule", "delete"): "retireRule",
    ("moderation.Queue", "get"): "listQueue",
    ("moderation.Item", "get"): "getQueueItem",
    ("moderation.Claim", "post"): "claimQueueItem",
    ("moderation.DecisionRoute", "post"): "decideQueueItem",
    ("moderation.Notifications", "get"): "listModerationNotifications",
    ("moderation.Cases", "get"): "listCases",
    ("moderation.Cases", "post"): "openCase",
    ("moderation.CaseRoute", "get"): "getCase",
    ("moderation.CaseRoute", "patch"): "updateCase",
    ("moderation.Chronology", "post"): "addChronologyEntry",
    ("moderation.CaseActions", "post"): "addCaseAction",
    ("moderation.CaseOutcome", "post"): "recordActionOutcome",
    ("moderation.CaseItems", "post"): "addCaseItems",
    ("moderation.AuditVerify", "get"): "verifyAuditLog",
}

_CAMEL_BREAK = re.compile(r"[^0-9A-Za-z]+")


def _generated_id(endpoint: str, method: str) -> str:
    """blueprint + method + view, camelCase: ``groups.Threads`` GET -> ``groupsGetThreads``."""
    blueprint, _, view = endpoint.partition(".")
    words = [w for w in _CAMEL_BREAK.split(f"{blueprint} {method} {view}") if w]
    return words[0].lower() + "".join(w[:1].upper() + w[1:] for w in words[1:])


def operation_id(endpoint: str, method: str) -> str:
    return OPERATION_IDS.get((endpoint, method)) or _generated_id(endpoint, method)


class OperationsPlugin(BasePlugin):
    """Completes each /api/v1 operation as flask-smorest documents it (see the module docstring)."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def operation_helper(
        self, path: str | None = None, operations: dict[Any, Any] | None = None, **kwargs: Any
    ) -> None:
        rule = kwargs.get("rule")
        if rule is None or operations is None or not rule.rule.startswith("/api/v1"):
            return
        for method, operation in operations.items():
            operation["operationId"] = operation_id(rule.endpoint, method)
            _describe(operation)
            statuses, limited = error_statuses(self.app, rule, method)
            responses = operation.setdefault("responses", {})
            for status in sorted(statuses):
                responses[str(status)] = {"$ref": f"#/components/responses/{ERROR_RESPONSES[status][0]}"}
            if limited:
                for answer in responses.values():
                    if isinstance(answer, dict) and "$ref" not in answer:
                        answer["headers"] = rate_limit_header_refs(exclude=("Retry-After",))
                responses["429"] = {"$ref": "#/components/responses/RATE_LIMITED"}


def _describe(operation: dict[str, Any]) -> None:
    """The whole docstring as the description; its first sentence as the summary."""
    text = " ".join((operation.get("summary", "") + "\n\n" + operation.get("description", "")).split())
    if not text:
        return
    operation["description"] = text
    first = re.split(r"(?<=[.;])\s", text, maxsplit=1)[0].rstrip(".;")
    operation["summary"] = first
