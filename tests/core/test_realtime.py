"""Emits queued during a write are sent only after the commit, and dropped on rollback."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text

from backend.core.db import db
from backend.core.realtime import emit_after_commit, pending_emits
from backend.extensions import socketio


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any, dict[str, Any]]]:
    calls: list[tuple[str, Any, dict[str, Any]]] = []
    monkeypatch.setattr(socketio, "emit", lambda event, data, **kw: calls.append((event, data, kw)))
    return calls


def test_emit_waits_for_commit(app: Flask, sent: list[Any]) -> None:
    db.session.execute(text("SELECT 1"))
    emit_after_commit("post_created", {"id": 1}, to="thread:1")
    assert sent == []
    assert len(pending_emits(db.session)) == 1
    db.session.commit()
    assert sent == [("post_created", {"id": 1}, {"to": "thread:1", "namespace": "/", "skip_sid": None})]
    assert pending_emits(db.session) == []


def test_rollback_drops_the_emit(app: Flask, sent: list[Any]) -> None:
    db.session.execute(text("SELECT 1"))
    emit_after_commit("post_created", {"id": 2}, to="thread:1")
    db.session.rollback()
    assert pending_emits(db.session) == []
    db.session.execute(text("SELECT 1"))
    db.session.commit()
    assert sent == []


def test_emits_keep_their_order(app: Flask, sent: list[Any]) -> None:
    db.session.execute(text("SELECT 1"))
    for n in range(3):
        emit_after_commit("message", {"seq": n}, to="room:1")
    db.session.commit()
    assert [data["seq"] for _, data, _ in sent] == [0, 1, 2]
