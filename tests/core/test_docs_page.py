"""/api/docs works with no network beyond this server: every asset is local, the CSP names no other host,
and "Authorize" (authorization code + PKCE, as Swagger UI runs it) signs in and calls the API."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from backend.auth import service as auth_service
from backend.core import docs_page
from tests.accounts.test_oauth import pkce
from tests.factories import PASSWORD

ASSET = re.compile(r'(?:src|href|data-spec)="([^"]+)"')


def test_the_docs_page_and_everything_it_loads_come_from_this_server(client: Any) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<script>" not in html, "no inline script: the CSP allows this server's scripts only"
    urls = ASSET.findall(html)
    assert len(urls) >= 6
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url
        with client.get(url) as loaded:  # files are streamed: close each response
            assert loaded.status_code == 200 and loaded.data, url
    csp = page.headers["Content-Security-Policy"]
    assert (
        "http" not in csp
        and "script-src 'self'" in csp
        and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    )
    for name in ("oauth2-redirect.html", "oauth2-redirect.js"):
        with client.get(f"/api/docs/{name}") as loaded:
            assert loaded.status_code == 200 and loaded.data, name


def test_only_the_pages_assets_are_served(client: Any) -> None:
    for name in ("index.html", "swagger-ui-bundle.js.map", "..%2Fpyproject.toml", "swagger-initializer.js"):
        assert client.get(f"/api/docs/{name}").status_code == 404, name


def test_authorize_on_the_docs_page_signs_in_with_pkce_and_calls_the_api(
    app: Any, client: Any, cast: Any
) -> None:
    """What Swagger UI does on "Authorize": the sign-in form in a pop-up, the redirect to
    oauth2-redirect.html with the code, then the code and verifier exchanged for a token."""
    redirect = docs_page.redirect_uris("http://localhost")[0]
    auth_service.do_register_client(app.config["DOCS_OAUTH_CLIENT_ID"], "Docs", [redirect])
    adopter = cast.adopter
    verifier, challenge = pkce()
    query = {
        "response_type": "code",
        "client_id": app.config["DOCS_OAUTH_CLIENT_ID"],
        "redirect_uri": redirect,
        "scope": "api",
        "state": "docs",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    url = "/oauth/authorize?" + urlencode(query)
    assert client.get(url).status_code == 200
    signed_in = client.post(url, data={"email": adopter.user.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    location = urlparse(signed_in.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == redirect
    token = client.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": parse_qs(location.query)["code"][0],
            "redirect_uri": redirect,
            "client_id": app.config["DOCS_OAUTH_CLIENT_ID"],
            "code_verifier": verifier,
        },
    )
    assert token.status_code == 200, token.json
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token.json['access_token']}"})
    assert me.status_code == 200


def test_the_document_offers_the_authorization_code_flow(client: Any) -> None:
    schemes = client.get("/api/openapi.json").json["components"]["securitySchemes"]
    flow = schemes["oauth2"]["flows"]["authorizationCode"]
    assert flow["authorizationUrl"] == "/oauth/authorize" and flow["tokenUrl"] == "/oauth/token"
