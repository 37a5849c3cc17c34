"""URL converters: ``<int:...>`` path ids are bounded, so a huge number is a 404, never a 500."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter

from backend.core.schemas import ID_MAX


class RecordIdConverter(IntegerConverter):
    """Werkzeug's ``int`` with the ids' ceiling (``ID_MAX``): a larger number does not match the
    route (404) instead of overflowing the database driver; the OpenAPI document shows the maximum."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", ID_MAX)
        super().__init__(map, *args, **kwargs)


def install(app: Flask) -> None:
    """Before any route is added: rules pick their converter class when they are registered."""
    app.url_map.converters["int"] = RecordIdConverter
