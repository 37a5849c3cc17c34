"""JSON from clients, parsed with bounds: request bodies and Socket.IO packets alike.

The standard decoder recurses once per level of nesting, so a body of ``[[[[...`` well under the
size limit exhausts the stack (``RecursionError``), and an integer of thousands of digits raises a
plain ``ValueError``; neither is the ``JSONDecodeError`` that callers expect for bad JSON. Anything
that does decode is then walked by code that recurses too (schemas, ``core.schemas.unstorable``).
So every JSON document from a client goes through ``loads`` here: nesting deeper than
``MAX_DEPTH`` (far more than any of our payloads needs) and every decoder failure come out as one
error, ``MalformedJson``, which the HTTP layer answers with 400 "Malformed JSON body" and which
makes a Socket.IO event that asks for an ack answered with 400 (``SocketPacket``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from engineio import json as engineio_json
from socketio import packet

MAX_DEPTH = 32


class MalformedJson(ValueError):
    pass


def depth_exceeds(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether ``value`` nests lists and objects deeper than ``limit`` (iterative: no recursion)."""
    if not isinstance(value, dict | list):
        return False
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, level = stack.pop()
        children = node.values() if isinstance(node, dict) else node
        for child in children:
            if isinstance(child, dict | list):
                if level + 1 > limit:
                    return True
                stack.append((child, level + 1))
    return False


def _bounded(decode: Callable[[str | bytes], Any]) -> Callable[[str | bytes], Any]:
    def loads(text: str | bytes) -> Any:
        try:
            value = decode(text)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError too
            raise MalformedJson("The body is not valid JSON.") from exc
        if not isinstance(value, dict | list):
            return value
        # Nesting needs brackets: a document with few of them cannot be too deep, and counting
        # them runs at C speed, so ordinary payloads are never walked.
        if isinstance(text, str):
            brackets = text.count("[") + text.count("{")
        else:
            brackets = text.count(b"[") + text.count(b"{")
        if brackets > MAX_DEPTH and depth_exceeds(value):
            raise MalformedJson(f"Nested deeper than {MAX_DEPTH} levels.")
        return value

    return loads


loads = _bounded(json.loads)


class SocketJson:
    """The JSON module for the Socket.IO server (``SocketIO(json=...)``): engineio's own decoder
    (which also refuses integers over 100 digits) with the same bounds as request bodies."""

    loads = staticmethod(_bounded(engineio_json.loads))
    dumps = staticmethod(json.dumps)


# The event an undecodable client event becomes (``SocketPacket``); its handler only acks the error.
MALFORMED_EVENT = "_malformed_packet"


class SocketPacket(packet.Packet):
    """Socket.IO packets decoded with ``SocketJson``. A packet is decoded before its event is known,
    so an event whose JSON does not decode within bounds would be dropped with no ack (the server
    logs it and moves on). Every event gets an ack, even an error (QUALITY.md 3): such an event,
    when it asks for an ack, becomes ``MALFORMED_EVENT`` with no arguments, whose handler answers
    400; nothing the client sent reaches any other handler."""

    json = SocketJson

    def decode(self, encoded_packet: Any) -> Any:
        try:
            return super().decode(encoded_packet)
        except MalformedJson:
            if self.packet_type != packet.EVENT or self.id is None:
                raise
            self.data = [MALFORMED_EVENT]
            return 0
