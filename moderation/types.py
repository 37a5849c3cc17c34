"""The values that cross the moderation boundary, re-exported by ``moderation.api``.

They live here rather than in ``api`` so moderation's own services can use them without importing
the interface module (which imports the services).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

Audience = Literal["adult", "youth"]


class ReportStatus(StrEnum):
    """Where a report stands, as its reporter is told (derived from its queue item, not stored);
    each member's name is its value."""

    UNDER_REVIEW = "under_review"
    CLOSED = "closed"


class AppealStatus(StrEnum):
    """Where an appeal stands, as its author is told (derived from its queue item, not stored);
    each member's name is its value."""

    UNDER_REVIEW = "under_review"
    OVERTURNED = "overturned"  # the removal was reversed: the content is restored
    UPHELD = "upheld"  # the removal stands


@dataclass(frozen=True)
class Actor:
    """The signed-in person as moderation needs to know them (handed over by the backend)."""

    user_id: int
    persona: str  # moderator, safeguarding_lead, admin, agency_worker, adopter, young_person, ...
    display_name: str
    may_work_with_young_people: bool  # recorded, in-date enhanced DBS check
    verified: bool = False


@dataclass(frozen=True)
class AuthorFacts:
    user_id: int
    account_age_days: float
    verified: bool
    persona: str


# What a queue item, report or appeal can be about: the app's content types, a person, and an
# author's burst of messages (the flood rule's category). A subject's id is always the app's
# integer record id (the author's, for flooding); it is stored as text and answered as an integer.
# "feedback": a comment on an article (journeys), never shown to anyone but screened like any text.
SUBJECT_TYPES = (
    "post",
    "thread",
    "message",
    "profile",
    "group",
    "user",
    "flooding",
    "feedback",
    "application_note",
    "consultation",
    "consultation_answer",
)


@dataclass(frozen=True)
class Subject:
    """A copy of a piece of content: moderation never reads app tables, so it keeps what it needs."""

    type: str  # one of SUBJECT_TYPES
    id: str
    author: AuthorFacts
    text: str  # plain text as the readers would see it (title and body for a thread)
    audience: Audience  # youth = a young people's space: stricter rules, DBS-checked moderators only
    space: str  # where it appeared, e.g. "group:3", "room:7"
    mode: Literal["post", "pre"] = "post"  # pre-moderated spaces hold everything
    family_key: str | None = None  # whose protected terms apply, e.g. "family:12"
    place: str = ""  # a part of ``text`` that names a place on purpose (screening.types.ScreenInput)
    # e.g. the previous messages of a chat, for evidence. It is only needed when a queue item opens,
    # so a caller may hand over a function that reads it then (most content opens none).
    context: tuple[dict[str, Any], ...] | Callable[[], tuple[dict[str, Any], ...]] = ()

    def context_items(self) -> tuple[dict[str, Any], ...]:
        return self.context() if callable(self.context) else self.context


@dataclass(frozen=True)
class Signpost:
    name: str
    contact: str
    description: str


@dataclass(frozen=True)
class Verdict:
    action: Literal["allow", "hold", "block"]
    categories: tuple[str, ...] = ()
    priority: int | None = None
    signposts: tuple[Signpost, ...] = ()
    reason: str = ""
    item_id: int | None = None  # the queue item opened for this content, if any
    # The evidence context, when screening added to the content's own: the risk memory's earlier
    # weak signals, marked ``weak_signal`` (those posted elsewhere first, then the content's context
    # with the ones it already shows marked). Empty: the content's own context. A caller keeping an
    # intake record (``item_id`` None) keeps this one.
    context: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class Intake:
    """Screened content whose queue item screening could not store (the moderation database was
    unreachable): the backend keeps this record in its own transaction, with the content, and hands
    it over with ``api.deliver`` until that returns. ``key`` makes delivery idempotent: a record
    delivered twice adds to the queue once."""

    key: str
    subject: Subject  # its context already read (a tuple, not a function)
    action: Literal["allow", "hold", "block"]  # the verdict the content was given at the time
    categories: tuple[str, ...] = ()
    priority: int | None = None
    signposts: tuple[Signpost, ...] = ()  # what the author was shown then
    reason: str = ""


@dataclass(frozen=True)
class ReportReceipt:
    report_id: int
    status: ReportStatus
    created: bool  # False when the idempotency key was seen before
    outcome: str = "under review"  # what the reporter is told: never the sanction itself
    signposts: tuple[Signpost, ...] = ()  # crisis signposts for a report about self-harm
    subject_type: str = ""
    subject_id: str = ""
    reason: str = ""
    created_at: str = ""


@dataclass(frozen=True)
class Decision:
    """A moderator's committed decision, handed to the backend's handler for its effect."""

    action: str  # release, remove, redact, warn, mute, suspend, hide, ...
    subject_type: str
    subject_id: str
    author_id: int | None
    moderator_id: int | None
    reason: str
    item_id: int | None = None
    params: dict[str, Any] = field(default_factory=dict)  # e.g. {"hours": 24}, {"replacement": "..."}
    # The decision closes an author's appeal against a removal or redaction: a ``release`` then
    # overturns it, and the feature puts the content back as it was (PRODUCT.md 2.7, appeals).
    appeal: bool = False


DecisionHandler = Callable[[Decision], None]


class ModerationError(Exception):
    """A refusal moderation answers with (rendered in the app's one error shape by ``init_app``)."""

    code = 400
    message = "Bad request"

    def __init__(self, message: str | None = None, errors: dict[str, Any] | None = None) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message
        self.errors = errors or {}


class NotAuthenticated(ModerationError):
    code, message = 401, "Authentication required"


class Forbidden(ModerationError):
    code, message = 403, "Not allowed"


class NotFound(ModerationError):
    """Also what a caller gets for something that exists but that they may not see."""

    code, message = 404, "Not found"


class Conflict(ModerationError):
    code, message = 409, "Conflict"


class Invalid(ModerationError):
    code, message = 422, "Invalid request"


@dataclass(frozen=True)
class ScreenedItem:
    """An open queue item that screening opened for a piece of content, for the backend to check
    that the content was stored (``api.screened_items``): screening commits the item before the
    app's own transaction, which can still roll back."""

    item_id: int
    subject_type: str
    subject_id: str
    author_id: int | None
    # When the newest snapshot of the content was taken: content stored under this id later is
    # other content that reused the id, not the one screened.
    last_captured_at: datetime
