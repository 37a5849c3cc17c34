"""One status rule for every write of the API (client issue #11): 201 when the call created the
resource, 200 when it answers with one that already existed (an idempotent re-create: joining twice,
opening the same direct-message room, asking to connect again), 204 for a delete with no body.
``tests/core/test_statuses.py`` checks it across the route table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask_smorest import Blueprint
from marshmallow import Schema

T = TypeVar("T")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """What a create-or-find write returns: the resource (or its view, as the route's schema dumps
    it) and whether this call created it (201) or found it already there (200)."""

    resource: T
    created: bool


def creates(blp: Blueprint, schema: type[Schema]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Document a route that answers ``created_or_existing``: 201 with the new resource, 200 with
    the one that was already there."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        view = blp.alt_response(200, schema=schema, description="It already existed: the same resource")(view)
        return blp.response(201, schema)(view)

    return decorate


def created_or_existing(saved: Saved[Any]) -> tuple[Any, int]:
    return saved.resource, 201 if saved.created else 200
