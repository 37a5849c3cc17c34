"""The OpenAPI document covers every /api/v1 route and states its security truthfully."""

from __future__ import annotations

import re
from typing import Any

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def _routes(app: Any) -> dict[tuple[str, str], bool]:
    """(method, OpenAPI path) -> whether the view is public (reachable without a token)."""
    routes = {}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        view = app.view_functions[rule.endpoint]
        for method in (rule.methods or set()) - IGNORED_METHODS:
            handler = getattr(getattr(view, "view_class", None), method.lower(), view)
            routes[(method, path)] = bool(getattr(handler, "_public", False))
    return routes


def test_every_route_is_documented_with_its_security(app: Any, client: Any) -> None:
    spec = client.get("/api/openapi.json").json
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
    }
    default_security = spec["security"]
    # The same access token either way: sent by hand as a bearer token, or got by the docs page's Authorize.
    assert default_security == [{"bearerAuth": []}, {"oauth2": ["api"]}]
    documented = {
        (method.upper(), path): operation.get("security", default_security)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if method != "parameters"
    }
    routes = _routes(app)
    assert len(routes) > 50
    assert set(routes) == set(documented)
    for route, public in routes.items():
        assert documented[route] == ([] if public else default_security), route


def test_protected_routes_refuse_a_missing_token_and_public_ones_do_not(app: Any, client: Any) -> None:
    for (method, path), public in _routes(app).items():
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = client.open(url, method=method, json={})
        if public:
            assert response.status_code != 401, (method, path)
        else:
            assert response.status_code == 401, (method, path, response.status_code)
            assert response.json["code"] == 401
            # RFC 6750 3: every 401 says how to authenticate.
            assert response.headers["WWW-Authenticate"] == "Bearer", (method, path)


def test_a_refused_token_is_named_in_the_challenge(app: Any, client: Any) -> None:
    """RFC 6750 3.1: a token that was sent and refused gets error="invalid_token"."""
    for (method, path), public in _routes(app).items():
        if public:
            continue
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = client.open(url, method=method, json={}, headers={"Authorization": "Bearer not-a-token"})
        assert response.status_code == 401, (method, path)
        assert response.headers["WWW-Authenticate"].startswith('Bearer error="invalid_token"'), (method, path)


def test_the_error_schema_is_the_shape_sent(app: Any, client: Any) -> None:
    """The documented ``Error`` is what every error answer carries: no ``status`` field."""
    error = client.get("/api/openapi.json").json["components"]["schemas"]["Error"]
    sent = client.get("/api/v1/me").json
    assert set(error["properties"]) == set(sent) == {"code", "message", "errors"}
    assert set(error["required"]) == set(sent)
