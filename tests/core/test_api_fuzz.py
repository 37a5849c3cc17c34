"""Generated requests for every operation in the OpenAPI document (schemathesis): whoever calls and
whatever they send, the answer is never a 500 and every error has the one error shape."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

from tests.conftest import create_schema, dispose, make_app
from tests.factories import Cast

EXAMPLES_PER_OPERATION = 8
ACCOUNT_DELETION = ("DELETE", "/api/v1/me")


def _problem(response: Any) -> str | None:
    if response.status_code >= 500:
        return "server error"
    headers = response.headers  # lower-case names, lists of values
    if "retry-after" in headers and response.status_code not in (429, 503):
        return "Retry-After on an answer that waiting does not change"
    if response.status_code < 400:
        return None
    path = response.request.path_url
    if path.startswith("/oauth/authorize"):
        # The sign-in page is for people: its errors are a page too.
        return (
            None
            if headers.get("content-type", [""])[0].startswith("text/html")
            else "sign-in error not a page"
        )
    if (
        response.status_code == 401
        and path.startswith("/api/")
        and not headers.get("www-authenticate", [""])[0].startswith("Bearer")
    ):
        return "401 without a Bearer challenge"
    try:
        body = response.json()
    except ValueError:
        return "error body is not JSON"
    if path.startswith("/oauth/"):
        # RFC 6749 5.2: the token and revocation endpoints answer errors in OAuth's shape.
        return (
            None
            if isinstance(body, dict) and isinstance(body.get("error"), str)
            else "OAuth error not in OAuth's shape"
        )
    if not isinstance(body, dict) or set(body) != {"code", "message", "errors"}:
        return "error body is not the standard shape"
    if body["code"] != response.status_code:
        return "error code differs from the status"
    return None


@pytest.mark.parametrize("persona", ["anonymous", "adopter", "teen", "moderator", "agency_worker"])
def test_generated_requests_never_get_a_server_error(tmp_path: Any, backend: str, persona: str) -> None:
    app = make_app(tmp_path, backend, RATELIMIT_ENABLED=False)
    create_schema(app)
    problems: Counter[tuple[str, str, int, str]] = Counter()
    succeeded: set[tuple[str, str]] = set()
    refused: set[tuple[str, str]] = set()
    with app.app_context():
        headers = {} if persona == "anonymous" else dict(getattr(Cast(), persona).headers)
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
        # Deleting the account ends the caller's token: it goes last so every other operation is
        # tried as that persona.
        operations = sorted(
            (result.ok() for result in schema.get_all_operations()),
            key=lambda op: (op.method.upper(), op.path) == ACCOUNT_DELETION,
        )
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                database=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def call(case: Any) -> None:
                case.headers = {**(case.headers or {}), **headers}
                response = case.call()
                where = (case.operation.method.upper(), case.operation.path)
                if response.status_code < 300:
                    succeeded.add(where)
                # The OAuth endpoints refuse unknown clients (401 invalid_client) whoever calls.
                if response.status_code == 401 and where != ACCOUNT_DELETION and where[1].startswith("/api/"):
                    refused.add(where)
                problem = _problem(response)
                if problem:
                    problems[(*where, response.status_code, problem)] += 1

            call()
    dispose(app)
    assert len(operations) > 50
    assert problems == Counter()
    # Signed-in personas must get past authentication everywhere, or this proves little.
    assert len(succeeded) > (0 if persona == "anonymous" else 3), sorted(succeeded)
    if persona != "anonymous":
        assert refused == set()
