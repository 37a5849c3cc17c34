"""The API's one list shape, ``{"items", "next_cursor"}`` with ``limit`` and ``cursor`` parameters.

Its home is ``moderation/paging.py`` (moderation may not import the backend; the backend may import
``moderation.api``): this module only hands it to the backend's features under a core name.
"""

from __future__ import annotations

from moderation.api import Cursor, encode_cursor, limit_field, page, page_in_memory, page_schema

__all__ = ["Cursor", "encode_cursor", "limit_field", "page", "page_in_memory", "page_schema"]
