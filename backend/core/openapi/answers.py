"""``required`` on every answer schema: a dump writes every field it declares, so each is always present."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from apispec import APISpec


def _schema_refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            yield ref.rsplit("/", 1)[1]
        for value in node.values():
            yield from _schema_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schema_refs(value)


def _closure(names: set[str], schemas: dict[str, Any]) -> set[str]:
    todo, found = list(names), set()
    while todo:
        name = todo.pop()
        if name in found or name not in schemas:
            continue
        found.add(name)
        todo.extend(_schema_refs(schemas[name]))
    return found


def require_answer_fields(spec: APISpec) -> None:
    """A schema only answers are made of lists every field it has as required: marshmallow's dump
    writes each declared field (as null when it has no value, where the field allows it)."""
    schemas = spec.components.schemas
    paths = spec._paths
    answers, requests = set(), set()
    for operations in paths.values():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            answers |= set(_schema_refs(operation.get("responses", {})))
            requests |= set(_schema_refs(operation.get("requestBody", {})))
            requests |= set(_schema_refs(operation.get("parameters", [])))
    for name in _closure(answers, schemas) - _closure(requests, schemas) - {"Error"}:
        properties = schemas[name].get("properties", {})
        required = [k for k, v in properties.items() if not v.get("writeOnly")]
        if required:
            schemas[name]["required"] = required
