"""Persona x route access table for journeys, articles, stages and the directory.

Each row: method, path, body, the personas that succeed, the success status; everyone else gets the
same 404 as for something that does not exist, and nobody gets anything without a token.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import (
    ALL_PERSONAS,
    AccessRow,
    assert_access_row,
    assert_table_covers,
    row_ids,
)

EVERYONE = set(ALL_PERSONAS)
ADULTS = EVERYONE - {"teen"}
CARER_ARTICLE = "/api/v1/articles/fixture-getting-ready-for-year-7"
YOUTH_ARTICLE = "/api/v1/articles/fixture-who-am-i"

TABLE: list[AccessRow] = [
    ("GET", lambda c: "/api/v1/me/journey", None, EVERYONE, 200),
    ("PUT", lambda c: "/api/v1/me/journey/topics", lambda c: {"topics": ["identity"]}, EVERYONE, 200),
    ("GET", lambda c: "/api/v1/stages", None, EVERYONE, 200),
    ("GET", lambda c: "/api/v1/articles", None, EVERYONE, 200),
    ("GET", lambda c: "/api/v1/articles/feedback-summary", None, {"agency_worker", "admin"}, 200),
    # Young people read young people's articles only; adults may read every article.
    ("GET", lambda c: CARER_ARTICLE, None, ADULTS, 200),
    ("GET", lambda c: YOUTH_ARTICLE, None, EVERYONE, 200),
    ("GET", lambda c: "/api/v1/articles/no-such-article", None, set(), 200),
    ("PUT", lambda c: f"{CARER_ARTICLE}/bookmark", None, ADULTS, 201),
    ("PUT", lambda c: f"{YOUTH_ARTICLE}/bookmark", None, EVERYONE, 201),
    ("DELETE", lambda c: f"{CARER_ARTICLE}/bookmark", None, ADULTS, 204),
    ("GET", lambda c: "/api/v1/me/bookmarks", None, EVERYONE, 200),
    ("POST", lambda c: f"{CARER_ARTICLE}/feedback", lambda c: {"helpful": True}, ADULTS, 201),
    ("POST", lambda c: f"{YOUTH_ARTICLE}/feedback", lambda c: {"helpful": False}, EVERYONE, 201),
    ("GET", lambda c: "/api/v1/directory", None, EVERYONE, 200),
]


@pytest.mark.parametrize("row", TABLE, ids=row_ids(TABLE))
def test_access_table(client: Any, cast: Any, row: AccessRow) -> None:
    assert_access_row(client, cast, row)


def test_every_journeys_route_is_in_the_table(app: Any, cast: Any) -> None:
    assert_table_covers(app, cast, TABLE, "journeys")
