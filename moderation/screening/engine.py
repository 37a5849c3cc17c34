"""The screening engine: runs every rule family over a message and turns what they find into one
verdict, priority, reason and set of signposts.

Fail closed (ARCHITECTURE.md, "the moderation boundary"): if anything goes wrong, or screening takes
longer than its time budget, the message is held for a moderator, never published unchecked.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from . import identity_more
from .abuse import Harassment
from .birth_family import BirthFamilyContact
from .context import RiskMemory, RoomMemory, SharedSignals
from .flood import Flood
from .grooming import Grooming
from .identity import IdentityExposure
from .learned import Classifier
from .links import Links
from .model import WARM_UP, ScreeningModel
from .normalise import rule_view
from .patterns import RuleSet, install_gate
from .risk import AbuseDisclosure, ChildToParentViolence, SelfHarm
from .text import Normalised, normalise
from .types import (
    ACTION_RANK,
    CATEGORIES,
    Action,
    AuthorFacts,
    Doc,
    Hit,
    Match,
    ScreenInput,
    ScreenResult,
    Signpost,
    WeakSignal,
)
from .watched import Watched

log = logging.getLogger(__name__)

CHILDLINE = Signpost(
    "Childline",
    "0800 1111",
    "Free and confidential for anyone under 19, any time, by phone or online chat at childline.org.uk.",
)
SAMARITANS = Signpost(
    "Samaritans", "116 123", "Free, any time, day or night, for anyone who is struggling to cope."
)
EMERGENCY = Signpost(
    "Emergency services", "999", "If you or someone else is in danger right now or has been hurt, call 999."
)

# PRODUCT.md 2.7: a risk-to-life signal always shows the author crisis signposts at once, whatever
# the verdict. An abuse disclosure shows where a child can get help now.
# Worry about someone else at risk (friend_concern) gets the same services, described for the friend.
CHILDLINE_FRIEND = Signpost(
    "Childline",
    "0800 1111",
    "If you're worried about a friend, talk it through with Childline: free and confidential, any time.",
)
SAMARITANS_FRIEND = Signpost(
    "Samaritans",
    "116 123",
    "If you're worried about someone, Samaritans can help you work out how to support them, any time.",
)
EMERGENCY_FRIEND = Signpost(
    "Emergency services", "999", "If someone's life is in danger right now, call 999."
)

# PRODUCT.md 2.7: a risk-to-life signal always shows the author crisis signposts at once, whatever
# the verdict. An abuse disclosure shows where a child can get help now.
SIGNPOSTS: dict[str, tuple[Signpost, ...]] = {
    "self_harm": (CHILDLINE, SAMARITANS, EMERGENCY),
    "friend_concern": (CHILDLINE_FRIEND, SAMARITANS_FRIEND, EMERGENCY_FRIEND),
    "abuse_disclosure": (CHILDLINE, EMERGENCY),
}

FAILED_PRIORITY = 2
_FAILED_REASON = "Held for review: screening could not finish, so a moderator will check this"

# The time budget is for each started 1,000 characters of a message, not per message. RE2 builds
# the states of its automata as texts reach them, and most of what people write reaches some new
# ones: on text no screen has read before, a 500-character message costs about 2.5 ms of CPU and a
# 10,000-character forum post 50-80 ms, where one of the labelled messages read again costs 0.5 ms
# (bench/LEDGER.md, "Screening on text nobody wrote before"). A flat 50 ms held long posts as
# "screening could not finish". The budget still bounds every screen: posts are at most 10,000
# characters (backend/groups/schemas.py).
BUDGET_CHARS = 1000

# The families whose phrase rules also read the de-obfuscated view.
_VIEW_CATEGORIES = frozenset(
    {"self_harm", "abuse_disclosure", "child_to_parent_violence", "grooming", "birth_family_contact"}
)
_CATEGORY_ORDER = {category: index for index, category in enumerate(CATEGORIES)}
_VERDICT_WORDS = {"allow": "Allowed, noted for support", "hold": "Held for review", "block": "Blocked"}


class Family(Protocol):
    category: str

    def scan(self, doc: Doc) -> list[Hit]: ...


class BudgetExceeded(Exception):
    """Screening took longer than its budget: the result would come too late to trust."""


# The rule families hold only compiled rules, so one set serves every Screener in the process.
_shared_lock = threading.Lock()
_shared: tuple[Family, ...] | None = None


def _shared_families() -> tuple[Family, ...]:
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                harassment = Harassment()
                harassment.warm()
                _shared = (
                    SelfHarm(),
                    AbuseDisclosure(),
                    ChildToParentViolence(),
                    Grooming(),
                    BirthFamilyContact(),
                    IdentityExposure(),
                    harassment,
                )
                install_gate(_rule_sets(_shared))  # one scan says which rules can match (gate.py)
    return _shared


def _rule_sets(families: Sequence[Family]) -> list[RuleSet]:
    """Every rule set the families search: each one a family holds, and identity's second table."""
    held = [value for family in families for value in vars(family).values() if isinstance(value, RuleSet)]
    return [*held, identity_more.RULES]


