from __future__ import annotations

from collections.abc import Iterator

import pytest

from moderation import intake
from moderation.screening import Screener
from tests.moderation.helpers import Recorder, recording


@pytest.fixture(autouse=True)
def no_stale_message_queue() -> None:
    """Flask-SocketIO keeps the Redis client manager of an earlier app made with REDIS_URL (a
    tests/core health test) in the shared ``socketio`` object, and its test client then refuses to
    work. Each test here starts from the embedded default."""
    from backend.extensions import socketio

    socketio.server_options.pop("client_manager", None)


@pytest.fixture(autouse=True)
def fresh_flood_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Screening counts each author's recent messages per process; ids restart in every test's
    database, so each test starts with no history."""
    monkeypatch.setattr(intake, "_screener", Screener())


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    with recording() as r:
        yield r
