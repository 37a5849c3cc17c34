"""Bootstrapping production: unsafe settings refused at start-up, then the first admin and the OAuth
client created by commands, after which the admin signs in through the product's own sign-in flow."""

from __future__ import annotations

from typing import Any

import pytest

from backend.config import ConfigError, load_config
from tests.accounts.test_oauth import CLIENT, REDIRECT, sign_in

STRONG_SECRET = "s" * 48
POSTGRES = "postgresql://db.internal/app"


def production(tmp_path: Any, monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    for name in ("SECRET_KEY", "DATABASE_URL", "MODERATION_DATABASE_URL", "REDIS_URL", "PROCESSES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return load_config({"INSTANCE_PATH": str(tmp_path), "APP_ENV": "production"})


@pytest.mark.parametrize(
    ("env", "refusal"),
    [
        (
            {"SECRET_KEY": "short", "DATABASE_URL": POSTGRES, "MODERATION_DATABASE_URL": POSTGRES},
            "SECRET_KEY",
        ),
        (
            {"SECRET_KEY": STRONG_SECRET, "MODERATION_DATABASE_URL": POSTGRES},
            "DATABASE_URL must be PostgreSQL",
        ),
        (
            {"SECRET_KEY": STRONG_SECRET, "DATABASE_URL": POSTGRES},
            "MODERATION_DATABASE_URL must be PostgreSQL",
        ),
        (
            {
                "SECRET_KEY": STRONG_SECRET,
                "DATABASE_URL": POSTGRES,
                "MODERATION_DATABASE_URL": POSTGRES,
                "PROCESSES": "2",
            },
            "REDIS_URL must be set",
        ),
    ],
)
def test_production_refuses_unsafe_settings(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], refusal: str
) -> None:
    with pytest.raises(ConfigError, match=refusal):
        production(tmp_path, monkeypatch, **env)


def test_production_starts_on_safe_settings(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    safe = {"SECRET_KEY": STRONG_SECRET, "DATABASE_URL": POSTGRES, "MODERATION_DATABASE_URL": POSTGRES}
    assert production(tmp_path, monkeypatch, **safe)["PROCESSES"] == 1
    scaled = production(
        tmp_path, monkeypatch, **safe, PROCESSES="2", REDIS_URL="redis://cache.internal:6379/0"
    )
    assert scaled["PROCESSES"] == 2


def test_the_first_admin_and_client_are_created_by_commands_and_can_sign_in(
    app: Any, client: Any, tmp_path: Any
) -> None:
    cli = app.test_cli_runner()
    password_file = tmp_path / "admin-password"
    password_file.write_text("a long and unusual passphrase\n")

    created = cli.invoke(
        args=["create-admin", "--email", "Ops@Example.org", "--password-file", str(password_file)]
    )
    assert created.exit_code == 0, created.output
    again = cli.invoke(
        args=["create-admin", "--email", "ops@example.org", "--password-file", str(password_file)]
    )
    assert again.exit_code != 0 and "already exists" in again.output

    registered = cli.invoke(
        args=["register-client", "--client-id", CLIENT, "--name", "Community app", "--redirect-uri", REDIRECT]
    )
    assert registered.exit_code == 0, registered.output

    tokens = sign_in(client, "ops@example.org", "a long and unusual passphrase")
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200 and me.json["persona"] == "admin"


def test_a_prompted_password_is_asked_twice_and_checked(app: Any) -> None:
    cli = app.test_cli_runner()
    weak = cli.invoke(args=["create-admin", "--email", "ops@example.org"], input="password1\npassword1\n")
    assert weak.exit_code != 0 and "password refused" in weak.output
    strong = cli.invoke(
        args=["create-admin", "--email", "ops@example.org"],
        input="a long and unusual passphrase\na long and unusual passphrase\n",
    )
    assert strong.exit_code == 0, strong.output


@pytest.mark.parametrize(
    "uri", ["http://app.example.org/callback", "https://app.example.org/cb#frag", "/relative/callback"]
)
def test_client_redirect_uris_are_https_or_loopback(app: Any, uri: str) -> None:
    result = app.test_cli_runner().invoke(
        args=["register-client", "--client-id", "app", "--name", "App", "--redirect-uri", uri]
    )
    assert result.exit_code != 0 and uri in result.output
