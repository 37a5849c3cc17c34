"""The platform shell: error shape, limits, headers, CORS, health, configuration."""

from __future__ import annotations

from typing import Any

import pytest
from flask import session
from flask.sessions import NullSession
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from backend.config import ConfigError, load_config
from backend.core.auth import public
from tests.conftest import make_app

probe = Blueprint("probe", __name__, url_prefix="/api/v1/probe")


class ProbeIn(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=20))


@probe.route("/echo")
class Echo(MethodView):
    @public
    @probe.arguments(ProbeIn)
    @probe.response(200, ProbeIn)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        return data


@probe.route("/boom")
class Boom(MethodView):
    @public
    def get(self) -> None:
        raise RuntimeError("secret internals: password=hunter2")


@probe.route("/session")
class SessionWrite(MethodView):
    @public
    def post(self) -> dict[str, Any]:
        session["seen"] = True  # a NullSession refuses this
        return {}


def _browser_page() -> dict[str, Any]:
    session["seen"] = True
    return {"null_session": isinstance(session, NullSession)}  # the proxy passes isinstance on


@pytest.fixture
def probe_app(tmp_path: Any) -> Any:
    app = make_app(tmp_path, CORS_ORIGINS=["https://app.example"], MAX_CONTENT_LENGTH=1024)
    app.extensions["smorest_api"].register_blueprint(probe)
    app.add_url_rule("/probe-page", "probe_page", _browser_page)  # outside /api, as the sign-in page
    return app


def assert_error_shape(body: dict[str, Any], code: int) -> None:
    assert set(body) == {"code", "message", "errors"}
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["errors"], dict)


def test_valid_body_round_trips(probe_app: Any) -> None:
    response = probe_app.test_client().post("/api/v1/probe/echo", json={"name": "Sam"})
    assert response.status_code == 200
    assert response.json == {"name": "Sam"}


