"""The OpenAPI document, made fit for code generators: one home for what flask-smorest does not say.

``install`` runs once per app, before the blueprints are registered, and adds an apispec plugin that
completes every /api/v1 operation as it is documented:

- a stable, unique camelCase ``operationId`` (``OPERATION_IDS``, else blueprint + method + view);
- a ``description`` (the whole view docstring) besides the one-line ``summary``;
- every error answer the route can give, each with the ``Error`` schema, decided from the code and
  not blanket-documented (``_error_statuses``): 401 unless public, 404 for path parameters and
  persona gates, 400/413/415 for a JSON body, 422 always (unknown query parameters are refused on
  every route, ``core.gate``), 429 where a rate limit applies, and 403/404/409/422/429 wherever the
  view's code can raise them, found by reading the view and the functions it calls (``raised_by``).

``complete`` runs after the blueprints: the non-/api/v1 endpoints a client uses (OAuth, /healthz),
``servers``, ``info.description``, and ``required`` on every answer schema (a dump writes every field
it declares, so each is always present).
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
import types
from collections.abc import Callable, Iterator
from typing import Any

from apispec import APISpec, BasePlugin
from flask import Flask
from werkzeug.routing import Rule

from backend.core import gate

ERROR_REF = {"$ref": "#/components/schemas/Error"}

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

RATE_LIMIT_HEADERS = {
    "X-RateLimit-Limit": "How many requests the limit allows in its window.",
    "X-RateLimit-Remaining": "How many are left in the current window.",
    "X-RateLimit-Reset": "When the window resets (Unix time, seconds).",
    "Retry-After": "Seconds to wait before trying again (on 429 only).",
}

# Status -> (component name, description). Each is answered with the ``Error`` schema.
ERROR_RESPONSES: dict[int, tuple[str, str]] = {
    400: ("BAD_REQUEST", "Malformed request: the body is not JSON that decodes within bounds."),
    401: (
        "UNAUTHORIZED",
        "No access token, or one that is not valid (expired, revoked, malformed). The "
        'WWW-Authenticate header says which: `Bearer`, or `Bearer error="invalid_token"`.',
    ),
    403: ("FORBIDDEN", "Signed in, but this action is not allowed to you."),
    404: (
        "NOT_FOUND",
        "Nothing here: it does not exist, you may not see it, or the operation is not for you "
        "(the same answer in each case).",
    ),
    409: ("CONFLICT", "The request conflicts with the current state (already done, or a repeat)."),
    413: ("PAYLOAD_TOO_LARGE", "The body is larger than the server accepts."),
    415: ("UNSUPPORTED_MEDIA_TYPE", "The body is not sent as `Content-Type: application/json`."),
    422: (
        "UNPROCESSABLE_ENTITY",
        "Invalid input: `errors` names each field (unknown query parameters and body fields "
        "included) with its problems.",
    ),
    429: ("TOO_MANY_REQUESTS", "A rate limit is used up; wait before trying again."),
}

INFO_DESCRIPTION = """\
The API of the Kinship community: peer groups, realtime chat and safeguarding moderation for
adoptive families, kinship carers, adopted young people and adult adoptees. A step-by-step guide
with runnable examples is in `docs/api.md`; the realtime (Socket.IO) events are catalogued in
`docs/realtime.md`.

**Signing in.** OAuth 2.0 authorization code with PKCE (S256), for public clients without a secret
(the `oauth2` scheme): send the person to `GET /oauth/authorize` with `response_type=code`,
`client_id`, `redirect_uri`, `code_challenge`, `code_challenge_method=S256` and `state`; they sign in
there, and come back to the redirect URI with `code`. Exchange it at `POST /oauth/token`
(`grant_type=authorization_code`, `code`, `redirect_uri`, `client_id`, `code_verifier`) for an access
token (short-lived; `expires_in` seconds) and a refresh token. Send the access token as
`Authorization: Bearer <token>` on every `/api/v1` call. Refresh with `grant_type=refresh_token`:
each refresh token works once and the answer carries the next one (replaying a spent one ends the
sign-in). `POST /oauth/revoke` signs out. OAuth endpoints answer errors in OAuth's own shape,
`{"error", "error_description"}`.