class Screener:
    def __init__(
        self,
        *,
        link_min_account_age_days: float = 7,
        time_budget_ms: float = 50,
        flood_window_seconds: float = 10,
        flood_max_messages: int = 8,
        clock: Callable[[], float] = time.monotonic,
        cpu_clock: Callable[[], float] = time.thread_time,
        model: ScreeningModel | None = None,
        redis_url: str | None = None,
        redis_prefix: str = "kinship:",
    ) -> None:
        """``redis_url``: the risk memories are kept in Redis, under ``redis_prefix``, shared by every
        server process (context.SharedSignals); without it, in this process."""
        self.time_budget_ms = time_budget_ms
        self._clock = clock
        # The budget counts this thread's own CPU time, not the wall clock: time spent waiting for
        # the GIL while another request renders or screens is not this screen being slow. On the
        # wall clock, one account's heavy posts made everyone else's messages miss the budget and
        # be held (security issue #10.10). A screen that really computes too long still fails closed.
        self._cpu_clock = cpu_clock
        self._flood = Flood(window_seconds=flood_window_seconds, max_messages=flood_max_messages, clock=clock)
        self._links = Links(min_account_age_days=link_min_account_age_days)
        self._watched = Watched(cpu_clock=cpu_clock)
        self._stages: tuple[Family, ...] | None = None
        authors = SharedSignals(redis_url, f"{redis_prefix}risk:author:") if redis_url else None
        rooms = SharedSignals(redis_url, f"{redis_prefix}risk:room:") if redis_url else None
        self._classifier = Classifier(
            RiskMemory(clock=clock, shared=authors), model, rooms=RoomMemory(clock=clock, shared=rooms)
        )

    @property
    def flood(self) -> Flood:
        return self._flood

    @property
    def watched(self) -> Watched:
        return self._watched

    def warm(self) -> None:
        """Compile the rules, load the classifier and read the warm-up messages now (start-up), not
        on the first messages people send."""
        self._ready()
        _read_warm_up(self._classifier.model)

    def _ready(self) -> tuple[Family, ...]:
        if self._stages is None:
            # Flooding first: every attempt must count, even one a later stage fails on. Then the
            # risks to life, so their signposts survive a failure further on.
            self._stages = (self._flood, *_shared_families(), self._links, self._watched)
            self._classifier.warm()
        return self._stages

    def _rules_on_view(self, doc: Doc) -> list[Hit]:
        """The phrase rules again over the de-obfuscated view ("d1e", "k.i.l.l", "diiiie"), when
        the message has one (normalise.rule_view); spans are mapped back to the author's text.
        Identity and harassment do their own digit and leetspeak handling."""
        view = rule_view(doc.norm.text)
        if view is None:
            return []
        text, origin = view
        norm = doc.norm
        mapped = tuple(norm.origin[i] for i in origin) if norm.origin is not None else origin
        viewed = Doc(doc.item, Normalised(norm.original, text, text.encode("ascii"), mapped))
        out: list[Hit] = []
        for family in self._ready():
            if family.category not in _VIEW_CATEGORIES:
                continue
            for hit in family.scan(viewed):
                spans = tuple(viewed.norm.span(s, e) for s, e in hit.spans)
                out.append(dataclasses.replace(hit, spans=spans, spans_in_original=True))
        # A phrase vetoed in the view is vetoed in the text it was read from (offsets of norm.text).
        for category, vetoed_spans in viewed.vetoed.items():
            mapped_back = [(origin[s], origin[e - 1] + 1) for s, e in vetoed_spans if e > s]
            doc.vetoed.setdefault(category, []).extend(mapped_back)
        return out

    def screen(self, item: ScreenInput) -> ScreenResult:
        """Never raises: a failure or a blown time budget holds the message (``failed_closed``)."""
        hits: list[Hit] = []
        doc: Doc | None = None
        try:
            stages = self._ready()  # outside the budget: loading is start-up work
            started, started_cpu = self._clock(), self._cpu_clock()
            if item.audience not in ("adult", "youth"):
                # An unknown audience would match no rules at all: refuse rather than allow.
                raise ValueError(f"unknown audience {item.audience!r}")
            doc = Doc(item, normalise(item.text))
            budget_ms = self.time_budget_ms * math.ceil(max(len(item.text), 1) / BUDGET_CHARS)

            def within_budget(after: str) -> None:
                excused = sum(doc.excused_seconds)  # isolated slow watched patterns
                # The wall clock is cheap to read and never behind the CPU clock, so the CPU clock
                # (a system call) is read only once the wall clock says the budget may be spent.
                if (self._clock() - started - excused) * 1000 > budget_ms:
                    elapsed_ms = (self._cpu_clock() - started_cpu - excused) * 1000
                    if elapsed_ms > budget_ms:
                        raise BudgetExceeded(f"{elapsed_ms:.1f} ms after {after}")

            for stage in stages:
                hits.extend(stage.scan(doc))
                within_budget(stage.category)
            hits.extend(self._rules_on_view(doc))
            hits.extend(_handles_as_links(doc, hits))
            hits = _outside_place(doc, hits)
            within_budget("the de-obfuscated view")
            # The classifier last: it adds what the rules missed (learned.py).
            hits.extend(self._classifier.scan_after(doc, hits))
            within_budget("the classifier")
            return _result(doc, hits)
        except Exception as exc:
            # The message text stays out of the log (QUALITY.md: no message text in logs).
            log.error(
                "screening failed closed: %s: %s",
                type(exc).__name__,
                exc if isinstance(exc, BudgetExceeded) else "",
            )
            try:
                return _failed(doc, hits)
            except Exception:  # even summarising what was found failed: hold, with nothing else
                return ScreenResult("hold", (), FAILED_PRIORITY, (), _FAILED_REASON, failed_closed=True)


