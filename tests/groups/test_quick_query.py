"""The thread page's query string read without the schema when plain (``schemas.quick_page_query``
through ``core.quick_query.query_arguments``, QUALITY.md B4): whenever the quick parser answers, it
is what ``PageQuery`` loads; whenever the schema refuses a query string, the quick parser leaves it to
the schema; and the route still answers bad query strings with the schema's 422 and documents the
same parameters.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Flask, request
from flask_smorest import Blueprint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from backend.groups import routes, schemas
from tests.groups.conftest import World

SAMPLES = [
    "",
    "limit=20",
    "limit=1",
    "limit=50",
    "limit=51",
    "limit=0",
    "limit=00",
    "limit=05",
    "limit=-1",
    "limit=+5",
    "limit= 5",
    "limit=5 ",
    "limit=5.0",
    "limit=١٢",  # Arabic-Indic digits: int() reads them
    "limit=",
    "limit",
    "limit=abc",
    "limit=20&limit=10",
    "limit=10&cursor=123",
    "cursor=123",
    "cursor=0",
    "cursor=",
    "cursor=abc",
    "cursor=" + "9" * 64,
    "cursor=" + "9" * 65,
    "cursor=1%002",
    "cursor=12&cursor=13",
    "cursor=%F0%9F%98%80",
    "other=1",
    "limit=10&other=1",
    "LIMIT=10",
]


def by_schema(app: Flask, query: str) -> dict[str, Any] | None:
    """What the route's schema loads from a query string, or None when it refuses it."""
    with app.test_request_context(f"/?{query}"):
        try:
            loaded: dict[str, Any] = Blueprint.ARGUMENTS_PARSER.parse(
                routes._PAGE_QUERY, request, location="query"
            )
        except ValidationError:
            return None
        except Exception as exc:  # webargs aborts with 422 through Flask
            if getattr(exc, "code", None) == 422:
                return None
            raise
    return loaded


def quick(app: Flask, query: str) -> dict[str, Any] | None:
    with app.test_request_context(f"/?{query}"):
        return schemas.quick_page_query(request.args)


def check(app: Flask, query: str) -> None:
    fast = quick(app, query)
    if fast is not None:
        assert fast == by_schema(app, query), query


def test_the_quick_parser_loads_what_the_schema_loads(app: Flask) -> None:
    answered = 0
    for query in SAMPLES:
        check(app, query)
        answered += quick(app, query) is not None
    assert answered >= 8  # the plain ones are read quickly
    assert quick(app, "limit=20") == {"limit": 20}
    assert quick(app, "") == {"limit": schemas.PAGE_DEFAULT}


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)  # app is only read
@given(
    pairs=st.lists(
        st.tuples(
            st.sampled_from(["limit", "cursor", "limit", "cursor", "x"]),
            st.one_of(
                st.integers(min_value=-5, max_value=70).map(str),
                st.from_regex(r"[0-9]{1,70}", fullmatch=True),
                st.text(max_size=8),
            ),
        ),
        max_size=3,
    )
)
def test_the_quick_parser_never_differs_from_the_schema(app: Flask, pairs: list[tuple[str, str]]) -> None:
    check(app, urlencode(pairs))


def test_bad_page_queries_are_still_refused_by_the_schema(client: Any, cast: Any, world: World) -> None:
    url = f"/api/v1/threads/{world.adopters_thread.id}/posts"
    for query, field in (("limit=0", "limit"), ("limit=abc", "limit"), ("cursor=" + "1" * 65, "cursor")):
        response = client.get(f"{url}?{query}", headers=cast.adopter.headers)
        assert response.status_code == 422, query
        assert field in str(response.json["errors"]), response.json
    assert client.get(f"{url}?limit=2", headers=cast.adopter.headers).status_code == 200


def test_the_page_query_is_documented_as_before(client: Any) -> None:
    operation = client.get("/api/openapi.json").json["paths"]["/api/v1/threads/{thread_id}/posts"]["get"]
    assert {p["name"] for p in operation["parameters"] if p["in"] == "query"} == {"limit", "cursor"}
    assert "422" in operation["responses"]
