"""The OpenAPI document, made fit for code generators: one home for what flask-smorest does not say.

``Api`` (``api.py``) is the app's flask-smorest ``Api``: it registers the routes at once and builds
their document on first use.

``install`` runs once per app, before the blueprints are registered, and adds an apispec plugin
(``operations``) that completes every /api/v1 operation as it is documented: its ``operationId``, its
description, and every error answer the route can give (``errors``, read from the view's code).

``complete`` runs after the blueprints: the non-/api/v1 endpoints a client uses (OAuth, /healthz) and
the guide in ``info.description`` (``handwritten``), ``servers``, and ``required`` on every answer
schema (``answers``).
"""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from flask import Flask

from backend.core.openapi.answers import require_answer_fields
from backend.core.openapi.api import Api
from backend.core.openapi.errors import ERROR_REF, ERROR_RESPONSES, RATE_LIMIT_HEADERS, rate_limit_header_refs
from backend.core.openapi.handwritten import INFO_DESCRIPTION, plain_endpoints
from backend.core.openapi.operations import OperationsPlugin

__all__ = ["Api", "complete", "install"]


def install(app: Flask, spec: APISpec) -> None:
    """Before the blueprints are registered: the plugin, and the responses and headers it names."""
    plugin = OperationsPlugin(app)
    plugin.init_spec(spec)
    spec.plugins = [*spec.plugins, plugin]
    for name, description in RATE_LIMIT_HEADERS.items():
        spec.components.header(name, {"description": description, "schema": {"type": "integer"}})
    for status, (name, description) in ERROR_RESPONSES.items():
        response: dict[str, Any] = {
            "description": description,
            "content": {"application/json": {"schema": ERROR_REF}},
        }
        if status == 401:
            response["headers"] = {
                "WWW-Authenticate": {
                    "description": 'The challenge: `Bearer`, or `Bearer error="invalid_token", ...`.',
                    "schema": {"type": "string"},
                }
            }
        if name not in spec.components.responses:
            spec.components.response(name, response)
        else:
            spec.components.responses[name].update(description=description)
    spec.components.response(
        "RATE_LIMITED",
        {
            "description": ERROR_RESPONSES[429][1],
            "headers": rate_limit_header_refs(),
            "content": {"application/json": {"schema": ERROR_REF}},
        },
    )


def complete(spec: APISpec) -> None:
    """After the blueprints: servers, the guide in ``info``, the plain Flask endpoints, and
    ``required`` on the answer schemas."""
    spec.options["servers"] = [{"url": "/", "description": "This server"}]
    spec.options.setdefault("info", {})["description"] = INFO_DESCRIPTION
    plain_endpoints(spec)
    require_answer_fields(spec)