**Errors.** Every other 4xx and 5xx answer is `{"code": <status>, "message": "<for people>",
"errors": {"<field>": ["<problem>", ...]}}` (the `Error` schema); `errors` is empty when no field is
to blame. A 401 carries `WWW-Authenticate: Bearer` (`error="invalid_token"` when a token was sent
and refused). Something that exists but that you may not see answers 404, like something that does
not exist. 503 means a dependency is briefly unavailable: retry after `Retry-After` seconds.

**Pagination.** Lists answer `{"items": [...], "next_cursor": "<opaque>" | null}`. Ask for a page
size with `limit` and pass `next_cursor` back as `cursor` for the next page; `null` means the end.
Unknown query parameters are refused (422), so a misspelt `cursor` is never silently page 1.

**Idempotency keys.** `POST /api/v1/reports` requires an `Idempotency-Key` header (any unique
string, e.g. a UUID, made once per report): a retry with the same key answers 200 with the report
already stored instead of filing a second one (201 the first time).

**Rate limits.** Sign-in, sign-up, password changes and reports are limited per route; posting,
messages and connection requests per person. Over a limit: 429. Routes limited per route send
`X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` on every answer, and
`Retry-After` on the 429.
"""

_CAMEL_BREAK = re.compile(r"[^0-9A-Za-z]+")


def _generated_id(endpoint: str, method: str) -> str:
    """blueprint + method + view, camelCase: ``groups.Threads`` GET -> ``groupsGetThreads``."""
    blueprint, _, view = endpoint.partition(".")
    words = [w for w in _CAMEL_BREAK.split(f"{blueprint} {method} {view}") if w]
    return words[0].lower() + "".join(w[:1].upper() + w[1:] for w in words[1:])


def operation_id(endpoint: str, method: str) -> str:
    return OPERATION_IDS.get((endpoint, method)) or _generated_id(endpoint, method)


# --- What a view can raise: read from its code ---------------------------------------------------


def _error_status(obj: Any) -> int | None:
    """An error class of ours (backend ``ApiError`` or moderation's ``ModerationError``): its status."""
    if isinstance(obj, type) and issubclass(obj, Exception):
        code = getattr(obj, "code", None)
        if isinstance(code, int) and 400 <= code < 600:
            return code
    return None


def _ours(obj: Any) -> bool:
    module = getattr(obj, "__module__", "") or ""
    return module.split(".")[0] in ("backend", "moderation")


def _resolve(node: ast.expr, namespace: dict[str, Any]) -> Any:
    """A name or dotted name in a function's globals (``service.join``, ``NotFound``), or None."""
    if isinstance(node, ast.Name):
        return namespace.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, namespace)
        if isinstance(owner, types.ModuleType | type):
            return getattr(owner, node.attr, None)
    return None


def _functions_in(obj: Any) -> Iterator[Callable[..., Any]]:
    if isinstance(obj, type):
        return  # a class constructed: its errors are raised by its methods' callers, if at all
    function = inspect.unwrap(obj) if callable(obj) else None
    if isinstance(function, types.FunctionType) and _ours(function):
        yield function


def raised_by(function: Callable[..., Any]) -> set[int]:
    """The statuses of the errors ``function`` and the functions of ours it calls can raise.

    A static reading: ``raise X(...)`` where X is one of our error classes (or a function annotated
    to return one), followed through every call to a module-level function of ours. Calls through
    objects (``self.x()``) are not followed; the structural errors (auth, gate, body) are added by
    ``_error_statuses`` from what the route declares."""
    found: set[int] = set()
    seen: set[types.FunctionType] = set()
    pending: list[Any] = [inspect.unwrap(function)]
    while pending:
        current = pending.pop()
        if current in seen or not isinstance(current, types.FunctionType):
            continue
        seen.add(current)
        raised, called = _read(current)
        namespace = current.__globals__  # names are looked up now, as the code would
        for node in raised:
            status = _raised_status(_resolve(node, namespace))
            if status is not None:
                found.add(status)
        for node in called:
            pending.extend(_functions_in(_resolve(node, namespace)))
    return found


def _raised_status(target: Any) -> int | None:
    status = _error_status(target)
    if status is None and isinstance(target, types.FunctionType):
        returns = target.__annotations__.get("return")
        if isinstance(returns, str):
            returns = target.__globals__.get(returns)
        status = _error_status(returns)
    return status


# One parse per function and process: a function's code never changes while the process runs, and
# every app the process creates (each test creates one) documents the same views. Parsing (some 1,800
# functions' source) was most of the cost of creating an app.
_readings: dict[types.FunctionType, tuple[tuple[ast.expr, ...], tuple[ast.expr, ...]]] = {}