_OFF_PLATFORM_LABELS = frozenset({"social_handle", "off_platform"})
# What a place named on purpose (``ScreenInput.place``: an event's venue) is made of. A phone number,
# a handle or a name there is still found.
_PLACE_LABELS = frozenset({"street_address", "postcode", "school_name"})


def _outside_place(doc: Doc, hits: list[Hit]) -> list[Hit]:
    """The hits, less what they found of an address inside the place the text names on purpose."""
    place = doc.item.place_span
    if place is None:
        return hits
    out = []
    for hit in hits:
        if hit.category == "identity_exposure" and hit.label in _PLACE_LABELS:
            spans = hit.spans if hit.spans_in_original else tuple(doc.norm.span(s, e) for s, e in hit.spans)
            outside = tuple(span for span in spans if not place[0] <= span[0] <= span[1] <= place[1])
            if not outside:
                continue
            hit = dataclasses.replace(hit, spans=outside, spans_in_original=True)
        out.append(hit)
    return out


def _handles_as_links(doc: Doc, hits: Sequence[Hit]) -> list[Hit]:
    """In young people's spaces a handle or an invitation on another platform ("my sc is
    lil.dreamz09", "add me on kik") takes someone where nobody moderates, as a link does: it is
    held as a link too (P3), beside the identity finding."""
    if doc.audience != "youth" or any(hit.category == "link" for hit in hits):
        return []
    return [
        Hit("link", "handle", hit.spans, 3, "hold", spans_in_original=hit.spans_in_original)
        for hit in hits
        if hit.category == "identity_exposure" and hit.label in _OFF_PLATFORM_LABELS
    ][:1]


