"""A bare WSGI JSON endpoint: the ceiling for any HTTP endpoint served by gunicorn on this machine.

Plain WSGI (no Flask) so it measures the server and the network path only. Every path answers with
the same JSON list of 20 small objects (about the size of one forum page of post summaries); the
body is encoded once at import so each request costs nothing but serving.

Run (the bench does this): ``gunicorn -w 1 -k gthread --threads 4 -b 127.0.0.1:PORT
bench.references.bare_wsgi:app`` (or ``-k sync``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

ITEMS = [
    {"id": i, "title": f"Post {i}", "author": {"id": 1000 + i, "name": f"Member {i}"}, "reactions": i % 5}
    for i in range(1, 21)
]
BODY = json.dumps(ITEMS).encode()
HEADERS = [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    start_response("200 OK", HEADERS)
    return [BODY]