def test_malformed_json_is_a_clear_400(probe_app: Any) -> None:
    response = probe_app.test_client().post(
        "/api/v1/probe/echo", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert_error_shape(response.json, 400)
    assert "JSON" in response.json["message"]


def test_unknown_field_is_refused_naming_the_field(probe_app: Any) -> None:
    response = probe_app.test_client().post("/api/v1/probe/echo", json={"name": "Sam", "admin": True})
    assert response.status_code == 422
    assert_error_shape(response.json, 422)
    assert "admin" in response.json["errors"]


def test_validation_error_lists_the_field(probe_app: Any) -> None:
    response = probe_app.test_client().post("/api/v1/probe/echo", json={"name": "x" * 21})
    assert response.status_code == 422
    assert "name" in response.json["errors"]


def test_oversized_body_is_413(probe_app: Any) -> None:
    response = probe_app.test_client().post("/api/v1/probe/echo", json={"name": "x" * 5000})
    assert response.status_code == 413
    assert_error_shape(response.json, 413)


def test_unexpected_error_is_500_without_internals(probe_app: Any) -> None:
    response = probe_app.test_client().get("/api/v1/probe/boom")
    assert response.status_code == 500
    assert_error_shape(response.json, 500)
    assert "hunter2" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_unknown_route_and_method_use_the_error_shape(probe_app: Any) -> None:
    client = probe_app.test_client()
    assert_error_shape(client.get("/api/v1/nothing-here").json, 404)
    response = client.delete("/api/v1/probe/echo")
    assert response.status_code == 405
    assert_error_shape(response.json, 405)


def test_security_headers_on_every_response(probe_app: Any) -> None:
    response = probe_app.test_client().get("/healthz")
    headers = response.headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"


def test_cors_only_for_allowlisted_origins(probe_app: Any) -> None:
    client = probe_app.test_client()
    allowed = client.get("/healthz", headers={"Origin": "https://app.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.example"
    refused = client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in refused.headers
    preflight = client.options(
        "/api/v1/probe/echo",
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code in (200, 204)
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_openapi_document_and_docs_are_served(client: Any) -> None:
    spec = client.get("/api/openapi.json")
    assert spec.status_code == 200
    assert spec.json["openapi"].startswith("3.")
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "swagger-ui" in docs.get_data(as_text=True)


def test_health_reports_each_database(client: Any) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["checks"] == {"app_database": "ok", "moderation_database": "ok"}


def test_health_is_503_when_the_moderation_database_is_down(tmp_path: Any) -> None:
    app = make_app(tmp_path, MODERATION_DATABASE_URL=f"sqlite:///{tmp_path}/missing-dir/none/x.db")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["checks"]["moderation_database"] == "down"
    assert response.json["checks"]["app_database"] == "ok"


def test_health_reports_redis_down_when_configured(tmp_path: Any) -> None:
    app = make_app(tmp_path, REDIS_URL="redis://127.0.0.1:1/0", RATELIMIT_ENABLED=False)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["checks"]["redis"] == "down"


def test_secret_key_is_generated_once_and_kept(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_config({"INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    second = load_config({"INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_a_secret_key(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        load_config({"INSTANCE_PATH": str(tmp_path), "APP_ENV": "production"})


def test_a_presence_lease_must_outlive_a_missed_heartbeat(tmp_path: Any) -> None:
    with pytest.raises(ConfigError):
        load_config({"INSTANCE_PATH": str(tmp_path), "LIVE_RIGHTS_SECONDS": 5, "PRESENCE_LEASE_SECONDS": 6})
    config = load_config({"INSTANCE_PATH": str(tmp_path), "LIVE_RIGHTS_SECONDS": 2})
    assert config["PRESENCE_LEASE_SECONDS"] == 10


def test_embedded_defaults_need_no_environment(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "MODERATION_DATABASE_URL", "REDIS_URL", "PORT"):
        monkeypatch.delenv(name, raising=False)
    config = load_config({"INSTANCE_PATH": str(tmp_path)})
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'app.db'}"
    assert config["MODERATION_DATABASE_URL"] == f"sqlite:///{tmp_path / 'moderation.db'}"
    assert config["REDIS_URL"] is None
    assert config["PORT"] == 5000


def test_api_routes_have_no_cookie_session_and_browser_pages_keep_theirs(probe_app: Any) -> None:
    client = probe_app.test_client()
    page = client.get("/probe-page")
    assert page.json == {"null_session": False} and "session=" in page.headers["Set-Cookie"]
    # The browser's session cookie is sent along to the API, which neither reads nor sets one.
    echo = client.post("/api/v1/probe/echo", json={"name": "x"})
    assert echo.status_code == 200 and "Set-Cookie" not in echo.headers
    assert "Cookie" not in echo.headers.get("Vary", "")
    # Writing to the session under /api/ is refused: an error in the standard shape, and no cookie.
    write = client.post("/api/v1/probe/session")
    assert write.status_code == 500 and "Set-Cookie" not in write.headers
    assert_error_shape(write.json, 500)


def test_probe_routes_need_a_token_unless_public(probe_app: Any) -> None:
    # Protection is the default: the same app refuses a protected route without a token.
    assert probe_app.test_client().get("/api/v1/me").status_code == 401


def test_policy_settings_come_from_the_environment(tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("MODERATION_DEADLINES", '{"0": 600, "1": 1800}')
    monkeypatch.setenv("MODERATION_LEASE_SECONDS", "300")
    monkeypatch.setenv("RATE_LIMIT_MESSAGE", "10/10second")
    app = make_app(tmp_path)
    assert app.config["MODERATION_DEADLINES"] == {"0": 600, "1": 1800}
    assert app.config["MODERATION_LEASE_SECONDS"] == 300
    assert app.config["RATE_LIMIT_MESSAGE"] == "10/10second"
    with app.app_context():
        from moderation.settings import deadline_for

        assert deadline_for(0).total_seconds() == 600
        assert deadline_for(2).total_seconds() == 8 * 3600  # not set: the policy default

    monkeypatch.setenv("MODERATION_LEASE_SECONDS", "ten minutes")
    with pytest.raises(RuntimeError, match="MODERATION_LEASE_SECONDS must be a JSON value"):
        make_app(tmp_path)
