"""The screening gate (moderation/screening/gate.py) changes how fast the phrase rules are searched,
never what they find: with it, each family searches only the rules one Hyperscan scan says may match;
without it (not installed, a failed scan), every rule through the RE2 passes. Also: the compiled
database is kept on disk and reused, and a bad or unwritable cache costs time, not safety."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from moderation.screening import AuthorFacts, Screener, ScreenInput, engine, gate, identity_more, patterns
from moderation.screening.normalise import rule_view
from moderation.screening.patterns import RuleSet
from moderation.screening.text import Normalised
from moderation.screening.text import normalise as fold
from moderation.screening.types import Audience, Doc

from .test_fast_paths import _corpus_texts

pytestmark = pytest.mark.skipif(gate.hyperscan is None, reason="hyperscan is in the locked install")


@pytest.fixture(scope="module")
def rule_sets() -> list[RuleSet]:
    """Every family's rule sets, with the gate installed as at start-up."""
    families = engine._shared_families()
    assert gate.current("adult") is not None and gate.current("youth") is not None
    return engine._rule_sets(families)


def _texts() -> list[str]:
    """Labelled messages, and the same packed into 500-character messages nobody wrote as such."""
    texts = _corpus_texts()
    packed, current = [], ""
    for text in texts[1::7]:
        current = f"{current} {text}".strip()
        if len(current) >= 500:
            packed.append(current[:500])
            current = ""
    return texts[::6] + packed


AUTHOR = AuthorFacts(user_id=5, account_age_days=30.0, verified=True, persona="young_person")


def _finds(rules: RuleSet, text: str, data: bytes, audience: Audience) -> tuple[object, ...]:
    # identity_more's vetoes read the author's capitals from the message being scanned.
    identity_more._LOCAL.doc = Doc(ScreenInput(text, audience, AUTHOR), Normalised(text, text, data, None))
    vetoed: dict[str, list[tuple[int, int]]] = {}
    places = [
        (f.rule.label, f.rule.pattern, f.start, f.end) for f in rules.find(text, data, audience, vetoed)
    ]
    return tuple(places), tuple(sorted(vetoed.items()))


def test_the_gate_finds_what_the_re2_passes_find(
    rule_sets: list[RuleSet], monkeypatch: pytest.MonkeyPatch
) -> None:
    views = []
    for text in _texts():
        folded = fold(text)
        views.append((folded.text, folded.data))
        view = rule_view(folded.text)
        if view is not None:
            views.append((view[0], view[0].encode("ascii")))
    gated, searched, ruled = [], 0, 0
    audiences: tuple[Audience, ...] = ("adult", "youth")
    for audience in audiences:
        for rules in rule_sets:
            for text, data in views:
                gated.append(_finds(rules, text, data, audience))
                candidates = rules._gated(audience, data)
                assert candidates is not None
                searched += len(candidates)
                ruled += len(rules.sources(audience))
    monkeypatch.setattr(gate, "_gates", {})
    passes = [
        _finds(rules, text, data, audience)
        for audience in audiences
        for rules in rule_sets
        for text, data in views
    ]
    assert gated == passes
    assert sum(1 for places, _ in gated if places) > 2000  # many finds compared, not only empty ones
    # What the gate is for: most rules are never searched in a given text.
    assert searched < 0.1 * ruled, (searched, ruled)


