"""Phrase rules: how each rule family writes its patterns, and how they are searched quickly.

A rule is an RE2 pattern over the normalised text (lower-case ASCII, see ``text.py``), written in a
small shorthand so that the phrase lists stay readable:

- a space stands for any run of spaces and light punctuation between two words;
- ``<NAME>`` inserts a shared fragment (a list of alternatives) defined by the rule family;
- ``<F1>``..``<F6>`` allow up to that many filler words ("going to <F2> kill" also reads
  "going to just go and kill"); the fragment carries its own leading space, so write ``to<F2> kill``.

Every rule is wrapped in word boundaries. Why RE2 and not ``re``: RE2 runs in time linear in the
text whatever the pattern, so no message can make screening slow, and its DFA searches an
alternation of many of a family's rules in a single pass (``RULES_PER_PASS``), where ``re`` would try
each alternative at each position (over a millisecond for a 500-character message).
Only where a pass finds something does an ``re2.Set`` say which rules match there,
and those rules are confirmed one by one (with their vetoes) in the full text.

Where Hyperscan is installed, the passes are not needed: one scan of the message says which rules
may match at all (``gate.py``), and only those are searched, each with its own pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import re2

from . import gate
from .types import ACTION_RANK, Action, Hit

# Between two words: whitespace and the light punctuation people scatter in chat. Sentence stops
# are left out on purpose, so a phrase does not run across sentences.
GAP = r"(?:[\s,\"*~_-]+)"  # a group, so that "word ?" makes the whole gap optional
WORD = r"[a-z0-9']+"
_FILLERS = {f"F{n}": rf"(?:{GAP}{WORD}){{0,{n}}}" for n in range(1, 7)}
_MACRO = re.compile(r"<([A-Z][A-Z0-9_]*)>")

# The combined patterns are large alternations; give RE2 room for their DFA so it does not fall back
# to its slower engines on long messages. RE2 builds the DFA's states as texts reach them and, when
# its share of this budget is full, throws them all away and starts again. At 64 MB the young
# people's self-harm and abuse alternations (134 and 42 rules) did that all the time: 64 and 42 us a
# 500-character message after 10,000 others, against 15 and 17 us at 96 MB and 16 and 17 at 128 MB
# (the other families unchanged). 128 leaves room for more rules; the states are built only as
# messages need them (a process's memory after 40,000 B7 messages: 350 MB at 64, 367 MB at 128).
_OPTIONS = re2.Options()
_OPTIONS.max_mem = 128 << 20

# A family's rules are searched in passes of at most this many rules, each pass one alternation.
# RE2 builds a DFA state for each set of partial matches a text reaches; in one alternation of all a
# family's rules those sets multiply, so text nobody has written before reaches new states nearly
# every byte. Young people's self-harm rules (134) on 500-character messages nobody had written: one
# alternation 530-560 us a message, passes of 64 rules 220, of 32 280; adults' (126) 470 against
# 188 and 155; young people's abuse (42) 150 against 68 in passes of 32. On the labelled messages
# read again, 7 against 14-27 us (bench/LEDGER.md, "Screening on text nobody wrote before").
RULES_PER_PASS = 32

Veto = Callable[[str, int, int], bool]

# A rule's ``audiences`` when it applies in one kind of space only.
YOUTH_ONLY = frozenset({"youth"})
ADULT_ONLY = frozenset({"adult"})

# google-re2's Python wrapper turns every search into a generator and a match object, which costs
# more than RE2's own search of a 500-byte message. The rule families search bytes (offsets need no
# conversion), so they call the compiled RE2 object underneath directly. It is the wrapper's own
# internal interface (``_regexp.Match`` returning one (start, end) per group, (-1, -1) for none);
# the tests exercise it on every rule, so a change in a later release fails loudly, not silently.
_UNANCHORED = re2._Anchor.UNANCHORED
_ANCHOR_START = re2._Anchor.ANCHOR_START


def search_span(compiled: re2._Regexp, data: bytes, pos: int = 0) -> tuple[int, int] | None:
    """The first match in ``data`` at or after ``pos``, as (start, end), or None."""
    span = compiled._regexp.Match(_UNANCHORED, data, pos, len(data))[0]
    return None if span[0] < 0 else (span[0], span[1])


def find_spans(compiled: re2._Regexp, data: bytes) -> Iterator[list[tuple[int, int]]]:
    """Each non-overlapping match in ``data``, left to right, as RE2 gives it: (start, end) for the
    whole match and then for each group, (-1, -1) for a group that took no part. The pattern must
    not match the empty string."""
    match, end, position = compiled._regexp.Match, len(data), 0
    while position < end:
        spans = match(_UNANCHORED, data, position, end)
        if spans[0][0] < 0:
            return
        yield spans
        position = max(spans[0][1], position + 1)


def match_span(compiled: re2._Regexp, data: bytes, pos: int) -> tuple[int, int] | None:
    """A match starting exactly at ``pos`` (the text before it still counts for ``\\b``), or None."""
    span = compiled._regexp.Match(_ANCHOR_START, data, pos, len(data))[0]
    return None if span[0] < 0 else (span[0], span[1])


def expand(pattern: str, fragments: Mapping[str, str]) -> str:
    """Turn the shorthand into RE2 syntax (fragments may use fragments)."""

    def replace(found: re.Match[str]) -> str:
        name = found.group(1)
        if name in _FILLERS:
            return _FILLERS[name]
        if name not in fragments:
            raise KeyError(f"unknown fragment <{name}> in {pattern!r}")
        return "(?:" + expand(fragments[name], fragments) + ")"

    return _MACRO.sub(replace, _spaces_to_gaps(pattern))


def _spaces_to_gaps(pattern: str) -> str:
    """Each space outside a character class becomes ``GAP``; a space inside ``[...]`` stays a space."""
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == " " and not in_class:
            out.append(GAP)
            continue
        out.append(char)
    return "".join(out)


@dataclass(frozen=True)
class Rule:
    """One phrase rule of a family. ``label`` names what it found; ``level`` is the family's own
    grading (e.g. "imminent" or "ideation"), which the family turns into an action and priority."""

    label: str
    pattern: str
    example: str  # a message this rule must catch (checked by the tests)
    level: str = ""
    audiences: frozenset[str] = frozenset({"adult", "youth"})
    veto: Veto | None = None  # says no to a match in context, e.g. "cut myself shaving"
    # What the rule needs around the match to apply at all ("not joking" needs a means or a death near
    # it). Unlike a veto, its absence judges nothing harmless: the phrase is not recorded as vetoed, so
    # the classifier still reads its sentence (learned.py).
    needs: Veto | None = None
    compiled: re2._Regexp = field(init=False, repr=False, compare=False)


@dataclass(frozen=True)
class Found:
    rule: Rule
    start: int
    end: int


# For one audience's gate: the rules searched on every text, and the rules each gate id stands for.
_Plan = tuple[gate.Gate, list[int], dict[int, list[int]]]


def install_gate(rule_sets: Iterable[RuleSet]) -> None:
    """Build the gate over these rule sets' rules (the families', at start-up). Any rule set whose
    rules are all in it searches through it; any other, with its RE2 passes."""
    rule_sets = list(rule_sets)
    gate.install(
        {
            audience: [source for rules in rule_sets for source in rules.sources(audience)]
            for audience in ("adult", "youth")
        }
    )


def _compiled_rule(source: str) -> re2._Regexp:
    """One rule's pattern, with its reverse program built now. RE2 finds where a match starts by
    running the pattern backwards from its end, and builds that reversed program on the pattern's
    first match in the process: that first search took 0.4-1.2 ms for the larger rules, paid by
    whichever message first matched the rule, and 0.03 ms on average (at most 0.17) with the program
    built here (50 ms for every rule, at start-up). B7's new-text p99 went from 1.23 ms to 0.96
    (medians of five runs; bench/LEDGER.md, "First use, paid at start-up")."""
    compiled = re2.compile(source.encode("ascii"), _OPTIONS)
    compiled.reverseprogramsize  # noqa: B018 (the property builds the program)
    return compiled


class RuleSet:
    """A family's rules, compiled once. Each audience's rules are searched through the gate where it
    is installed (``gate.py``), else as alternations of ``RULES_PER_PASS`` rules."""

    def __init__(self, rules: Sequence[Rule], fragments: Mapping[str, str], category: str = "") -> None:
        self.rules = tuple(rules)
        self.category = category  # what a vetoed match is recorded as (``find``'s ``vetoed``)
        self._plans: dict[str, _Plan] = {}
        sources: dict[Rule, str] = {}
        for rule in self.rules:
            source = r"\b(?:" + expand(rule.pattern, fragments) + r")\b"
            object.__setattr__(rule, "compiled", _compiled_rule(source))
            sources[rule] = source
        self._by_audience: dict[str, tuple[tuple[re2._Regexp, ...], re2.Set, tuple[Rule, ...]]] = {}
        for audience in ("adult", "youth"):
            applicable = tuple(rule for rule in self.rules if audience in rule.audiences)
            if applicable:
                alternations = tuple(
                    "|".join(f"(?:{sources[rule]})" for rule in applicable[i : i + RULES_PER_PASS])
                    for i in range(0, len(applicable), RULES_PER_PASS)
                )
                # Which rules match at a given place: one anchored pass for all of them. A candidate
                # is still confirmed by its own pattern in the full text (the set sees the text from
                # that place on, so "^" and look-behind context are not to be trusted there).
                which = re2.Set.MatchSet(_OPTIONS)
                for rule in applicable:
                    which.Add(sources[rule].encode("ascii"))
                which.Compile()
                self._by_audience[audience] = (
                    tuple(re2.compile(part.encode("ascii"), _OPTIONS) for part in alternations),
                    which,
                    applicable,
                )
        self._sources = {
            audience: [sources[rule] for rule in entry[2]] for audience, entry in self._by_audience.items()
        }

    def sources(self, audience: str) -> list[str]:
        """The RE2 source of each rule that applies in ``audience``, in order."""
        return self._sources.get(audience, [])

    def _gated(self, audience: str, data: bytes) -> list[int] | None:
        """The indices, in order, of the rules the gate says may match in ``data``, with the rules it
        cannot say for; None without a gate (or when its scan fails)."""
        current = gate.current(audience)
        if current is None:
            return None
        plan = self._plans.get(audience)
        if plan is None or plan[0] is not current:
            ungated: list[int] = []
            by_id: dict[int, list[int]] = {}
            for index, source in enumerate(self.sources(audience)):
                id_ = current.ids.get(source)
                if id_ is None:
                    ungated.append(index)
                else:
                    by_id.setdefault(id_, []).append(index)
            plan = self._plans[audience] = (current, ungated, by_id)
        _, ungated, by_id = plan
        matched = current.matches(data)
        if matched is None:
            return None
        return sorted(ungated + [index for id_ in matched for index in by_id.get(id_, ())])

    def find(
        self, text: str, data: bytes, audience: str, vetoed: dict[str, list[tuple[int, int]]] | None = None
    ) -> Iterator[Found]:
        """Every place a rule matches (one rule per place, earlier rules first), vetoes applied.

        When a veto says no ("don't want to live with them"), the phrase's span is added to
        ``vetoed`` under the family's category: the rules judged that phrase and found it harmless,
        so the classifier reads the message without it (learned.py). Only that phrase: a real
        disclosure elsewhere in the same message is still read."""
        entry = self._by_audience.get(audience)
        if entry is None:
            return
        passes, which, rules = entry
        gated = self._gated(audience, data)
        if gated is not None:
            # Only the rules the gate says may match, each searched with its own pattern: where one
            # matches, and how far, is what its own search found.
            candidates = [rules[index] for index in gated]
            searches = [rule.compiled for rule in candidates]

            def matching_at(start: int, ahead: list[tuple[int, int] | None]) -> Iterator[tuple[Rule, int]]:
                for n, hit in enumerate(ahead):
                    if hit is not None and hit[0] == start:
                        yield candidates[n], hit[1]

        else:
            searches = list(passes)

            def matching_at(start: int, ahead: list[tuple[int, int] | None]) -> Iterator[tuple[Rule, int]]:
                # The set says which rules match at a place (if it gives nothing, which it cannot
                # short of running out of memory, every rule is tried); each is confirmed in the
                # full text.
                for index in sorted(which.Match(data[start:]) or range(len(rules))):
                    span = match_span(rules[index].compiled, data, start)
                    if span is not None:
                        yield rules[index], span[1]

        # Each search's first match at or after ``position`` (kept while it is still ahead: a search
        # from a later position would find the same one), None when it has no more.
        ahead: list[tuple[int, int] | None] = [search_span(search, data) for search in searches]
        position = 0
        while position <= len(data):
            for n, hit in enumerate(ahead):
                if hit is not None and hit[0] < position:
                    ahead[n] = search_span(searches[n], data, position)
            starts = [hit[0] for hit in ahead if hit is not None]
            if not starts:
                return
            start = min(starts)
            accepted_end = None
            for rule, end in matching_at(start, ahead):
                if rule.needs is not None and not rule.needs(text, start, end):
                    continue
                if rule.veto is not None and rule.veto(text, start, end):
                    if vetoed is not None:
                        vetoed.setdefault(self.category, []).append((start, end))
                    continue
                accepted_end = end
                yield Found(rule, start, end)
                break
            # Skip past an accepted match; after a vetoed one, look again from the next character
            # so a rule that starts inside it is not lost.
            position = accepted_end if accepted_end is not None and accepted_end > start else start + 1


def followed_by(pattern: str, window: int = 40) -> Veto:
    """A veto: the words right after the match fit ``pattern`` (a Python regex, matched at once)."""
    compiled = re.compile(r"\s*(?:" + pattern + r")\b")

    def veto(text: str, start: int, end: int) -> bool:
        return compiled.match(text, end, end + window) is not None

    return veto


def preceded_by(pattern: str, window: int = 40) -> Veto:
    """A veto: the words right before the match fit ``pattern`` (a Python regex, at the end)."""
    compiled = re.compile(r"\b(?:" + pattern + r")\s*$")

    def veto(text: str, start: int, end: int) -> bool:
        return compiled.search(text, max(0, start - window), start) is not None

    return veto


# How far around a match a veto looks for the context that makes it harmless ("through the agency",
# "our mums are talking about it"): about a sentence each side. Not the whole message, so a look-alike
# in one sentence does not hide a real disclosure in another.
NEAR = 120


def near(compiled: re.Pattern[str], text: str, start: int, end: int, window: int = NEAR) -> bool:
    """``compiled`` (a Python regex) matches within ``window`` characters of the match."""
    return compiled.search(text, max(0, start - window), end + window) is not None


def either(*vetoes: Veto) -> Veto:
    def veto(text: str, start: int, end: int) -> bool:
        return any(v(text, start, end) for v in vetoes)

    return veto


def alternatives(*words: str) -> str:
    """A fragment from a list of phrases (each may itself use the shorthand)."""
    return "|".join(words)


def merge(category: str, found: Iterable[tuple[str, int, int, int, Action]]) -> list[Hit]:
    """One hit per label with all its spans, at the most urgent priority and strongest action seen."""
    by_label: dict[str, tuple[list[tuple[int, int]], int, Action]] = {}
    for label, start, end, priority, action in found:
        spans, best, strongest = by_label.get(label, ([], priority, action))
        spans.append((start, end))
        if ACTION_RANK[action] > ACTION_RANK[strongest]:
            strongest = action
        by_label[label] = (spans, min(best, priority), strongest)
    return [
        Hit(category, label, tuple(spans), priority, action)
        for label, (spans, priority, action) in by_label.items()
    ]
