"""Peer groups: load schemas (unknown fields refused, lengths bounded) and dump schemas."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from json.encoder import encode_basestring_ascii as _json_string
from typing import Any

from flask import Response, current_app
from marshmallow import fields, validate
from werkzeug.datastructures import MultiDict

from backend.core.pagination import Cursor, limit_field, page_schema
from backend.core.schemas import ID_MAX, DumpSchema, LoadSchema, Signpost, text
from backend.groups.models import AUDIENCES, LEADER, MEMBER, MODERATION_MODES, OPEN, VISIBILITIES

NAME = 120
DESCRIPTION = 2000
TITLE = 200
BODY = 10_000
REGION = 80
PAGE_DEFAULT = 20  # the thread page's posts when no limit is given
PAGE_MAX = 50


class GroupIn(LoadSchema):
    name = text(NAME, min_length=3, required=True)
    description = text(DESCRIPTION, min_length=0, load_default="")
    audience = fields.String(required=True, validate=validate.OneOf(AUDIENCES))
    region = text(REGION, min_length=0, load_default=None, allow_none=True)
    visibility = fields.String(load_default=OPEN, validate=validate.OneOf(VISIBILITIES))
    moderation_mode = fields.String(load_default="post", validate=validate.OneOf(MODERATION_MODES))


class GroupUpdate(LoadSchema):
    """The audience is not here on purpose: a group never moves across the audience wall."""

    name = text(NAME, min_length=3)
    description = text(DESCRIPTION, min_length=0)
    region = text(REGION, min_length=0, allow_none=True)
    visibility = fields.String(validate=validate.OneOf(VISIBILITIES))
    moderation_mode = fields.String(validate=validate.OneOf(MODERATION_MODES))


class GroupQuery(LoadSchema):
    audience = fields.String(validate=validate.OneOf(AUDIENCES))
    region = text(REGION)
    q = text(80)
    mine = fields.Boolean(load_default=False)
    limit = limit_field()
    cursor = Cursor(str, int)  # (name, id): groups are listed by name


class MembersQuery(LoadSchema):
    limit = limit_field()
    cursor = Cursor(int, datetime, int)  # service.member_order


class ProposalsQuery(LoadSchema):
    limit = limit_field()
    cursor = Cursor(int)


class PageQuery(LoadSchema):
    limit = fields.Integer(load_default=PAGE_DEFAULT, validate=validate.Range(min=1, max=PAGE_MAX))
    cursor = text(64)


_PLAIN_LIMIT = re.compile(r"[1-9][0-9]?")
_PLAIN_CURSOR = re.compile(r"[0-9]{1,64}")  # a post id, as the page hands cursors out


def quick_page_query(args: MultiDict[str, str]) -> dict[str, Any] | None:
    """``PageQuery().load`` of a plain thread-page query string (``limit`` of 1 to 50 in ASCII
    digits, ``cursor`` of up to 64 ASCII digits, each given once), or None: any other query string
    is left to the schema (``core.quick_query``; tests/groups/test_quick_query.py)."""
    loaded: dict[str, Any] = {"limit": PAGE_DEFAULT}
    for key, values in args.lists():
        if len(values) != 1:
            return None
        value = values[0]
        if key == "limit" and _PLAIN_LIMIT.fullmatch(value) and int(value) <= PAGE_MAX:
            loaded["limit"] = int(value)
        elif key == "cursor" and _PLAIN_CURSOR.fullmatch(value):
            loaded["cursor"] = value
        else:
            return None
    return loaded


class Invitation(LoadSchema):
    user_id = fields.Integer(required=True, validate=validate.Range(min=1, max=ID_MAX))


class RoleIn(LoadSchema):
    role = fields.String(required=True, validate=validate.OneOf((MEMBER, LEADER)))


class ProposalDecline(LoadSchema):
    reason = text(500, required=True)


class ThreadIn(LoadSchema):
    title = text(TITLE, min_length=3, required=True)
    body = text(BODY, required=True)


class ThreadUpdate(LoadSchema):
    title = text(TITLE, min_length=3, required=True)


class PostIn(LoadSchema):
    body = text(BODY, required=True)


# --- dumps -------------------------------------------------------------------------------------


class Author(DumpSchema):
    id = fields.Integer()
    display_name = fields.String()
    persona = fields.String()
    removed = fields.Boolean()


class MyMembership(DumpSchema):
    role = fields.String()
    status = fields.String()


class Permissions(DumpSchema):
    read = fields.Boolean()
    join = fields.Boolean()
    post = fields.Boolean()
    see_members = fields.Boolean()
    manage = fields.Boolean()
    administer = fields.Boolean()
    moderate = fields.Boolean()


class GroupOut(DumpSchema):
    id = fields.Integer()
    name = fields.String()
    description_html = fields.String()
    audience = fields.String()
    region = fields.String(allow_none=True)
    visibility = fields.String()
    moderation_mode = fields.String()
    status = fields.String()
    member_count = fields.Integer(
        allow_none=True, metadata={"description": "Only where you may see members."}
    )
    membership = fields.Nested(MyMembership, allow_none=True)
    permissions = fields.Nested(Permissions)
    created_at = fields.DateTime()


class ProposalOut(DumpSchema):
    id = fields.Integer()
    name = fields.String()
    description_html = fields.String()
    audience = fields.String()
    region = fields.String(allow_none=True)
    visibility = fields.String()
    moderation_mode = fields.String()
    status = fields.String()
    proposed_by = fields.Nested(Author, allow_none=True)
    decision_reason = fields.String(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()


class MembershipOut(DumpSchema):
    group_id = fields.Integer()
    user_id = fields.Integer()
    role = fields.String()
    status = fields.String()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class MemberOut(MembershipOut):
    user = fields.Nested(Author)


class ReactionCount(DumpSchema):
    kind = fields.String()
    count = fields.Integer()
    mine = fields.Boolean()


class ReactionsOut(DumpSchema):
    post_id = fields.Integer()
    reactions = fields.List(fields.Nested(ReactionCount))


class PostOut(DumpSchema):
    id = fields.Integer()
    thread_id = fields.Integer()
    group_id = fields.Integer()
    is_opening = fields.Boolean()
    status = fields.String(metadata={"description": "published | pending | hidden | removed"})
    author = fields.Nested(Author, allow_none=True)
    body_html = fields.String(allow_none=True, metadata={"description": "Sanitised HTML; null when removed."})
    created_at = fields.DateTime()
    edited_at = fields.DateTime(allow_none=True)
    reactions = fields.List(fields.Nested(ReactionCount))


class LivePost(PostOut):
    """A post as a live event carries it: the same as a GET, less the per-reader reactions."""

    class Meta:
        exclude = ("reactions",)


class PostWritten(PostOut):
    signposts = fields.List(
        fields.Nested(Signpost),
        metadata={"description": "Crisis signposts for the author, whatever the verdict."},
    )


class ThreadOut(DumpSchema):
    id = fields.Integer()
    group_id = fields.Integer()
    title = fields.String(metadata={"description": "Plain text: render as text, never as HTML."})
    status = fields.String()
    author = fields.Nested(Author, allow_none=True)
    created_at = fields.DateTime()
    edited_at = fields.DateTime(allow_none=True)
    last_post_at = fields.DateTime()
    reply_count = fields.Integer(allow_none=True)


class ThreadWritten(ThreadOut):
    opening_post = fields.Nested(PostOut)
    signposts = fields.List(fields.Nested(Signpost))


class ThreadEdited(ThreadOut):
    signposts = fields.List(fields.Nested(Signpost))


class ThreadPage(DumpSchema):
    items = fields.List(fields.Nested(ThreadOut))
    next_cursor = fields.String(allow_none=True)


class PostPage(DumpSchema):
    items = fields.List(fields.Nested(PostOut))
    next_cursor = fields.String(allow_none=True)


# --- the thread page's hot path ----------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _author_json(author: dict[str, Any] | None) -> dict[str, Any] | None:
    if author is None:
        return None
    return {k: author[k] for k in ("id", "display_name", "persona", "removed")}


def post_page_json(page: dict[str, Any]) -> dict[str, Any]:
    """Exactly ``PostPage().dump(page)``, written out: the thread page is the hot path (QUALITY.md
    B4) and a schema dump of 20 nested posts costs more than the page's SQL. A test keeps the two
    identical."""
    return {
        "items": [
            {
                "id": p["id"],
                "thread_id": p["thread_id"],
                "group_id": p["group_id"],
                "is_opening": p["is_opening"],
                "status": p["status"],
                "author": _author_json(p["author"]),
                "body_html": p["body_html"],
                "created_at": _iso(p["created_at"]),
                "edited_at": _iso(p["edited_at"]),
                "reactions": [
                    {"kind": r["kind"], "count": r["count"], "mine": r["mine"]} for r in p["reactions"]
                ],
            }
            for p in page["items"]
        ],
        "next_cursor": page["next_cursor"],
    }


def post_page_response(posts: Sequence[tuple[Any, ...]], next_cursor: str | None) -> Response:
    """The thread page (``service.read_post_page``: posts as tuples in ``PostOut``'s field order) as
    the response ``jsonify(PostPage().dump(...))`` makes of the same page outside debug mode, byte
    for byte: compact separators, ASCII escapes, keys in schema order, a final newline. Written out
    directly because on 20 posts the schema dump, or dicts and the stdlib encoder, cost more than
    the page's SQL (QUALITY.md B4). Strings go through the C escaper ``json.dumps`` uses; a test
    keeps the bytes identical to the schema's on awkward content."""
    items = ",".join([_post_text(post) if _memoisable(post) else _written(post) for post in posts])
    body = f'{{"items":[{items}],"next_cursor":{_text(next_cursor)}}}\n'
    return current_app.response_class(body, mimetype="application/json")


# A post's JSON is a pure function of its tuple, whose fields have fixed types (ints, bools, strings,
# UTC datetimes: ``thread_page.PagePost``), so equal tuples make the same text. Hot pages are served
# again and again with the same posts: each post's text is remembered (about 3 us a post, 55 of a
# page's 60; bench/LEDGER.md). Bounded: at most ``POST_MEMO`` posts, and only posts whose body is
# short (``POST_MEMO_BODY`` characters, most posts), so the memo stays within a few megabytes.
POST_MEMO = 1024
POST_MEMO_BODY = 2000


def _memoisable(post: tuple[Any, ...]) -> bool:
    html = post[6]
    return html is None or len(html) <= POST_MEMO_BODY


def _written(post: tuple[Any, ...]) -> str:
    post_id, thread_id, group_id, is_opening, status, author, html, created, edited, reactions = post
    return _POST % (
        post_id,
        thread_id,
        group_id,
        _flag(is_opening),
        _text(status),
        _author_text(author),
        _text(html),
        _time(created),
        _time(edited),
        _reactions_text(reactions),
    )


_post_text = lru_cache(maxsize=POST_MEMO)(_written)


def _text(value: str | None) -> str:
    return "null" if value is None else _json_string(value)


def _time(value: datetime | None) -> str:
    # An ISO 8601 timestamp holds only digits and "-:.+T": nothing to escape.
    return "null" if value is None else f'"{value.isoformat()}"'


def _flag(value: bool) -> str:
    return "true" if value else "false"


_POST = (
    '{"id":%d,"thread_id":%d,"group_id":%d,"is_opening":%s,"status":%s,"author":%s,"body_html":%s,'
    '"created_at":%s,"edited_at":%s,"reactions":[%s]}'
)
_AUTHOR = '{"id":%d,"display_name":%s,"persona":%s,"removed":%s}'
_REACTION = '{"kind":%s,"count":%d,"mine":%s}'


def _author_text(author: tuple[Any, ...] | None) -> str:
    """An ``Author`` from (id, display_name, persona, removed)."""
    if author is None:
        return "null"
    user_id, name, persona, removed = author
    return _AUTHOR % (user_id, _text(name), _text(persona), _flag(removed))


@lru_cache(maxsize=4096)
def _reactions_text(reactions: tuple[tuple[str, int, bool], ...]) -> str:
    """``ReactionCount`` items from (kind, count, mine); pages repeat the same few, so cached."""
    return ",".join(_REACTION % (_json_string(kind), count, _flag(mine)) for kind, count, mine in reactions)


GroupPage = page_schema(GroupOut, base=DumpSchema)
MemberPage = page_schema(MemberOut, base=DumpSchema)
ProposalPage = page_schema(ProposalOut, base=DumpSchema)
