"""The values screening takes and gives back.

Screening is pure Python: it knows nothing of Flask, the database or the backend. The moderation
service builds a ``ScreenInput`` from the content it was handed and turns the ``ScreenResult`` into a
queue item and a verdict for the backend.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .text import Normalised

Audience = Literal["adult", "youth"]
Action = Literal["allow", "hold", "block"]

CATEGORIES = (
    "identity_exposure",
    "self_harm",
    "friend_concern",
    "abuse_disclosure",
    "child_to_parent_violence",
    "grooming",
    "birth_family_contact",
    "harassment",
    "link",
    "flooding",
    "watched",
)

# The strength of each action: the verdict is the strongest action among the matches.
ACTION_RANK: dict[str, int] = {"allow": 0, "hold": 1, "block": 2}


@dataclass(frozen=True)
class AuthorFacts:
    user_id: int | None
    account_age_days: float
    verified: bool
    # adopter, special_guardian, prospective_adopter, young_person, adult_adoptee, agency_worker,
    # moderator, safeguarding_lead, admin
    persona: str


@dataclass(frozen=True)
class WatchedRule:
    """A moderator-managed rule, stored by the moderation service."""

    id: int
    kind: Literal["term", "pattern"]  # term: case-insensitive whole-word phrase; pattern: an RE2 regex
    value: str
    action: Literal["hold", "block"]
    priority: int  # 0..4
    audience: Literal["all", "adult", "youth"]


@dataclass(frozen=True)
class ScreenInput:
    text: str  # plain text, already stripped of HTML
    audience: Audience
    author: AuthorFacts
    # The family's own protected names: a child's birth name, birth relatives' names.
    protected_terms: tuple[str, ...] = ()
    watched_rules: tuple[WatchedRule, ...] = ()
    flood_key: str | None = None  # e.g. "user:12"; None turns the flood check off
    # Where it was posted, e.g. "room:7" (the content's space): weak risk-to-life signals from several
    # people in one room add up (context.RoomMemory). None leaves the room memory out.
    room_key: str | None = None
    # A part of ``text`` that names a place on purpose (an event's venue, shown only to the people
    # going): an address there is what it is for, so the address rules do not act on it and the
    # classifier's identity head does not read it. Everything else in it is screened as usual.
    place: str = ""
    # What is being screened, e.g. "message:42": named in the risk memory's evidence (WeakSignal).
    subject: str | None = None

    @property
    def place_span(self) -> tuple[int, int] | None:
        """Where ``place`` is in ``text``; None when there is none, or it is not there as given (then
        nothing is allowed for it: the text is screened whole)."""
        place = self.place.strip()
        start = self.text.find(place) if place else -1
        return None if start < 0 else (start, start + len(place))

    @property
    def text_without_place(self) -> str:
        span = self.place_span
        return self.text if span is None else f"{self.text[: span[0]]} {self.text[span[1] :]}"


@dataclass(frozen=True)
class Match:
    category: str  # one of CATEGORIES
    label: str  # finer label, e.g. "phone_number", "suicide_imminent"
    spans: tuple[tuple[int, int], ...]  # character offsets into ScreenInput.text
    priority: int  # 0 (immediate risk) .. 4


@dataclass(frozen=True)
class Signpost:
    name: str
    contact: str
    description: str


@dataclass(frozen=True)
class WeakSignal:
    """A message the risk memory counted (context.py), as the moderator sees it when signals add up:
    kept in process memory only while it can still count, so the alert's evidence holds the
    messages themselves, wherever they were posted."""

    text: str
    at: str  # when it was screened: ISO 8601, UTC
    author: str | None  # ScreenInput.flood_key, e.g. "user:12"
    space: str | None  # ScreenInput.room_key, e.g. "room:7"
    subject: str | None  # ScreenInput.subject, e.g. "message:42"


@dataclass(frozen=True)
class ScreenResult:
    verdict: Action
    matches: tuple[Match, ...]
    priority: int | None  # the most urgent match's priority; None when nothing matched
    signposts: tuple[Signpost, ...]
    reason: str  # short and human-readable, for the moderator and (softened) the author
    failed_closed: bool = False
    # The earlier weak risk-to-life signals this message completed (the risk memory's alerts), oldest
    # first: evidence for the queue item beside the message itself.
    earlier: tuple[WeakSignal, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One finding of a rule family, before the engine merges findings into ``Match`` values.

    ``action`` is what this finding alone asks for; ``spans`` are offsets into the normalised text
    and are mapped back to the author's text by the engine, unless ``spans_in_original`` says they
    were found in the author's text itself.
    """

    category: str
    label: str
    spans: tuple[tuple[int, int], ...]
    priority: int
    action: Action
    spans_in_original: bool = False
    earlier: tuple[WeakSignal, ...] = ()  # a risk-memory alert's earlier signals (ScreenResult)


@dataclass(frozen=True)
class Doc:
    """What each rule family is handed: the input and its normalised text."""

    item: ScreenInput
    norm: Normalised
    # CPU seconds of watched patterns that ran over their own budget on this text: isolated, so not
    # charged to the screen's budget (watched.py).
    excused_seconds: list[float] = field(default_factory=list, compare=False)
    # Phrases the rules matched here but vetoed as harmless, by category: their spans in the
    # normalised text (patterns.RuleSet.find). The classifier reads the message without them
    # (learned.py); the rest of the message is read as if they were not there.
    vetoed: dict[str, list[tuple[int, int]]] = field(default_factory=dict, compare=False)

    @property
    def audience(self) -> Audience:
        return self.item.audience
