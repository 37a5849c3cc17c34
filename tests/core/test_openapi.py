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
        if method != "parameters" and path.startswith("/api/v1")
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


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if method != "parameters"
    ]


def test_every_operation_has_a_unique_operation_id_and_a_description(client: Any) -> None:
    """Code generators name their methods from operationId: each is camelCase and unique."""
    spec = client.get("/api/openapi.json").json
    ids = [operation.get("operationId") for _, _, operation in _operations(spec)]
    assert all(isinstance(i, str) and re.fullmatch(r"[a-z][A-Za-z0-9]*", i) for i in ids), ids
    assert len(ids) == len(set(ids))
    for method, path, operation in _operations(spec):
        assert operation.get("description", "").strip(), (method, path)
        assert operation.get("summary", "").strip(), (method, path)


def test_the_plain_flask_endpoints_are_documented(client: Any) -> None:
    spec = client.get("/api/openapi.json").json
    for method, path in (
        ("get", "/oauth/authorize"),
        ("post", "/oauth/authorize"),
        ("post", "/oauth/token"),
        ("post", "/oauth/revoke"),
        ("get", "/healthz"),
    ):
        operation = spec["paths"][path][method]
        assert operation["security"] == [], path
    # Errors under /oauth, a rate limit included, are in OAuth's shape (README, "Signing in").
    too_many = spec["paths"]["/oauth/token"]["post"]["responses"]["429"]
    assert too_many["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/OAuthError"}
    assert "Retry-After" in too_many["headers"]
    assert spec["servers"] == [{"url": "/", "description": "This server"}]
    description = spec["info"]["description"]
    for topic in (
        "PKCE",
        "next_cursor",
        "Idempotency-Key",
        "X-RateLimit-Remaining",
        "Retry-After",
        "docs/realtime.md",
    ):
        assert topic in description, topic


def _status(response: Any) -> int:
    return int(response.status_code)


def test_documented_errors_include_what_each_route_answers(app: Any, client: Any) -> None:
    """Each route's documented responses include the errors it is seen to answer here, each with
    the ``Error`` schema: 401 everywhere, 404 with a path id, 400/413/415/422 with a body."""
    spec = client.get("/api/openapi.json").json
    for method, path, operation in _operations(spec):
        if not path.startswith("/api/v1"):
            continue
        documented = set(operation["responses"])
        url = re.sub(r"\{[^}]+\}", "999999", path)
        assert "401" in documented, (method, path)
        # Whatever these answer (401 for most; 422, 415 or 404 on public routes) is documented.
        for response in (
            client.open(url + "?not_a_parameter=1", method=method),
            client.open(url, method=method, data="x", content_type="text/plain"),
        ):
            assert str(_status(response)) in documented, (method, path, _status(response))
        if "{" in path:
            assert "404" in documented, (method, path)
        if "requestBody" in operation:
            assert {"400", "413", "415", "422"} <= documented, (method, path)
        for answer in documented - {"default"}:
            ref = operation["responses"][answer].get("$ref", "")
            if answer.startswith(("4", "5")):
                target = spec["components"]["responses"][ref.rsplit("/", 1)[1]]
                assert target["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Error"
                }


def test_errors_raised_in_the_code_are_documented(client: Any) -> None:
    """Found by reading the code (core.openapi.errors.raised_by): Conflict where a service can raise it,
    and only there; 429 on every rate-limited route, with the rate-limit headers where Flask-Limiter
    sends them."""
    spec = client.get("/api/openapi.json").json
    paths = spec["paths"]
    # groups.service.approve_proposal raises Conflict for a proposal already decided.
    assert "409" in paths["/api/v1/group-proposals/{group_id}/approve"]["post"]["responses"]
    assert "409" not in paths["/api/v1/me"]["get"]["responses"]
    # A per-person rate (core.rates.count_rate) deep in the service, and a per-route limiter.
    assert "429" in paths["/api/v1/groups/{group_id}/threads"]["post"]["responses"]
    assert "429" not in paths["/api/v1/groups/{group_id}/threads"]["get"]["responses"]
    limited = paths["/api/v1/reports"]["post"]["responses"]["429"]["$ref"].rsplit("/", 1)[1]
    headers = spec["components"]["responses"][limited]["headers"]
    assert {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"} <= set(headers)
    assert "headers" in spec["components"]["responses"]["UNAUTHORIZED"]
    assert "WWW-Authenticate" in spec["components"]["responses"]["UNAUTHORIZED"]["headers"]


def test_answer_schemas_list_their_fields_as_required_and_timestamps_as_date_time(client: Any) -> None:
    spec = client.get("/api/openapi.json").json
    schemas = spec["components"]["schemas"]
    assert set(schemas["Me"]["required"]) == set(schemas["Me"]["properties"])
    assert set(schemas["ThreadPage"]["required"]) >= {"items", "next_cursor"}
    # Request schemas keep their own: every field of an update is optional.
    assert "required" not in schemas["GroupUpdate"]
    for name, schema in schemas.items():
        for field, prop in schema.get("properties", {}).items():
            if field.endswith("_at"):
                assert prop.get("format") == "date-time", (name, field)


def test_the_document_is_valid_openapi(client: Any) -> None:
    from openapi_spec_validator import validate

    validate(client.get("/api/openapi.json").json)