def _matches(doc: Doc, hits: Sequence[Hit]) -> tuple[Match, ...]:
    merged: dict[tuple[str, str], tuple[set[tuple[int, int]], int]] = {}
    for hit in hits:
        spans = hit.spans if hit.spans_in_original else tuple(doc.norm.span(s, e) for s, e in hit.spans)
        seen, priority = merged.get((hit.category, hit.label), (set(), hit.priority))
        seen.update(spans)
        merged[(hit.category, hit.label)] = (seen, min(priority, hit.priority))
    matches = [
        Match(category, label, tuple(sorted(spans)), priority)
        for (category, label), (spans, priority) in merged.items()
    ]
    matches.sort(key=lambda m: (m.priority, _CATEGORY_ORDER.get(m.category, 99), m.label))
    return tuple(matches)


def _signposts(categories: Sequence[str]) -> tuple[Signpost, ...]:
    out: list[Signpost] = []
    for category in categories:
        for signpost in SIGNPOSTS.get(category, ()):
            if signpost not in out:
                out.append(signpost)
    return tuple(out)


def _verdict(hits: Sequence[Hit]) -> Action:
    strongest: Action = "allow"
    for hit in hits:
        if ACTION_RANK[hit.action] > ACTION_RANK[strongest]:
            strongest = hit.action
    return strongest


def _reason(verdict: Action, hits: Sequence[Hit], matches: Sequence[Match]) -> str:
    if not matches:
        return ""
    # Name what decided the verdict, most urgent first: "Held for review: self harm (suicide imminent)".
    deciding = {(h.category, h.label) for h in hits if h.action == verdict}
    parts: dict[str, list[str]] = {}
    for match in matches:
        if (match.category, match.label) in deciding:
            parts.setdefault(match.category, []).append(match.label.replace("_", " "))
    described = "; ".join(
        f"{category.replace('_', ' ')} ({', '.join(labels)})" for category, labels in parts.items()
    )
    return f"{_VERDICT_WORDS[verdict]}: {described}"


def _result(doc: Doc, hits: Sequence[Hit]) -> ScreenResult:
    matches = _matches(doc, hits)
    verdict = _verdict(hits)
    return ScreenResult(
        verdict=verdict,
        matches=matches,
        priority=min((m.priority for m in matches), default=None),
        signposts=_signposts([m.category for m in matches]),
        reason=_reason(verdict, hits, matches),
        earlier=_earlier(hits),
    )


def _earlier(hits: Sequence[Hit]) -> tuple[WeakSignal, ...]:
    """The risk memories' earlier signals, each once (an author's may also be the room's)."""
    return tuple(dict.fromkeys(signal for hit in hits for signal in hit.earlier))


def _failed(doc: Doc | None, hits: Sequence[Hit]) -> ScreenResult:
    """Held at P2, keeping whatever was found before the failure: a P0 or a block found first is not
    weakened, and a self-harm match still brings its signposts."""
    try:
        matches = _matches(doc, hits) if doc is not None else ()
    except Exception:
        matches = ()
    verdict: Action = "block" if _verdict(hits) == "block" else "hold"
    return ScreenResult(
        verdict=verdict,
        matches=matches,
        priority=min([FAILED_PRIORITY, *(m.priority for m in matches)]),
        signposts=_signposts([h.category for h in hits]),
        reason=_FAILED_REASON,
        failed_closed=True,
        earlier=_earlier(hits),  # the memories spent them: they are evidence now or never
    )


_warm_up_lock = threading.Lock()
_warmed_up = False


def _read_warm_up(model: ScreeningModel) -> None:
    """Screen the warm-up messages once per process, in both audiences, with a throwaway screener:
    the automata and the model's word table are shared by every screener in the process, and the
    throwaway's flood and risk memories are not (no flood or room key, so nothing is remembered)."""
    global _warmed_up
    with _warm_up_lock:
        if _warmed_up:
            return
        _warmed_up = True
        reader = Screener(time_budget_ms=math.inf, model=model)
        author = AuthorFacts(user_id=0, account_age_days=365.0, verified=True, persona="adopter")
        for text in WARM_UP.read_text(encoding="utf-8").splitlines():
            for audience in ("adult", "youth"):
                reader.screen(ScreenInput(text, audience, author))


_default_lock = threading.Lock()
_default: Screener | None = None


def default_screener() -> Screener:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Screener()
    return _default


def screen(item: ScreenInput) -> ScreenResult:
    """Screen with the process's default ``Screener`` (default settings, shared flood state)."""
    return default_screener().screen(item)
