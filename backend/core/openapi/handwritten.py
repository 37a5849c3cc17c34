"""The parts of the document written by hand: the guide in ``info.description``, and the plain Flask
endpoints a client uses (OAuth, /healthz), which flask-smorest does not document."""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from werkzeug.routing import Rule

from backend.core.openapi.errors import rate_limit_header_refs

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


def plain_endpoints(spec: APISpec) -> None:
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
    login_limited = {"headers": rate_limit_header_refs(exclude=("Retry-After",))}
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
                        "Too many sign-in attempts from this address", rate_limit_header_refs()
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
                        "Too many sign-in attempts from this address", rate_limit_header_refs()
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