def _read(function: types.FunctionType) -> tuple[tuple[ast.expr, ...], tuple[ast.expr, ...]]:
    """What ``function`` raises (``raise X`` / ``raise X(...)``: the X) and what it calls, as written."""
    reading = _readings.get(function)
    if reading is None:
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
        except (OSError, TypeError, SyntaxError):
            reading = ((), ())
        else:
            raised: list[ast.expr] = []
            called: list[ast.expr] = []
            for node in ast.walk(tree):
                if isinstance(node, ast.Raise) and node.exc is not None:
                    raised.append(node.exc.func if isinstance(node.exc, ast.Call) else node.exc)
                elif isinstance(node, ast.Call):
                    called.append(node.func)
            reading = (tuple(raised), tuple(called))
        _readings[function] = reading
    return reading


def _rate_limited(app: Flask, endpoint: str, method: str) -> bool:
    """Whether Flask-Limiter limits this (endpoint, method): ``limiter.limit`` on the view."""
    from backend.extensions import limiter

    view = app.view_functions[endpoint]
    name = f"{view.__module__}.{view.__name__}.{view.__qualname__}"
    groups = limiter.limit_manager._decorated_limits.get(name, ())
    return any(not group.methods or method in group.methods for group in groups)


def _error_statuses(app: Flask, rule: Any, method: str) -> tuple[set[int], bool]:
    """The error statuses an operation can answer, and whether it sends the rate-limit headers."""
    view = gate.view_method(app, rule.endpoint, method.upper())
    operation = gate.operation_of(view)
    # 422: unknown query parameters are refused on every route. 401: without a token, unless the
    # view is public; on a public one too when a token is sent and refused (``core.auth``).
    statuses = {401, 422} | raised_by(view)
    if rule.arguments or operation.personas is not None:
        statuses.add(404)
    if operation.takes_json and method.upper() in gate.BODY_METHODS:
        statuses |= {400, 413, 415, 422}
    limited = _rate_limited(app, rule.endpoint, method)
    if limited:
        statuses.add(429)
    return {s for s in statuses if s in ERROR_RESPONSES}, limited


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
            statuses, limited = _error_statuses(self.app, rule, method)
            responses = operation.setdefault("responses", {})
            for status in sorted(statuses):
                responses[str(status)] = {"$ref": f"#/components/responses/{ERROR_RESPONSES[status][0]}"}
            if limited:
                for answer in responses.values():
                    if isinstance(answer, dict) and "$ref" not in answer:
                        answer["headers"] = _rate_limit_header_refs(exclude=("Retry-After",))
                responses["429"] = {"$ref": "#/components/responses/RATE_LIMITED"}


def _describe(operation: dict[str, Any]) -> None:
    """The whole docstring as the description; its first sentence as the summary."""
    text = " ".join((operation.get("summary", "") + "\n\n" + operation.get("description", "")).split())
    if not text:
        return
    operation["description"] = text
    first = re.split(r"(?<=[.;])\s", text, maxsplit=1)[0].rstrip(".;")
    operation["summary"] = first


def _rate_limit_header_refs(exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        name: {"$ref": f"#/components/headers/{name}"} for name in RATE_LIMIT_HEADERS if name not in exclude
    }


def install(app: Flask, spec: APISpec) -> None:
    """Before the blueprints are registered: the plugin, and the responses and headers it names."""
    plugin = OperationsPlugin(app)
    plugin.init_spec(spec)
    spec.plugins = [*spec.plugins, plugin]
    for name, description in RATE_LIMIT_HEADERS.items():
        spec.components.header(name, {"description": description, "schema": {"type": "integer"}})
    for status, (name, description) in ERROR_RESPONSES.items():
        response: dict[str, Any] = {
            "description": description,
            "content": {"application/json": {"schema": ERROR_REF}},
        }
        if status == 401:
            response["headers"] = {
                "WWW-Authenticate": {
                    "description": 'The challenge: `Bearer`, or `Bearer error="invalid_token", ...`.',
                    "schema": {"type": "string"},
                }
            }
        if name not in spec.components.responses:
            spec.components.response(name, response)
        else:
            spec.components.responses[name].update(description=description)
    spec.components.response(
        "RATE_LIMITED",
        {
            "description": ERROR_RESPONSES[429][1],
            "headers": _rate_limit_header_refs(),
            "content": {"application/json": {"schema": ERROR_REF}},
        },
    )


