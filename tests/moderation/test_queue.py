"""The queue: order and keyset pagination, the youth wall, leases, and live updates on /moderation."""

from __future__ import annotations

import base64
import itertools
import json
from datetime import timedelta
from typing import Any

import time_machine
from sqlalchemy import event, select, text

from backend.extensions import socketio
from moderation import api, db, queue
from moderation.models import QueueItem
from moderation.schemas import ItemOut
from tests.moderation.helpers import SELF_HARM, decide, open_item, subject

QUEUE = "/api/v1/moderation/queue"


def _all_pages(client: Any, persona: Any, **params: Any) -> list[int]:
    ids: list[int] = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = client.get(QUEUE, query_string=query, headers=persona.headers)
        assert response.status_code == 200, response.json
        ids += [i["id"] for i in response.json["items"]]
        cursor = response.json["next_cursor"]
        if cursor is None:
            return ids


def test_queue_is_ordered_by_priority_then_deadline_and_pages_by_keyset(client: Any, cast: Any) -> None:
    start = db.utcnow()
    opened = []
    for minutes, priority in enumerate((3, 0, 2, 0, 4, 1, 2, 3, 0)):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            opened.append(open_item(priority, source="report" if minutes % 2 else "screening"))
    items = {i.id: i for i in db.session().scalars(select(QueueItem))}
    expected = sorted(opened, key=lambda i: (items[i].priority, items[i].deadline_at, i))

    assert _all_pages(client, cast.moderator, limit=2) == expected
    assert _all_pages(client, cast.moderator, limit=50) == expected
    assert _all_pages(client, cast.moderator, priority=0) == [i for i in expected if items[i].priority == 0]
    assert _all_pages(client, cast.moderator, priority=0, limit=1) == [
        i for i in expected if items[i].priority == 0
    ]
    assert _all_pages(client, cast.moderator, source="report") == [
        i for i in expected if items[i].source == "report"
    ]
    assert _all_pages(client, cast.moderator, status="closed") == []
    # A page read is one query, whatever the page size (QUALITY.md: statement counts pinned).
    bad = client.get(QUEUE, query_string={"cursor": "not-a-cursor"}, headers=cast.moderator.headers)
    assert bad.status_code == 422 and "cursor" in bad.json["errors"]


def test_items_with_the_same_deadline_page_by_id(client: Any, cast: Any) -> None:
    with time_machine.travel(db.utcnow(), tick=False):
        tied = [open_item(priority) for priority in (2, 1, 2, 2, 1, 2)]
    by_priority = {p: [i for i, q in zip(tied, (2, 1, 2, 2, 1, 2), strict=True) if q == p] for p in (1, 2)}
    assert _all_pages(client, cast.moderator, limit=1) == by_priority[1] + by_priority[2]
    assert _all_pages(client, cast.moderator, limit=2, priority=2) == by_priority[2]
    # A cursor from another priority's pages: before this priority, all of it; after it, nothing.
    first = client.get(QUEUE, query_string={"limit": 1, "priority": 1}, headers=cast.moderator.headers)
    cursor = first.json["next_cursor"]
    assert _all_pages(client, cast.moderator, priority=2, cursor=cursor) == by_priority[2]
    last = client.get(QUEUE, query_string={"limit": 3, "priority": 2}, headers=cast.moderator.headers)
    cursor = last.json["next_cursor"]
    assert _all_pages(client, cast.moderator, priority=1, cursor=cursor) == []