def test_screening_with_and_without_the_gate_gives_the_same_results(
    rule_sets: list[RuleSet], monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [
        ScreenInput(text, audience, AUTHOR) for text in _texts()[::10] for audience in ("adult", "youth")
    ]
    with_gate = [Screener(time_budget_ms=float("inf")).screen(item) for item in items]
    monkeypatch.setattr(gate, "_gates", {})
    without = [Screener(time_budget_ms=float("inf")).screen(item) for item in items]
    assert with_gate == without
    assert sum(result.verdict != "allow" for result in with_gate) > 300


def test_a_failed_scan_falls_back_to_the_re2_passes(
    rule_sets: list[RuleSet], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    self_harm = rule_sets[0]
    folded = fold("i have pills saved up and i am going to take them all tonight")
    expected = _finds(self_harm, folded.text, folded.data, "youth")
    assert expected[0]

    class Broken:
        def scan(self, *args: object, **kwargs: object) -> None:
            raise RuntimeError("scan failed")

    current = gate.current("youth")
    assert current is not None
    monkeypatch.setattr(current, "_database", Broken())
    monkeypatch.setattr(current, "_last", threading.local())
    with caplog.at_level(logging.ERROR, logger=gate.__name__):
        assert _finds(self_harm, folded.text, folded.data, "youth") == expected
    assert "scan failed" in caplog.text


def test_the_gate_is_safe_to_scan_from_many_threads(rule_sets: list[RuleSet]) -> None:
    current = gate.current("adult")
    assert current is not None
    datas = [fold(text).data for text in _texts()[:400]]
    expected = [current.matches(data) for data in datas]
    assert sum(1 for found in expected if found) > 50
    results: dict[int, list[frozenset[int] | None]] = {}

    def scan(n: int) -> None:
        results[n] = [current.matches(data) for data in datas[n:] + datas[:n]]

    threads = [threading.Thread(target=scan, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n, found in results.items():
        assert found == expected[n:] + expected[:n]


# The cache, on a small rule set of its own (a whole family's database takes seconds to compile).
SOURCES = [r"\b(?:kill myself)\b", r"\b(?:end it all)\b", r"\b(?:not be here (?:next|by) (?:week|friday))\b"]


def test_the_compiled_gate_is_kept_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gate, "CACHE", tmp_path / "gate")
    first = gate.Gate(gate._database(SOURCES, "test"), SOURCES)
    assert len(list((tmp_path / "gate").glob("*.hsdb"))) == 1

    def no_compile(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again although the cache has it")

    monkeypatch.setattr(gate.hyperscan, "Database", no_compile)
    second = gate.Gate(gate._database(SOURCES, "test"), SOURCES)
    text = b"i just want to end it all, i will not be here by friday"
    assert first.matches(text) == second.matches(text) == frozenset({1, 2})
    # Other rules are another database, not this one.
    with pytest.raises(AssertionError):
        gate._database([*SOURCES, r"\b(?:goodbye)\b"], "test")


def test_new_rules_replace_their_earlier_database_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gate, "CACHE", tmp_path)
    gate._database(SOURCES, "youth")
    gate._database(SOURCES, "adult")
    gate._database(SOURCES[:2], "youth")
    kept = sorted(path.name.split("-")[0] for path in tmp_path.glob("*.hsdb"))
    assert kept == ["adult", "youth"]


def test_a_damaged_cache_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gate, "CACHE", tmp_path)
    gate._database(SOURCES, "test")
    (cached,) = tmp_path.glob("*.hsdb")
    cached.write_bytes(b"not a database")
    rebuilt = gate.Gate(gate._database(SOURCES, "test"), SOURCES)
    assert rebuilt.matches(b"i want to kill myself") == frozenset({0})
    assert cached.read_bytes() != b"not a database"


def test_an_unwritable_cache_compiles_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setattr(gate, "CACHE", blocked / "gate")
    compiled = gate.Gate(gate._database(SOURCES, "test"), SOURCES)
    assert compiled.matches(b"i want to kill myself") == frozenset({0})


def test_a_failed_cache_write_still_gives_the_compiled_gate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gate, "CACHE", tmp_path)

    def disk_full(database: object) -> bytes:
        raise OSError("no space left on device")

    monkeypatch.setattr(gate.hyperscan, "dumpb", disk_full)
    compiled = gate.Gate(gate._database(SOURCES, "test"), SOURCES)
    assert compiled.matches(b"i want to kill myself") == frozenset({0})
    assert not list(tmp_path.glob("*.hsdb")) and not list(tmp_path.glob("*.tmp"))


def test_without_hyperscan_every_rule_is_searched_with_re2(
    rule_sets: list[RuleSet], monkeypatch: pytest.MonkeyPatch
) -> None:
    folded = fold("i have pills saved up and i am going to take them all tonight")
    expected = _finds(rule_sets[0], folded.text, folded.data, "adult")
    monkeypatch.setattr(gate, "_gates", {})
    monkeypatch.setattr(gate, "hyperscan", None)
    patterns.install_gate(rule_sets)
    assert gate.current("adult") is None
    assert _finds(rule_sets[0], folded.text, folded.data, "adult") == expected
    assert expected[0]


def test_an_audience_whose_gate_fails_to_build_searches_with_re2(
    rule_sets: list[RuleSet], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    folded = fold("i have pills saved up and i am going to take them all tonight")
    expected = _finds(rule_sets[0], folded.text, folded.data, "youth")
    built = gate._database

    def youth_fails(sources: list[str], name: str) -> object:
        if name == "youth":
            raise RuntimeError("compile failed")
        return built(sources, name)

    monkeypatch.setattr(gate, "_gates", {})
    monkeypatch.setattr(gate, "_database", youth_fails)
    with caplog.at_level(logging.ERROR, logger=gate.__name__):
        patterns.install_gate(rule_sets)
    assert gate.current("adult") is not None and gate.current("youth") is None
    assert "compile failed" in caplog.text
    assert _finds(rule_sets[0], folded.text, folded.data, "youth") == expected


def test_rules_hyperscan_cannot_take_are_searched_on_every_text() -> None:
    # A start anchor inside a group ("(?:i ... |^)hit") and the longest rules are left out of the
    # database; leaving them out is what the equivalence test above relies on for them.
    assert not gate.gated(r"\b(?:(?:i gave|^)hit)\b")
    assert not gate.gated("a" * (gate.UNGATED_LENGTH + 1))
    assert gate.gated(r"\b(?:[^a-z]kill)\b")