def complete(spec: APISpec) -> None:
    """After the blueprints: servers, the guide in ``info``, the plain Flask endpoints, and
    ``required`` on the answer schemas."""
    spec.options["servers"] = [{"url": "/", "description": "This server"}]
    spec.options.setdefault("info", {})["description"] = INFO_DESCRIPTION
    _plain_endpoints(spec)
    _require_answer_fields(spec)


def _schema_refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            yield ref.rsplit("/", 1)[1]
        for value in node.values():
            yield from _schema_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schema_refs(value)


def _closure(names: set[str], schemas: dict[str, Any]) -> set[str]:
    todo, found = list(names), set()
    while todo:
        name = todo.pop()
        if name in found or name not in schemas:
            continue
        found.add(name)
        todo.extend(_schema_refs(schemas[name]))
    return found


def _require_answer_fields(spec: APISpec) -> None:
    """A schema only answers are made of lists every field it has as required: marshmallow's dump
    writes each declared field (as null when it has no value, where the field allows it)."""
    schemas = spec.components.schemas
    paths = spec._paths
    answers, requests = set(), set()
    for operations in paths.values():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            answers |= set(_schema_refs(operation.get("responses", {})))
            requests |= set(_schema_refs(operation.get("requestBody", {})))
            requests |= set(_schema_refs(operation.get("parameters", [])))
    for name in _closure(answers, schemas) - _closure(requests, schemas) - {"Error"}:
        properties = schemas[name].get("properties", {})
        required = [k for k, v in properties.items() if not v.get("writeOnly")]
        if required:
            schemas[name]["required"] = required


TOKEN_ANSWER = {
    "type": "object",
    "required": ["access_token", "token_type", "expires_in", "refresh_token"],
    "properties": {
        "access_token": {"type": "string", "description": "Send as `Authorization: Bearer <token>`."},
        "token_type": {"type": "string", "enum": ["Bearer"]},
        "expires_in": {"type": "integer", "description": "Seconds until the access token expires."},
        "refresh_token": {"type": "string", "description": "Works once; the answer carries the next one."},
        "scope": {"type": "string"},
    },
}
OAUTH_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string"}, "error_description": {"type": "string"}},
}


def _form(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": required,
                    "properties": {k: {"type": "string", "description": v} for k, v in properties.items()},
                }
            }
        },
    }


