"""The app's flask-smorest ``Api``: routes registered at once, their OpenAPI document built on first use.

What goes into the document is the rest of this package (``install`` and ``complete``); this module
decides when it is built.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import flask_smorest

from backend.core.schemas import ErrorSchema

# One app's document is built once even when its first readers arrive together (re-entrant: building
# it reads ``spec``).
_documenting = threading.RLock()


class Api(flask_smorest.Api):
    """flask-smorest's ``Api``, documenting the error shape ``core/errors.py`` sends (its own ``Error``
    schema has a ``status`` field that no answer of ours carries)."""

    ERROR_SCHEMA = ErrorSchema

    # Routes are registered at once, their OpenAPI document on first use: building it (apispec's
    # schema resolution, and the reading of each view's code for its errors) costs several times the
    # rest of an app start, and a process that never serves the document never pays for it.
    _spec: Any = None
    _undocumented: list[tuple[Any, str, Any]]
    _when_documented: list[Callable[[Any], None]]

    @property  # type: ignore[override]
    def spec(self) -> Any:
        if getattr(self, "_undocumented", None):
            self._document()
        return self._spec

    @spec.setter
    def spec(self, value: Any) -> None:
        self._spec = value

    def register_blueprint(self, blp: Any, *, parameters: Any = None, **options: Any) -> None:
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)
        self.__dict__.setdefault("_undocumented", []).append((blp, name, parameters))

    def when_documented(self, finish: Callable[[Any], None]) -> None:
        """``finish(spec)`` runs once, when the blueprints registered so far are in the document."""
        self.__dict__.setdefault("_when_documented", []).append(finish)

    def _document(self) -> None:
        with _documenting:
            pending, self._undocumented = self._undocumented, []
            for blp, name, parameters in pending:
                blp.register_views_in_doc(self, self._app, self._spec, name=name, parameters=parameters)
                self._spec.tag({"name": name, "description": blp.description})
            finishing, self._when_documented = self.__dict__.get("_when_documented", []), []
            for finish in finishing:  # once, like the registration it finishes
                finish(self._spec)

    def _register_pagination_header(self) -> None:
        """No page-number pagination here (no ``X-Pagination`` header, no ``PaginationMetadata``):
        every list answers ``{items, next_cursor}`` (``backend/core/pagination.py``)."""
