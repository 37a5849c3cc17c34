"""Rate limits (backend/core/limits.py): limited routes stay limited, with their headers; a route
without a limit gets no limiter work and no limit headers; limits that apply to every route (which
we do not configure) would still be applied."""

from __future__ import annotations

import time
from typing import Any

import pytest
from flask import Flask

from backend.core.limits import Limiter

LIMIT_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")


def test_a_limited_route_is_limited_with_its_headers_and_the_error_shape(client: Any, app: Any) -> None:
    app.config["RATE_LIMIT_REGISTRATION"] = "2/hour"
    # The limit wraps the whole view: refused bodies count too.
    first, second, third = (client.post("/api/v1/accounts", json={}) for _ in range(3))
    assert (first.status_code, second.status_code, third.status_code) == (422, 422, 429)
    assert first.headers["X-RateLimit-Limit"] == "2"
    assert (first.headers["X-RateLimit-Remaining"], second.headers["X-RateLimit-Remaining"]) == ("1", "0")
    assert set(third.json) == {"code", "message", "errors"} and third.json["code"] == 429
    assert "Retry-After" in third.headers


def test_only_the_limited_method_is_limited(client: Any, app: Any) -> None:
    app.config["RATE_LIMIT_LOGIN"] = "1/hour"
    assert client.post("/oauth/token", data={}).status_code != 429
    assert client.post("/oauth/token", data={}).status_code == 429
    # GET /oauth/authorize shows the form: only its POST (a sign-in) is limited.
    gets = [client.get("/oauth/authorize").status_code for _ in range(3)]
    assert 429 not in gets


def test_a_route_without_a_limit_has_no_limit_headers(client: Any, cast: Any, app: Any) -> None:
    app.config["RATE_LIMIT_REGISTRATION"] = "1/hour"
    assert client.post("/api/v1/accounts", json={}).headers.get("X-RateLimit-Limit") == "1"
    # The same app context (and so the same ``g``) as the limited request above: nothing carries over.
    for _ in range(5):
        response = client.get("/api/v1/me", headers=cast.adopter.headers)
        assert response.status_code == 200
        assert not any(name in response.headers for name in LIMIT_HEADERS)


@pytest.mark.parametrize(
    ("limiter_kwargs", "config"),
    [
        ({"default_limits": ["2/hour"]}, {}),
        ({}, {"RATELIMIT_DEFAULT": "2/hour"}),
        ({"application_limits": ["2/hour"]}, {}),
        ({}, {"RATELIMIT_APPLICATION": "2/hour"}),
    ],
    ids=["default", "default-from-config", "application", "application-from-config"],
)
def test_limits_on_every_route_still_apply(limiter_kwargs: dict[str, Any], config: dict[str, Any]) -> None:
    """We configure none, but if someone does, the pass that applies them must run."""
    app = Flask(__name__)
    app.config.update(RATELIMIT_STORAGE_URI="memory://", **config)
    limiter = Limiter(key_func=lambda: "someone", headers_enabled=True, **limiter_kwargs)
    limiter.init_app(app)
    app.add_url_rule("/plain", "plain", lambda: "ok")
    client = app.test_client()
    responses = [client.get("/plain") for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert responses[0].headers["X-RateLimit-Limit"] == "2"


def test_a_route_limit_next_to_a_plain_route(tmp_path: Any) -> None:
    app = Flask(__name__)
    app.config.update(RATELIMIT_STORAGE_URI="memory://")
    limiter = Limiter(key_func=lambda: "someone", headers_enabled=True)
    limiter.init_app(app)
    app.add_url_rule("/limited", "limited", limiter.limit("1/hour")(lambda: "ok"))
    app.add_url_rule("/plain", "plain", lambda: "ok")
    client = app.test_client()
    assert client.get("/limited").status_code == 200
    assert client.get("/limited").status_code == 429
    plain = client.get("/plain")
    assert plain.status_code == 200 and "X-RateLimit-Limit" not in plain.headers


def test_a_new_app_does_not_inherit_an_earlier_apps_storage_outage() -> None:
    """The extension object outlives an app (tests make many; ``backend.extensions.limiter`` is
    shared), and Flask-Limiter keeps an outage on it: the next app counted in the fallback until a
    recheck moved it to its own storage, splitting the counts, so the limit was never reached (a
    flaky ``test_posting_rates``). A new app starts with its storage reachable until shown otherwise."""
    from limits import parse

    limiter = Limiter(key_func=lambda: "someone")
    first = Flask("first")
    first.config.update(RATELIMIT_STORAGE_URI="memory://", RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True)
    limiter.init_app(first)
    limiter._storage_dead = True  # as an outage of the first app's Redis leaves it
    limiter._last_recheck = time.monotonic()  # rechecked a moment ago
    second = Flask("second")
    second.config.update(RATELIMIT_STORAGE_URI="memory://")
    limiter.init_app(second)
    rate = parse("2/minute")
    with second.app_context():
        hits = [limiter.hit(rate, "alice")]
        limiter._last_recheck = 0.0  # a recheck falls due between two messages
        hits += [limiter.hit(rate, "alice") for _ in range(2)]
    assert hits == [True, True, False]
