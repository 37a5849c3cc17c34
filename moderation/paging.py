"""The one list shape of the HTTP API: ``{"items": [...], "next_cursor": str | null}``, asked for with
``limit`` and ``cursor`` query parameters (client issue #11).

It lives here, not in ``backend/``, because moderation may not import the backend while the backend
may import ``moderation.api``: moderation's lists use it directly and ``backend/core/pagination.py``
hands the same functions to the backend's features (one home for the rule).

A cursor is opaque to clients: the sort key of the last item of a page, as JSON in URL-safe base64.
The server decodes it back into typed values (``Cursor(datetime, int)``) in the query schema, so a
cursor that is not ours is a 422 naming ``cursor``, never a 500, and its numbers fit an INTEGER column.
Every page is a keyset page: the next one starts strictly after the last item shown, so rows added
or removed meanwhile neither repeat nor skip the rest.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from marshmallow import Schema, ValidationError, fields, validate

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_MAX_CURSOR_LENGTH = 200
# Ids are INTEGER columns, 32-bit on PostgreSQL: the one ceiling for every id and cursor number, in
# moderation and in the backend (which reads it through moderation.api: moderation may not import it).
ID_MAX = 2**31 - 1
_BAD = "Use the next_cursor of a previous page."


def encode_cursor(key: Sequence[Any]) -> str:
    """The opaque cursor for a sort key (ints, strings, aware datetimes)."""
    values = [v.isoformat() if isinstance(v, datetime) else v for v in key]
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, types: Sequence[type]) -> tuple[Any, ...]:
    """The sort key in ``cursor``, each value of the type at its place; ``ValueError`` otherwise."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise ValueError(_BAD) from exc
    if not isinstance(values, list) or len(values) != len(types):
        raise ValueError(_BAD)
    key: list[Any] = []
    for value, kind in zip(values, types, strict=True):
        if kind is int:
            if type(value) is not int or not 0 <= value <= ID_MAX:
                raise ValueError(_BAD)
        elif kind is datetime:
            if not isinstance(value, str):
                raise ValueError(_BAD)
            value = datetime.fromisoformat(value)  # ValueError if not a timestamp
            if value.tzinfo is None:
                raise ValueError(_BAD)
        elif kind is str:
            if not isinstance(value, str):
                raise ValueError(_BAD)
        else:  # pragma: no cover - a programming error, not input
            raise TypeError(f"cursor values are int, str or datetime, not {kind}")
        key.append(value)
    return tuple(key)


class Cursor(fields.String):
    """A ``cursor`` query parameter, loaded as the typed sort key it encodes."""

    def __init__(self, *types: type, **kwargs: Any) -> None:
        kwargs.setdefault("load_default", None)
        super().__init__(validate=validate.Length(min=1, max=_MAX_CURSOR_LENGTH), **kwargs)
        self.types = types

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        if not 1 <= len(text) <= _MAX_CURSOR_LENGTH:
            raise ValidationError(_BAD)
        try:
            return decode_cursor(text, self.types)
        except ValueError as exc:
            raise ValidationError(_BAD) from exc


def limit_field(default: int = DEFAULT_LIMIT, maximum: int = MAX_LIMIT) -> fields.Integer:
    """A list's ``limit`` query parameter: at most ``maximum`` items a page."""
    return fields.Integer(load_default=default, validate=validate.Range(min=1, max=maximum))


def page_schema(item: type[Schema], name: str | None = None, base: type[Schema] = Schema) -> type[Schema]:
    """The envelope schema for a list of ``item``: ``<Item>Page`` with ``items`` and ``next_cursor``."""
    attrs: dict[str, Any] = {
        "items": fields.List(fields.Nested(item), required=True),
        "next_cursor": fields.String(
            required=True, allow_none=True, metadata={"description": "Pass back as cursor; null at the end."}
        ),
    }
    return type(name or f"{item.__name__.removesuffix('Out')}Page", (base,), attrs)


def page(rows: Sequence[T], limit: int, key: Callable[[T], Sequence[Any]]) -> dict[str, Any]:
    """The envelope for rows read with ``limit + 1`` after the cursor: the extra row only says that
    another page exists, and the cursor is the key of the last row shown."""
    shown = list(rows[:limit])
    more = len(rows) > limit
    return {"items": shown, "next_cursor": encode_cursor(key(shown[-1])) if more and shown else None}


def page_in_memory(
    rows: Iterable[T],
    limit: int,
    cursor: tuple[Any, ...] | None,
    key: Callable[[T], tuple[Any, ...]],
    *,
    descending: bool = False,
) -> dict[str, Any]:
    """A keyset page of a list that is read whole anyway because it is small and bounded (a
    person's rooms, groups, connections): sorted by ``key``, starting after ``cursor``."""
    ordered = sorted(rows, key=key, reverse=descending)
    if cursor is not None:
        ordered = [r for r in ordered if (key(r) < cursor if descending else key(r) > cursor)]
    return page(ordered, limit, key)
