"""In-process A/B timings of screening's shortcuts (bench/LEDGER.md, B7): each against the plain way
it replaces, on B7's 500-character messages, in the same process, alternating, medians.

    PYTHONPATH=. .venv/bin/python -m bench.screening_ab [--quick]

Times are on the thread's CPU clock (a shared machine's waits for a core are left out).
tests/moderation/screening/test_fast_paths.py checks that each shortcut gives exactly what the
plain way gives.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from bench.scenarios.b7_screening import _messages


def _per_item_us(fn: Callable[[Any], Any], items: Sequence[Any]) -> float:
    started = time.thread_time()
    for item in items:
        fn(item)
    return (time.thread_time() - started) / len(items) * 1e6


def ab(
    name: str,
    shortcut: Callable[[Any], Any],
    general: Callable[[Any], Any],
    batches: Sequence[Sequence[Any]],
) -> dict[str, Any]:
    a: list[float] = []
    b: list[float] = []
    for n, batch in enumerate(batches):  # alternate which goes first
        pair = ((shortcut, a), (general, b)) if n % 2 else ((general, b), (shortcut, a))
        for fn, out in pair:
            out.append(_per_item_us(fn, batch))
    fast, slow = statistics.median(a), statistics.median(b)
    print(f"{name:<44} shortcut {fast:8.1f} us   plain {slow:8.1f} us   plain/shortcut {slow / fast:5.2f}x")
    return {"shortcut": name, "shortcut_us": round(fast, 1), "plain_us": round(slow, 1)}


def main(quick: bool = False) -> list[dict[str, Any]]:
    from moderation.screening import Screener, classifier, normalise
    from moderation.screening.text import normalise as fold

    rounds, size = (3, 500) if quick else (7, 1000)
    messages = _messages(size * (rounds + 2), seed=11)
    Screener().warm()
    gc.collect()
    gc.freeze()
    texts = [text for text, _ in messages]
    folded = [fold(text).text for text in texts]
    batches = [folded[i * size : (i + 1) * size] for i in range(rounds)]
    rows = [
        ab(
            "de-obfuscation searches (RE2)",
            lambda t: (normalise._obfuscations(t), normalise._needs_rewrite(t)),
            lambda t: (
                normalise._OBFUSCATED.search(t),
                normalise._OBFUSCATED.search(t) or normalise._LOOKALIKE_NUMBER.search(t),
            ),
            batches,
        )
    ]
    profanity = classifier.load()
    raw = [texts[i * size : (i + 1) * size] for i in range(rounds)]
    rows.append(ab("profanity probability", profanity.probability, profanity.probability_numpy, raw))
    rows += _re2_rows(raw, batches)
    rows.append(_pairs_row(batches))
    rows.append(
        ab(
            "model words without a join and a split",
            lambda t: normalise.model_words(t, folded=True),
            lambda t: normalise.model_text(t, folded=True).split(),
            batches,
        )
    )
    rows.append(_veto_rescore_row(messages[: size * rounds], rounds))
    return rows


def _re2_rows(raw: Sequence[Sequence[str]], folded: Sequence[Sequence[str]]) -> list[dict[str, Any]]:
    """RE2 called directly on bytes (``patterns.find_spans``) against the wrapper's ``finditer``: B7's
    two watched patterns on the author's text (ASCII messages), and its three protected names."""
    from bench.scenarios.b7_screening import _items
    from moderation.screening.identity import _protected_pattern
    from moderation.screening.patterns import find_spans
    from moderation.screening.watched import Watched

    item = _items([("x", "adult")])[0]
    watched = Watched()
    patterns = [watched.compiled(r) for r in item.watched_rules if r.kind == "pattern"]
    terms = [_protected_pattern(term) for term in item.protected_terms]

    def direct(compiled: Sequence[Any], text: str) -> list[tuple[tuple[int, int], ...]]:
        data = text.encode("ascii")
        return [tuple(f[0] for f in find_spans(c, data) if f[0][1] > f[0][0]) for c in compiled]

    def wrapper(compiled: Sequence[Any], text: str) -> list[tuple[tuple[int, int], ...]]:
        return [tuple(m.span() for m in c.finditer(text) if m.end() > m.start()) for c in compiled]

    ascii_raw = [[t for t in batch if t.isascii()] for batch in raw]
    return [
        ab(
            "watched patterns: RE2 on the ASCII bytes",
            lambda t: direct(patterns, t),
            lambda t: wrapper(patterns, t),
            ascii_raw,
        ),
        ab(
            "protected names: RE2 called directly",
            lambda t: direct(terms, t),
            lambda t: wrapper(terms, t.encode("ascii")),
            folded,
        ),
    ]


def _pairs_row(folded: Sequence[Sequence[str]]) -> dict[str, Any]:
    """The model's word pairs looked up as tuples (``ScreeningModel._pairs``, adults' table) against
    joining each pair into the string feature first."""
    import itertools

    from moderation.screening.model import load
    from moderation.screening.normalise import model_text

    model = load()
    words = [[model_text(t, folded=True).split() for t in batch] for batch in folded]

    def tuples(w: list[str]) -> list[int]:
        return [i for i in map(model._pairs["adult"].get, set(itertools.pairwise(w))) if i is not None]

    def joined(w: list[str]) -> list[int]:
        return [i for i in map(model._index.get, set(map(" ".join, itertools.pairwise(w)))) if i is not None]

    return ab("model word pairs looked up as tuples", tuples, joined, words)


def _veto_rescore_row(messages: Sequence[tuple[str, str]], rounds: int) -> dict[str, Any]:
    """The classifier's reading of messages with a vetoed phrase: rescored without the phrase's
    sentence only when the whole message reaches half the group's lowest bar (``learned._read``),
    against rescoring every such message."""
    from bench.scenarios.b7_screening import _items
    from moderation.screening import learned
    from moderation.screening.engine import _shared_families
    from moderation.screening.model import GROUPS, load
    from moderation.screening.text import normalise as fold
    from moderation.screening.types import Doc

    model = load()
    docs = []
    for item in _items(list(messages)):
        doc = Doc(item, fold(item.text))
        for family in _shared_families():
            family.scan(doc)
        if doc.vetoed:
            whole = model.scores(doc.norm.text, doc.audience, folded=True)
            docs.append((doc, whole, len(doc.norm.text.split())))

    def gated(entry: Any) -> None:
        doc, whole, words = entry
        for group in GROUPS:
            learned._read(model, doc, group, whole, words)

    def always(entry: Any) -> None:
        doc = entry[0]
        for labels in GROUPS.values():
            spans = [span for label in labels for span in doc.vetoed.get(label, ())]
            if spans:
                text = learned._blanked(doc.norm.text, spans)
                model._texts.pop((doc.audience, text), None)  # scored afresh, as each B7 message is new
                model.scores(text, doc.audience, folded=True)

    size = max(1, len(docs) // rounds)
    print(f"({len(docs)} of {len(messages)} messages have a vetoed phrase)")
    return ab(
        "vetoed phrase: rescored only over half the bar",
        gated,
        always,
        [docs[i * size : (i + 1) * size] for i in range(rounds)],
    )


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
