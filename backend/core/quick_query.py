"""Query strings read without the schema when they are plain (QUALITY.md B4: on the thread page,
webargs and marshmallow reading ``?limit=20`` cost about 15 us of a 0.6 ms request).

``query_arguments`` is ``blp.arguments(schema, location="query", as_kwargs=True)``, documented the
same way, with a quick parser tried first: it reads only the query strings it recognises at a glance
and returns exactly what the schema would load from them, or None, and then the schema reads the
query as before (its errors and all). Each quick parser is held equal to its schema by a test.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import request
from flask_smorest import Blueprint
from marshmallow import Schema
from werkzeug.datastructures import MultiDict

QuickParser = Callable[[MultiDict[str, str]], dict[str, Any] | None]


def query_arguments(blp: Blueprint, schema: Schema, quick: QuickParser) -> Callable[[Any], Any]:
    general = blp.arguments(schema, location="query", as_kwargs=True)

    def decorator(view: Any) -> Any:
        by_schema = general(view)

        # ``wraps`` copies flask-smorest's ``_apidoc``: the OpenAPI document and the gate's list of
        # known query fields (core.gate) read the same declaration as before.
        @wraps(by_schema)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            loaded = quick(request.args)
            if loaded is None:
                return by_schema(*args, **kwargs)
            return view(*args, **kwargs, **loaded)

        return wrapper

    return decorator