def test_the_queue_order_is_served_by_its_index(app: Any) -> None:
    if not app.config["MODERATION_DATABASE_URL"].startswith("sqlite"):
        return  # PostgreSQL's planner prefers a scan on a table this small; the index is the same
    after = (2, db.utcnow(), 7)
    for sees_youth, priority, cursor in itertools.product((True, False), (None, 2), (None, after)):
        statement = queue.queue_page_statement(
            live=True, sees_youth=sees_youth, priority=priority, after=cursor, limit=51
        )
        compiled = statement.compile(db.engine(), compile_kwargs={"literal_binds": True})
        plan = " ".join(str(row[-1]) for row in db.session().execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
        # A range of the queue index read in order and cut by LIMIT: no sort, no table scan.
        assert "ix_queue_items_queue_order" in plan and "TEMP B-TREE" not in plan, plan


def test_a_page_is_one_select_whatever_its_size(app: Any, client: Any, cast: Any) -> None:
    for priority in (0, 1, 2, 3, 4, 2, 1):
        open_item(priority)
    headers = cast.moderator.headers
    assert client.get(QUEUE, headers=headers).status_code == 200  # the persona exists before counting
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine(), "before_cursor_execute", count)
    try:
        for limit in (1, 3, 50):
            statements.clear()
            response = client.get(QUEUE, query_string={"limit": limit}, headers=headers)
            assert response.status_code == 200 and len(response.json["items"]) == min(limit, 7)
            selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
            assert len(selects) == 1, statements
            cursor = response.json["next_cursor"]
            if cursor:
                statements.clear()
                query = {"limit": limit, "cursor": cursor}
                assert client.get(QUEUE, query_string=query, headers=headers).status_code == 200
                assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    finally:
        event.remove(db.engine(), "before_cursor_execute", count)


def test_a_page_row_is_the_items_view(client: Any, cast: Any) -> None:
    """The page is read without ORM objects; each row must still say what ``item_view`` says."""
    start = db.utcnow()
    long_text = "A long post about the school run. " * 20  # longer than the excerpt
    with time_machine.travel(start, tick=False):
        plain = open_item(1, text=long_text)
        claimed = open_item(2)
        lapsed = open_item(3)
        marked = open_item(4, held=False)
        for item_id in (claimed, lapsed):
            assert client.post(f"{QUEUE}/{item_id}/claim", headers=cast.moderator.headers).status_code == 200
        with db.write() as session:
            item = session.get(QueueItem, lapsed)
            assert item is not None and item.lease_expires_at is not None
            item.lease_expires_at = start - timedelta(seconds=1)
            item = session.get(QueueItem, marked)
            assert item is not None
            item.breached_at = item.hidden_at = start
            item.categories = ["harassment", "self_harm"]
            session.commit()
        page = client.get(QUEUE, headers=cast.moderator.headers).json["items"]
        db.end_read()
        items = {i.id: i for i in db.session().scalars(select(QueueItem))}
        expected = [
            ItemOut().dump(queue.item_view(items[i], start)) for i in (plain, claimed, lapsed, marked)
        ]
    assert page == expected
    assert len(page[0]["excerpt"]) == queue.EXCERPT_LENGTH
    assert [row["claimed_by_id"] for row in page] == [None, cast.moderator.id, None, None]
    assert page[3]["breached"] and page[3]["hidden"] and not page[0]["breached"]


def test_a_cursor_must_name_a_moment(client: Any, cast: Any) -> None:
    moment = "2026-01-01T10:00:00+00:00"
    bad = ([2, "2026-01-01T10:00:00", 1], [2, "tomorrow", 1], [2, None, 1], "x", [10**30, moment, 1])
    for cursor_value in (*bad, [2, moment, -(10**20)]):
        cursor = base64.urlsafe_b64encode(json.dumps(cursor_value).encode()).decode().rstrip("=")
        response = client.get(QUEUE, query_string={"cursor": cursor}, headers=cast.moderator.headers)
        assert response.status_code == 422 and "cursor" in response.json["errors"], cursor_value


def test_young_peoples_items_need_an_in_date_dbs_check(client: Any, cast: Any) -> None:
    adult = open_item(2, audience="adult")
    youth = open_item(1, audience="youth")
    assert _all_pages(client, cast.moderator) == [youth, adult]
    assert _all_pages(client, cast.dsl) == [youth, adult]
    assert _all_pages(client, cast.lapsed_moderator) == [adult]
    assert _all_pages(client, cast.lapsed_moderator, audience="youth") == []
    for path in (f"{QUEUE}/{youth}", f"{QUEUE}/{youth}/claim"):
        method = client.get if path.endswith(str(youth)) else client.post
        assert method(path, headers=cast.lapsed_moderator.headers).status_code == 404
        assert method(path, headers=cast.moderator.headers).status_code == 200
    assert decide(client, cast.lapsed_moderator, youth, "release").status_code == 404
    # The same 404 as an item that does not exist.
    assert (
        client.get(f"{QUEUE}/99999", headers=cast.lapsed_moderator.headers).json
        == client.get(f"{QUEUE}/{youth}", headers=cast.lapsed_moderator.headers).json
    )
    for persona in (cast.adopter, cast.teen, cast.agency_worker, cast.admin):
        assert client.get(QUEUE, headers=persona.headers).status_code == 404
        assert client.get(f"{QUEUE}/{adult}", headers=persona.headers).status_code == 404