def _oauth_error(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    """An error under /oauth: in OAuth's shape, a rate limit's 429 included (``auth.routes``)."""
    return {
        **({"headers": headers} if headers else {}),
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OAuthError"}}},
    }


def _sign_in_error(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    """An error of the sign-in page: it is for people, so it is a page (``auth.routes``)."""
    return {
        **({"headers": headers} if headers else {}),
        "description": description,
        "content": {"text/html": {"schema": {"type": "string"}}},
    }


def _plain_endpoints(spec: APISpec) -> None:
    """The OAuth endpoints and /healthz are plain Flask routes: documented here, by hand (flask-smorest's
    path helper reads the path from a werkzeug ``Rule``)."""
    spec.components.schema("TokenAnswer", TOKEN_ANSWER)
    spec.components.schema("OAuthError", OAUTH_ERROR)
    spec.tag({"name": "oauth", "description": "Signing in (OAuth 2.0 authorization code with PKCE)"})
    spec.tag({"name": "health", "description": "Whether this process can serve"})
    authorize_query = [
        {"in": "query", "name": name, "required": True, "schema": {"type": "string"}, "description": text}
        for name, text in (
            ("response_type", "`code`"),
            ("client_id", "The client's id"),
            ("redirect_uri", "One of the client's registered redirect URIs"),
            ("code_challenge", "BASE64URL(SHA256(code_verifier))"),
            ("code_challenge_method", "`S256`"),
            ("state", "An unguessable value, checked when the person comes back"),
        )
    ]
    login_limited = {"headers": _rate_limit_header_refs(exclude=("Retry-After",))}
    spec.path(
        rule=Rule("/oauth/authorize"),
        operations={
            "get": {
                "operationId": "showSignIn",
                "tags": ["oauth"],
                "security": [],
                "summary": "The sign-in page",
                "description": "The sign-in form (HTML) a person fills in in their browser. A request "
                "that is not a valid authorization request answers 400 in OAuth's error shape.",
                "parameters": authorize_query,
                "responses": {
                    "200": {
                        "description": "The sign-in page",
                        "content": {"text/html": {"schema": {"type": "string"}}},
                    },
                    "400": _sign_in_error("Not a valid authorization request"),
                },
            },
            "post": {
                "operationId": "signIn",
                "tags": ["oauth"],
                "security": [],
                "summary": "Sign in",
                "description": "The form's submission (same query string as the page). On success, a "
                "redirect to `redirect_uri?code=...&state=...`; a wrong email or password (or a locked "
                "account: the same answer) shows the page again with 401. Rate limited per address.",
                "parameters": authorize_query,
                "requestBody": _form(
                    {"email": "The account's email", "password": "Its password"}, ["email", "password"]
                ),
                "responses": {
                    "302": {
                        "description": "Back to the client with the code",
                        "headers": {"Location": {"schema": {"type": "string"}}},
                    },
                    "400": _sign_in_error("Not a valid authorization request"),
                    "401": {
                        "description": "Email and password did not match",
                        "content": {"text/html": {"schema": {"type": "string"}}},
                        **login_limited,
                    },
                    "429": _sign_in_error(
                        "Too many sign-in attempts from this address", _rate_limit_header_refs()
                    ),
                },
            },
        },
    )
    spec.path(
        rule=Rule("/oauth/token"),
        operations={
            "post": {
                "operationId": "issueToken",
                "tags": ["oauth"],
                "security": [],
                "summary": "Tokens for a code or a refresh token",
                "description": "`grant_type=authorization_code` with `code`, `redirect_uri`, `client_id` "
                "and the PKCE `code_verifier`; or `grant_type=refresh_token` with `refresh_token` and "
                "`client_id`. A code works once, and so does each refresh token: a replay ends the "
                "sign-in. Rate limited per address.",
                "requestBody": _form(
                    {
                        "grant_type": "`authorization_code` or `refresh_token`",
                        "client_id": "The client's id",
                        "code": "The code from the redirect (authorization_code)",
                        "redirect_uri": "The same redirect URI as at /oauth/authorize (authorization_code)",
                        "code_verifier": "The PKCE verifier (authorization_code)",
                        "refresh_token": "The latest refresh token (refresh_token)",
                    },
                    ["grant_type", "client_id"],
                ),
                "responses": {
                    "200": {
                        "description": "New tokens",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/TokenAnswer"}}
                        },
                        **login_limited,
                    },
                    "400": _oauth_error("`invalid_grant`, `invalid_request`, `unsupported_grant_type`..."),
                    "401": _oauth_error("`invalid_client`"),
                    "429": _oauth_error(
                        "Too many sign-in attempts from this address", _rate_limit_header_refs()
                    ),
                },
            }
        },
    )
    spec.path(
        rule=Rule("/oauth/revoke"),
        operations={
            "post": {
                "operationId": "revokeToken",
                "tags": ["oauth"],
                "security": [],
                "summary": "Sign out",
                "description": "RFC 7009: revoke a refresh token, and with it the sign-in it belongs to "
                "(its access tokens stop working too). Answers 200 whether or not the token was valid.",
                "requestBody": _form(
                    {
                        "token": "The refresh token",
                        "token_type_hint": "`refresh_token`",
                        "client_id": "The client's id",
                    },
                    ["token", "client_id"],
                ),
                "responses": {
                    "200": {"description": "Revoked (or nothing to revoke)"},
                    "400": _oauth_error("Malformed request"),
                },
            }
        },
    )
    spec.path(
        rule=Rule("/healthz"),
        operations={
            "get": {
                "operationId": "getHealth",
                "tags": ["health"],
                "security": [],
                "summary": "Whether each dependency answers, quickly",
                "description": "200 when every check is `ok`; 503 when any is `down` or `slow`, within "
                "HEALTH_TIMEOUT seconds whatever the dependencies do (for load balancers).",
                "responses": {
                    status: {
                        "description": text,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}},
                    }
                    for status, text in (
                        ("200", "Every dependency is ok"),
                        ("503", "Some dependency is down or slow"),
                    )
                },
            }
        },
    )
    spec.components.schema(
        "Health",
        {
            "type": "object",
            "required": ["status", "checks"],
            "properties": {
                "status": {"type": "string", "enum": ["ok", "degraded"]},
                "checks": {
                    "type": "object",
                    "additionalProperties": {"type": "string", "enum": ["ok", "down", "slow"]},
                },
            },
        },
    )
