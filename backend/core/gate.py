"""What every /api/v1 request must pass before its view runs, read from the route itself.

In this order, after authentication (``core.auth``) and before the view validates anything:

1. Who may call. A staff operation (moderation, admin, agency work) names the personas it is for
   with ``only(...)`` (moderation marks its own views the same way, see ``moderation.access.only``);
   anyone else gets the same 404 as for a route that does not exist, whatever method or body they
   send. A 405 or a 422 would tell them the operation is there and what it takes (need-to-know,
   PRODUCT.md 2.7). The view still applies its service's full rule (fail closed); this is only the
   persona, decided before the router's method matching and before the body is read.
2. Query parameters: only those the operation declares. Unknown body fields are refused (422,
   ``unknown=RAISE``), and so are unknown query parameters, on every route, naming each one: a
   misspelt ``?curser=`` must not silently give page 1.
3. A body: an operation that takes one gets JSON or a 415 saying how to send it, and JSON that does
   not decode within bounds (``core.json_input``) is a 400 "Malformed JSON body", never a 500.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Flask, current_app, g, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from backend.core import json_input
from backend.core.errors import BadRequest, NotFound, Unprocessable, UnsupportedMediaType

F = TypeVar("F", bound=Callable[..., Any])

# The attribute ``only`` sets on a view method: the personas it is for. Moderation, which may not
# import the backend, sets the same attribute with its own decorator (``moderation.access.only``).
PERSONAS_ATTRIBUTE = "_personas"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
JSON_HINT = "Send the body as JSON, with the header Content-Type: application/json."


def only(*personas: str) -> Callable[[F], F]:
    """Mark a view method as an operation for these personas only (404 for everyone else)."""

    def mark(view: F) -> F:
        setattr(view, PERSONAS_ATTRIBUTE, frozenset(personas))
        return view

    return mark


@dataclass(frozen=True)
class Operation:
    """What a view method declares: who it is for (None: anyone signed in, or public), the query
    parameters it reads, and whether it takes a JSON body."""

    personas: frozenset[str] | None
    query: frozenset[str]
    takes_json: bool


_operations: dict[Any, Operation] = {}
# (endpoint, method) -> Operation, per app: the gate runs on every request, so it looks up once.
_ROUTE_CACHE = "gate_operations"


def _field_names(schema: Any) -> set[str]:
    instance = schema() if isinstance(schema, type) else schema
    return {f.data_key or name for name, f in instance.fields.items() if not f.dump_only}


def operation_of(view: Any) -> Operation:
    """The operation a view method declares (flask-smorest keeps its arguments in ``_apidoc``)."""
    found = _operations.get(view)
    if found is None:
        parameters = getattr(view, "_apidoc", {}).get("arguments", {}).get("parameters", [])
        query: set[str] = set()
        for parameter in parameters:
            if parameter["in"] == "query":
                query |= _field_names(parameter["schema"])
        found = _operations[view] = Operation(
            personas=getattr(view, PERSONAS_ATTRIBUTE, None),
            query=frozenset(query),
            takes_json=any(p["in"] == "json" for p in parameters),
        )
    return found


def view_method(app: Flask, endpoint: str, method: str) -> Any:
    """The function that answers ``method`` at ``endpoint`` (a MethodView's method, or the view)."""
    view = app.view_functions.get(endpoint)
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        return view
    name = method.lower()
    return getattr(view_class, name, None) or (getattr(view_class, "get", None) if name == "head" else None)


def _persona() -> str | None:
    caller = g.get("user") or g.get("principal")
    return getattr(caller, "persona", None)


def _may_call(operation: Operation) -> bool:
    return operation.personas is None or _persona() in operation.personas


def _hide_restricted_route(app: Flask, methods: Iterable[str]) -> None:
    """The path exists but not with this method: 404, not 405, unless the caller may use one of the
    methods it does have (then the route is no secret to them)."""
    adapter = app.create_url_adapter(request)
    if adapter is None:
        return
    for method in set(methods) - {"HEAD", "OPTIONS"}:
        try:
            endpoint, _ = adapter.match(method=method)
        except HTTPException:
            continue
        if _may_call(operation_of(view_method(app, str(endpoint), method))):
            return
    raise NotFound()


def _check_json_body() -> None:
    if not request.is_json:
        raise UnsupportedMediaType(
            "Unsupported media type: " + JSON_HINT, {"Content-Type": ["Expected application/json."]}
        )
    body = request.get_data(cache=True)
    if not body:
        return  # no body at all: the schema says which fields were required
    try:
        json_input.loads(body)
    except json_input.MalformedJson as exc:
        raise BadRequest("Malformed JSON body", {"json": [str(exc)]}) from exc


def _gate() -> None:
    # This runs on every request: the request is read through its proxy once (each proxied access
    # costs about a microsecond), and what a route declares is looked up once per app.
    req = request._get_current_object()  # type: ignore[attr-defined]
    if not req.path.startswith("/api/v1"):
        return
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    routing_error = req.routing_exception
    rule = req.url_rule
    if isinstance(routing_error, MethodNotAllowed):
        _hide_restricted_route(app, routing_error.valid_methods or ())
        return  # the router answers 405
    if routing_error is not None or rule is None:
        return  # the router answers 404
    method = req.method
    if method == "OPTIONS":
        # Cross-origin preflights were answered already (core.http); Flask's automatic answer lists
        # the route's methods, so a restricted route is hidden here too.
        _hide_restricted_route(app, rule.methods or ())
        return
    key = (rule.endpoint, method)
    cache = app.extensions.setdefault(_ROUTE_CACHE, {})
    operation = cache.get(key)
    if operation is None:
        operation = cache[key] = operation_of(view_method(app, rule.endpoint, method))
    if not _may_call(operation):
        raise NotFound()
    args = req.args
    if args:
        unknown = args.keys() - operation.query
        if unknown:
            raise Unprocessable(errors={name: ["Unknown field."] for name in sorted(unknown)})
    if operation.takes_json and method in BODY_METHODS:
        _check_json_body()


def install(app: Flask) -> None:
    """After ``core.auth.install``: the gate needs to know who is calling."""
    app.before_request(_gate)
