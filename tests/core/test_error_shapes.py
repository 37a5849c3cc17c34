"""Error answers clients can rely on (#11.7): one 404 text, Retry-After only where waiting helps,
and the OAuth endpoints in OAuth's own error shape, 429 included."""

from __future__ import annotations

from typing import Any

OAUTH_SHAPE = {"error", "error_description"}


def test_the_router_and_the_app_say_not_found_the_same_way(client: Any, cast: Any) -> None:
    router = client.get("/api/v1/no-such-route", headers=cast.adopter.headers)
    app_404 = client.get("/api/v1/groups/999999", headers=cast.adopter.headers)
    assert router.status_code == app_404.status_code == 404
    assert router.json == app_404.json == {"code": 404, "message": "Not found", "errors": {}}


def test_oauth_token_errors_are_in_the_oauth_shape_with_retry_after_only_on_429(
    app: Any, client: Any
) -> None:
    app.config["RATE_LIMIT_LOGIN"] = "2/hour"
    first, second, third = (client.post("/oauth/token", data={"grant_type": "password"}) for _ in range(3))
    for plain in (first, second):
        assert plain.status_code == 400 and set(plain.json) == {"error"} | (set(plain.json) & OAUTH_SHAPE)
        assert plain.json["error"] == "unsupported_grant_type"
        assert "Retry-After" not in plain.headers
        assert plain.headers["X-RateLimit-Limit"] == "2"  # the limit is still announced
    assert third.status_code == 429
    assert set(third.json) == OAUTH_SHAPE and third.json["error"] == "temporarily_unavailable", third.json
    assert int(third.headers["Retry-After"]) > 0


def test_oauth_endpoint_errors_from_outside_authlib_are_in_the_oauth_shape(app: Any, client: Any) -> None:
    too_big = client.post("/oauth/revoke", data={"token": "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)})
    assert too_big.status_code == 413 and set(too_big.json) == OAUTH_SHAPE, too_big.json
    assert too_big.json["error"] == "invalid_request"
    wrong_method = client.get("/oauth/token")
    assert wrong_method.status_code == 405 and set(wrong_method.json) == OAUTH_SHAPE


def test_the_sign_in_page_shows_its_rate_limit_as_a_page(app: Any, client: Any) -> None:
    app.config["RATE_LIMIT_LOGIN"] = "1/hour"
    client.post("/oauth/authorize", data={})
    limited = client.post("/oauth/authorize", data={})
    assert limited.status_code == 429 and limited.mimetype == "text/html"
    assert "Retry-After" in limited.headers
