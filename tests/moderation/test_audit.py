"""The audit log: hash-chained, append-only in the database, verified by a command and a route."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from moderation import api, audit, db
from moderation.models import AuditEntry
from tests.moderation.helpers import SELF_HARM, decide, open_item, subject

VERIFY = "/api/v1/moderation/audit/verify"


def _some_history(client: Any, cast: Any) -> None:
    item_id = api.screen(subject(SELF_HARM)).item_id
    client.post(f"/api/v1/moderation/queue/{item_id}/claim", headers=cast.moderator.headers)
    decide(client, cast.moderator, item_id, "remove")
    client.post(
        "/api/v1/moderation/rules",
        json={"kind": "term", "value": "boathouse"},
        headers=cast.moderator.headers,
    )


def _raw(app: Flask, *statements: str) -> None:
    with db.engine(app).begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def _is_sqlite(app: Flask) -> bool:
    return str(app.config["MODERATION_DATABASE_URL"]).startswith("sqlite")


def test_the_chain_verifies(client: Any, cast: Any, app: Flask) -> None:
    _some_history(client, cast)
    response = client.get(VERIFY, headers=cast.dsl.headers)
    assert response.status_code == 200
    rows = db.session().scalar(select(func.count()).select_from(AuditEntry))
    assert response.json == {"ok": True, "rows": rows, "first_broken_id": None, "problem": None}
    assert rows and rows >= 5
    result = app.test_cli_runner().invoke(args=["moderation", "verify-audit"])
    assert result.exit_code == 0 and '"ok": true' in result.output


def test_the_database_refuses_to_change_or_remove_audit_rows(client: Any, cast: Any, app: Flask) -> None:
    _some_history(client, cast)
    for statement in ("UPDATE audit_log SET action = 'nothing'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError, match="append-only"):
            _raw(app, statement)
    if not _is_sqlite(app):
        with pytest.raises(DatabaseError, match="append-only"):
            _raw(app, "TRUNCATE audit_log")
    assert audit.verify().ok


def _without_triggers(app: Flask, statement: str) -> None:
    """Tamper as an intruder with database rights would: drop the guard, change a row, put it back."""
    if _is_sqlite(app):
        from moderation.models import SQLITE_AUDIT_TRIGGERS

        _raw(app, "DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete", statement)
        _raw(app, *SQLITE_AUDIT_TRIGGERS)
    else:
        _raw(
            app,
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change",
            statement,
            "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change",
        )


def test_an_edited_row_is_found_and_named(client: Any, cast: Any, app: Flask) -> None:
    _some_history(client, cast)
    _without_triggers(app, 'UPDATE audit_log SET detail = \'{"reason": "nothing to see"}\' WHERE id = 3')
    response = client.get(VERIFY, headers=cast.moderator.headers).json
    assert response["ok"] is False and response["first_broken_id"] == 3
    assert response["problem"] == "contents do not match its hash"
    result = app.test_cli_runner().invoke(args=["moderation", "verify-audit"])
    assert result.exit_code == 1 and '"first_broken_id": 3' in result.output


def test_a_removed_row_is_found(client: Any, cast: Any, app: Flask) -> None:
    _some_history(client, cast)
    _without_triggers(app, "DELETE FROM audit_log WHERE id = 2")
    result = audit.verify()
    assert (result.ok, result.first_broken_id) == (False, 3)


def test_a_rewritten_chain_is_found_where_it_stops_linking(client: Any, cast: Any, app: Flask) -> None:
    _some_history(client, cast)
    entry = db.session().get(AuditEntry, 2)
    assert entry is not None
    forged = AuditEntry(**{c.key: getattr(entry, c.key) for c in AuditEntry.__table__.columns})
    forged.detail = {"forged": True}
    forged.hash = audit.row_hash(forged)  # a consistent row 2, but row 3 still points at the old one
    _without_triggers(
        app, f"UPDATE audit_log SET detail = '{{\"forged\": true}}', hash = '{forged.hash}' WHERE id = 2"
    )
    result = audit.verify()
    assert (result.ok, result.first_broken_id, result.problem) == (
        False,
        3,
        "does not link to the previous row",
    )


def test_concurrent_writers_do_not_fork_the_chain(app: Flask, cast: Any) -> None:
    items = [open_item(2) for _ in range(8)]
    actor = api.Actor(cast.moderator.id, "moderator", "M", may_work_with_young_people=True)
    errors: list[BaseException] = []

    def work(item_id: int) -> None:
        from moderation import decisions, queue

        with app.app_context():
            try:
                queue.do_claim(actor, item_id)
                decisions.decide(actor, item_id, action="remove", reason="concurrent")
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = audit.verify()
    assert result.ok, result
    ids = db.session().scalars(select(AuditEntry.id).order_by(AuditEntry.id)).all()
    assert ids == list(range(1, len(ids) + 1))
