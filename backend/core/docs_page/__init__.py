"""The interactive API documentation at /api/docs: Swagger UI served from this server, never a CDN.

A children's service should not send its staff's page views to a third party, and the page must work
with no network beyond the server. The assets come from the ``swagger-ui-bundle-v2`` package (Swagger UI's
own release files, installed from the lock); the page and its start script are ours, with no inline script,
so its Content-Security-Policy allows this server only. "Authorize" uses the authorization-code flow with
PKCE and the first-party client named by ``DOCS_OAUTH_CLIENT_ID``, whose redirect URIs must include this
page's ``oauth2-redirect.html`` (the demo data registers it for ``make run``).
"""

from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle
from flask import Blueprint, Response, current_app, send_from_directory, url_for
from markupsafe import Markup, escape

from backend.core.errors import NotFound

PATH = "/api/docs"
REDIRECT_PAGE = "oauth2-redirect.html"
ASSETS = Path(swagger_ui_bundle.swagger_ui_path)
START_SCRIPT = (Path(__file__).parent / "start.js").read_text()
# Only what the page loads; the package's own index page and source maps are not served.
SERVED_ASSETS = frozenset(
    {
        "swagger-ui.css",
        "index.css",
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
        "favicon-32x32.png",
        "favicon-16x16.png",
        REDIRECT_PAGE,
        "oauth2-redirect.js",
    }
)

bp = Blueprint("api_docs", __name__, url_prefix=PATH)


def redirect_uris(base_url: str) -> list[str]:
    """The redirect URI "Authorize" uses on a server reached at ``base_url``."""
    return [f"{base_url.rstrip('/')}{PATH}/{REDIRECT_PAGE}"]


def _asset_url(name: str) -> Markup:
    return escape(url_for("api_docs.asset", name=name))


@bp.get("")
@bp.get("/")
def page() -> Response:
    asset = _asset_url
    html = f"""<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{escape(current_app.config["API_TITLE"])}</title>
  <link rel="stylesheet" href="{asset("swagger-ui.css")}">
  <link rel="stylesheet" href="{asset("index.css")}">
  <link rel="icon" href="{asset("favicon-32x32.png")}">
</head>
<body>
  <div id="swagger-ui" data-spec="{escape(url_for("api-docs.openapi_json"))}"
       data-client="{escape(current_app.config["DOCS_OAUTH_CLIENT_ID"])}"
       data-redirect="{PATH}/{REDIRECT_PAGE}"></div>
  <script src="{asset("swagger-ui-bundle.js")}"></script>
  <script src="{asset("swagger-ui-standalone-preset.js")}"></script>
  <script src="{escape(url_for("api_docs.start"))}"></script>
</body>
</html>
"""
    return Response(html, mimetype="text/html")


@bp.get("/start.js")
def start() -> Response:
    return Response(START_SCRIPT, mimetype="text/javascript")


@bp.get("/<name>")
def asset(name: str) -> Response:
    if name not in SERVED_ASSETS:
        raise NotFound()
    return send_from_directory(ASSETS, name, max_age=3600)
