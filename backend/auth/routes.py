"""``/oauth``: the sign-in page (authorization endpoint), token and revocation endpoints."""

from __future__ import annotations

from html import escape
from typing import Any

from authlib.oauth2 import OAuth2Error
from flask import Blueprint, Response, jsonify, render_template_string, request
from werkzeug.exceptions import BadRequest

from backend.accounts import service as accounts
from backend.auth.server import server
from backend.core import rates
from backend.core.schemas import unstorable
from backend.extensions import limiter

bp = Blueprint("oauth", __name__, url_prefix="/oauth")


@bp.before_request
def _refuse_unstorable_values() -> None:
    """The OAuth endpoints read their form and query values through authlib, not our schemas, and
    look them up in the database: a value no database of ours can hold (a NUL, which PostgreSQL
    refuses) is a malformed request, answered as one, not a failed lookup and a 500."""
    given = (item for values in (request.args, request.form) for item in values.items(multi=True))
    if any(unstorable(key) or unstorable(value) for key, value in given):
        raise BadRequest("A value contains characters that cannot be stored.")


SIGN_IN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>Sign in</h1>
<p>to {{ client_name }}</p>
{% if error %}<p role="alert">{{ error }}</p>{% endif %}
<form method="post" action="{{ action }}">
<label>Email <input type="email" name="email" autocomplete="username" required></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>
<p>If you are worried about a child's safety right now, call 999. Young people can talk to Childline on
0800 1111, any time.</p>
</main></body></html>"""

GENERIC_FAILURE = "That email and password did not match, or the account is locked. Please try again later."


def _page(client_name: str, error: str | None = None, status: int = 200) -> Response:
    html = render_template_string(
        SIGN_IN_PAGE, client_name=client_name, error=error, action=request.full_path
    )
    return Response(html, status=status, mimetype="text/html")


def _invalid_request(error: OAuth2Error) -> Response:
    # Never redirect to an unchecked redirect_uri: show the problem on our own page.
    body = (
        f"<!doctype html><title>Sign-in error</title><p>This sign-in link is not valid ({error.error}).</p>"
    )
    return Response(body, status=400, mimetype="text/html")


# OAuth error codes (RFC 6749 5.2 and 4.1.2.1) for answers that did not come from authlib itself:
# a rate limit, a body too large, the database down. Anything else 4xx is a malformed request.
OAUTH_ERROR_CODES = {401: "invalid_client", 429: "temporarily_unavailable", 503: "temporarily_unavailable"}


def oauth_errors(answer: Response) -> Response:
    """Errors under /oauth in OAuth's shape, ``{"error", "error_description"}``, as a client library
    expects from these endpoints (authlib's own answers already are), not the API's: the same
    status, message and headers (Retry-After with a 429) as the API's ``answer``. The sign-in page
    is for people, so its errors are a page. Installed by ``create_app``
    (``core.errors.reshape_errors_under``)."""
    status = answer.status_code
    message = (answer.get_json(silent=True) or {}).get("message", "Error")
    if request.path.startswith(f"{bp.url_prefix}/authorize"):
        page = f"<!doctype html><title>Sign-in error</title><p>{escape(message)}</p>"
        response = Response(page, status=status, mimetype="text/html")
    else:
        code = OAUTH_ERROR_CODES.get(status, "server_error" if status >= 500 else "invalid_request")
        response = jsonify({"error": code, "error_description": message})
        response.status_code = status
    for name, value in answer.headers:
        if name.lower() not in ("content-type", "content-length"):
            response.headers[name] = value
    return response


def login_rate() -> str:
    return rates.route_rate("login")


@bp.route("/authorize", methods=["GET", "POST"])
@limiter.limit(login_rate, methods=["POST"])
def authorize() -> Any:
    """Sign-in form (GET) and sign-in (POST), then straight back to a first-party client."""
    try:
        grant = server().get_consent_grant(end_user=None)
    except OAuth2Error as error:
        return _invalid_request(error)
    except ValueError:
        # authlib puts some request values in its error's description (an unknown response_type)
        # and raises ValueError when they hold characters RFC 6749 does not allow there: the
        # request is still what is wrong, not the server.
        return _invalid_request(OAuth2Error(error="invalid_request"))
    client = grant.client
    if request.method == "GET":
        return _page(client.row.client_name)
    user = accounts.authenticate_password(request.form.get("email", ""), request.form.get("password", ""))
    if user is None:
        return _page(client.row.client_name, GENERIC_FAILURE, status=401)
    if not client.row.first_party:
        return _invalid_request(OAuth2Error(error="consent_required"))
    return server().create_authorization_response(grant_user=user, grant=grant)


@bp.post("/token")
@limiter.limit(login_rate)
def issue_token() -> Any:
    """Authorization code (with PKCE verifier) or refresh token in, tokens out."""
    return server().create_token_response()


@bp.post("/revoke")
def revoke_token() -> Any:
    """RFC 7009: revoke a refresh token (and so its sign-in)."""
    return server().create_endpoint_response("revocation")