def test_a_claim_is_a_lease_that_runs_out_by_itself(client: Any, cast: Any) -> None:
    item_id = open_item(2)
    start = db.utcnow()
    with time_machine.travel(start, tick=False):
        first = client.post(f"{QUEUE}/{item_id}/claim", headers=cast.moderator.headers)
        assert first.status_code == 200 and first.json["claimed_by_id"] == cast.moderator.id
        # Claiming again renews; someone else is refused while the lease is live.
        assert client.post(f"{QUEUE}/{item_id}/claim", headers=cast.moderator.headers).status_code == 200
        assert client.post(f"{QUEUE}/{item_id}/claim", headers=cast.moderator2.headers).status_code == 409
        assert decide(client, cast.moderator2, item_id, "release").status_code == 409
    with time_machine.travel(start + timedelta(minutes=9, seconds=59), tick=False):
        assert client.post(f"{QUEUE}/{item_id}/claim", headers=cast.moderator2.headers).status_code == 409
    with time_machine.travel(start + timedelta(minutes=10, seconds=1), tick=False):
        assert client.get(f"{QUEUE}/{item_id}", headers=cast.moderator2.headers).json["claimed_by_id"] is None
        assert api.run_due_timers()["leases_expired"] == 1
        taken = client.post(f"{QUEUE}/{item_id}/claim", headers=cast.moderator2.headers)
        assert taken.status_code == 200 and taken.json["claimed_by_id"] == cast.moderator2.id
        assert decide(client, cast.moderator, item_id, "release").status_code == 409
        assert decide(client, cast.moderator2, item_id, "release").status_code == 200
    assert (
        client.post(f"{QUEUE}/{item_id}/claim", headers=cast.moderator.headers).status_code == 409
    )  # closed


def _queue_events(socket: Any) -> list[dict[str, Any]]:
    return [e["args"][0] for e in socket.get_received("/moderation") if e["name"] == "queue_item"]


def test_moderators_hear_of_new_and_changed_items_they_may_see(app: Any, client: Any, cast: Any) -> None:
    def connect(persona: Any) -> Any:
        return socketio.test_client(app, namespace="/moderation", auth={"token": persona.token})

    moderator, lapsed = connect(cast.moderator), connect(cast.lapsed_moderator)
    assert moderator.is_connected("/moderation") and lapsed.is_connected("/moderation")
    for persona in (cast.adopter, cast.teen, cast.agency_worker, cast.admin):
        assert not connect(persona).is_connected("/moderation")
    assert not socketio.test_client(app, namespace="/moderation").is_connected("/moderation")

    adult = api.screen(subject(SELF_HARM, audience="adult")).item_id
    youth = api.screen(subject(SELF_HARM, audience="youth")).item_id
    assert [e["id"] for e in _queue_events(moderator)] == [adult, youth]
    assert [e["id"] for e in _queue_events(lapsed)] == [adult]

    client.post(f"{QUEUE}/{adult}/claim", headers=cast.moderator.headers)
    changed = _queue_events(lapsed)
    assert [(e["id"], e["claimed_by_id"]) for e in changed] == [(adult, cast.moderator.id)]
    assert len(_queue_events(moderator)) == 1

    # Nothing is announced for a write that rolled back.
    with db.write() as session:
        queue.open_or_update(session, subject(SELF_HARM), source="screening", priority=0)
        session.rollback()
    assert _queue_events(moderator) == []
    moderator.disconnect(namespace="/moderation")
    lapsed.disconnect(namespace="/moderation")
