"""The thread page's memos (QUALITY.md B4): timestamps read by ``core.db.read_rows`` and each post's
JSON text (``schemas.post_page_response``) are remembered; what is remembered is what would be made
afresh. (tests/groups/test_thread_page_fast_path.py compares whole pages, served again and again,
with the schema's dump.)"""

from __future__ import annotations

import json
from datetime import UTC
from typing import Any

from backend.core.db import UTCDateTime, _packed, _processors, db, driver_rows
from backend.groups import schemas, thread_page
from tests.groups.conftest import World, reply
from tests.groups.test_thread_page_fast_path import page_url, schema_bytes


def test_memoised_timestamps_are_what_the_processor_makes(cast: Any, world: World) -> None:
    """``read_rows`` memoises the processing of timestamp columns: the same values as the column's own
    result processor, the timezone included, on every call."""
    thread_page.read_post_page(cast.adopter.user, world.adopters_thread.id)  # fills the memo
    conn = db.session.connection()
    dialect = conn.dialect
    statement = thread_page._page_statement(False, dialect.name)
    params = {"thread_id": world.adopters_thread.id, "me": cast.adopter.id, "after": 0, "limit": 51}
    if dialect.name == "sqlite":
        ((packed,),) = driver_rows(conn, _packed(statement), params)
        raw = json.loads(packed)
    else:
        raw = driver_rows(conn, statement, params)
    timestamps = [
        (i, process)
        for i, process in _processors(statement, dialect)
        if isinstance(statement.selected_columns[i].type, UTCDateTime)
    ]
    assert len(timestamps) == 2  # created_at, edited_at
    for i, memoised in timestamps:
        plain = statement.selected_columns[i].type.dialect_impl(dialect).result_processor(dialect, None)
        values = [row[i] for row in raw] + [None]
        for value in values + values:
            got, expected = memoised(value), plain(value)
            assert got == expected and (got is None or got.tzinfo == expected.tzinfo == UTC), value


def test_remembered_post_texts_are_the_written_texts(app: Any, client: Any, cast: Any, world: World) -> None:
    thread = world.adopters_thread
    reply(cast.mentor.user, thread, "long " * (schemas.POST_MEMO_BODY // 5 + 1))  # not remembered
    reply(cast.adopter.user, thread, "short")
    expected = schema_bytes(app, cast.adopter.user, thread.id, limit=50)
    schemas._post_text.cache_clear()
    first = client.get(page_url(thread.id, 50), headers=cast.adopter.headers)
    posts = len(first.json["items"])
    long = [p for p in first.json["items"] if len(p["body_html"] or "") > schemas.POST_MEMO_BODY]
    assert len(long) == 1
    assert schemas._post_text.cache_info().currsize == posts - 1
    second = client.get(page_url(thread.id, 50), headers=cast.adopter.headers)
    assert schemas._post_text.cache_info().hits == posts - 1
    assert first.get_data() == second.get_data() == expected
    assert schemas._post_text.cache_info().maxsize == schemas.POST_MEMO
