"""The fast paths of screening (QUALITY.md B7) give exactly what their plain definitions give.

Screening runs some searches through RE2 and some arithmetic without per-call library overhead, for
speed; the plain Python definitions stay in the code as the reference. These tests hold the two
together on every labelled and written message (never the blind set) and on generated text full of
the characters the tricks use, so a change to a pattern or a table that is not made to both fails
here rather than changing verdicts unnoticed.
"""

from __future__ import annotations

import json
import random
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from moderation.screening import classifier, normalise
from moderation.screening import model as model_module
from moderation.screening.model import ScreeningModel, features, load_artefact
from moderation.screening.text import normalise as fold

HERE = Path(__file__).parent
CORPORA = sorted(HERE.glob("corpus*.jsonl")) + sorted((HERE / "written").glob("*.jsonl"))


def _corpus_texts() -> list[str]:
    texts = []
    for path in CORPORA:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


@pytest.fixture(scope="module")
def folded_texts() -> list[str]:
    """Every corpus message folded as the rules read it, and generated strings of letters, digits,
    look-alike symbols and separators (leetspeak, stretched and spelled-out words)."""
    rng = random.Random(12)
    alphabet = "abdeiklostu0134578@$!|+ ._-*',?\n"
    generated = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40))) for _ in range(20_000)]
    return [fold(text).text for text in _corpus_texts()] + generated


def test_corpora_are_there() -> None:
    assert len(CORPORA) >= 4 and len(_corpus_texts()) > 3000


def test_obfuscation_search_agrees_with_its_definition(folded_texts: list[str]) -> None:
    for text in folded_texts:
        expected = [(*m.span(), bool(m.group(1))) for m in normalise._OBFUSCATED.finditer(text)]
        assert normalise._obfuscations(text) == expected, text


def test_rewrite_check_agrees_with_its_definition(folded_texts: list[str]) -> None:
    seen = set()
    for text in folded_texts:
        expected = bool(normalise._OBFUSCATED.search(text) or normalise._LOOKALIKE_NUMBER.search(text))
        assert normalise._needs_rewrite(text) == expected, text
        seen.add(expected)
    assert seen == {True, False}


def test_unfolded_text_takes_the_definition() -> None:
    # Text that is not ASCII has not been folded: the Python definition reads it.
    assert normalise._obfuscations("d1e caf\u00e9") == [(0, 3, False)]
    assert normalise._needs_rewrite("caf\u00e9 h8")


def _model_text_definition(text: str) -> str:
    """``normalise.model_text`` for folded text, with Python's re throughout (as it was first written)."""
    if normalise._OBFUSCATED.search(text) or normalise._LOOKALIKE_NUMBER.search(text):
        text = normalise._LEET_WORD.sub(normalise._unleet, text)
        text = normalise._STRETCH.sub(r"\1\1", text)
        text = normalise._SPELLED.sub(normalise._join, text)
    words, phrases = normalise._slang()
    out = " ".join(words.get(token, token) for token in normalise._TOKEN.findall(text.replace("'", "")))
    padded = f" {out} "
    for phrase, meaning in phrases:
        padded = padded.replace(phrase, meaning)
    return padded.strip()


def test_model_text_agrees_with_its_definition(folded_texts: list[str]) -> None:
    for text in folded_texts:
        assert normalise.model_text(text, folded=True) == _model_text_definition(text), text


def test_model_words_are_the_model_texts_words(folded_texts: list[str]) -> None:
    # scores() reads model_words: the tokens as they are when none of them is slang or starts a
    # slang phrase, otherwise model_text split. Slang words and phrases at the start, the end, side
    # by side and inside other words are added to the corpus and the generated text.
    words, phrases = normalise._slang()
    slang = [*words, *(phrase.strip() for phrase, _ in phrases)]
    rng = random.Random(5)
    mixed = [
        " ".join(
            rng.choice([*slang, "ok", "i", "sewer", "slide", "kmsx", "d1e"])
            for _ in range(rng.randrange(0, 8))
        )
        for _ in range(3000)
    ]
    seen = set()
    for text in [
        *folded_texts,
        *mixed,
        "",
        " ",
        "sewer slide",
        "the sewer slide",
        "sewer sewer slide",
        "mum cant",
        "mum",
    ]:
        expected = normalise.model_text(text, folded=True).split()
        assert normalise.model_words(text, folded=True) == expected, text
        seen.add(normalise._slang_starts().isdisjoint(normalise._model_tokens(text, True)))
    assert seen == {True, False}
    for text in ["Caf\u00e9 kms d1e", "I\u2019m sooooo d\u200bone", "SEWER  Slide!"]:
        assert normalise.model_words(text) == normalise.model_text(text).split(), text


def test_model_text_folds_first() -> None:
    for text in [*_corpus_texts()[:500], "Caf\u00e9 d1e, s u i c i d e!", "I\u2019m sooooo d\u200bone"]:
        assert normalise.model_text(text) == _model_text_definition(fold(text).text), text


def test_profanity_probability_agrees_with_the_numpy_arithmetic() -> None:
    # test_classifier.py holds both to the library's own predict_prob on the corpus.
    model = classifier.load()
    texts = [*_corpus_texts(), "", "__ a_b 12 x", "K\u212aill caf\u00e9 ok_ok", "you're an idiot!!"]
    for text in texts:
        assert model._tokens(text) == model._token.findall(text.lower()), text
        assert model.probability(text) == pytest.approx(model.probability_numpy(text), abs=1e-12), text


def _with_unknown_words(texts: list[str]) -> list[str]:
    """Each text with three words of its own that the model has no feature for (the words it has a
    feature for are in its table for good, so only words like these fill and empty the table)."""

    def word(n: int) -> str:
        return "qz" + "".join(chr(ord("a") + n // 26**k % 26) for k in range(4))

    return [f"{text} {word(3 * i)} {word(3 * i + 1)} {word(3 * i + 2)}" for i, text in enumerate(texts)]


def test_the_words_the_model_knows_are_in_its_table_from_the_start() -> None:
    model = load_artefact()
    known = "we had a lovely day at the park but my son was tired"
    assert all(word in model._index for word in known.split())
    for audience in ("adult", "youth"):
        model.scores(known, audience)
    assert model._used == model._known_count  # none of them needed a slot of its own
    model.scores(_with_unknown_words([known])[0], "adult")
    assert model._used == model._known_count + 3


def _training_arithmetic(model: ScreeningModel, texts: list[str], audience: str) -> np.ndarray:
    """What train.py fits: the features' counts scaled by 1/sqrt(their total), times the weights."""
    from moderation.screening.train import _matrix

    sets = [features(text, audience) for text in texts]
    z = _matrix(sets, model._index) @ model._weights + model._bias
    return np.asarray(1 / (1 + np.exp(-z)))


def test_model_scores_are_the_training_arithmetic_on_every_message() -> None:
    model = load_artefact()  # its own caches, empty
    texts = [*_corpus_texts(), "", "ok", "kms kms kms", "s u i c i d e!!"]
    for audience in ("adult", "youth"):
        expected = _training_arithmetic(model, texts, audience)
        for text, row in zip(texts, expected, strict=True):
            for folded in (False, True):
                scores = model.scores(fold(text).text if folded else text, audience, folded=folded)
                got = [*scores.groups.values(), *scores.labels.values()]
                assert got == pytest.approx(list(row), abs=1e-9), (audience, text)
            model._texts.clear()


def test_model_word_table_refills_whole_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    # A table of 40 words overflows every few messages; each message still scores right, as the
    # table is emptied before a message's words are given slots, never in the middle.
    monkeypatch.setattr(model_module, "_CACHE_LIMIT", 40)
    model = load_artefact()
    texts = _with_unknown_words([text for text in _corpus_texts()[:300] if len(set(text.split())) < 30])
    # Both audiences in turn share the one table.
    expected = {a: _training_arithmetic(model, texts, a) for a in ("adult", "youth")}
    for i, text in enumerate(texts):
        for audience in ("adult", "youth"):
            scores = model.scores(text, audience)
            got = [*scores.groups.values(), *scores.labels.values()]
            assert got == pytest.approx(list(expected[audience][i]), abs=1e-9), (audience, text)
    assert model._used - model._known_count <= 40


def test_watched_term_spans_are_finditers(folded_texts: list[str]) -> None:
    from moderation.screening.patterns import find_spans
    from moderation.screening.types import WatchedRule
    from moderation.screening.watched import _compile

    for n, term in enumerate(["spice", "county lines", "kill", "i", "c++", "!!", "s u"]):
        compiled = _compile(
            WatchedRule(id=n, kind="term", value=term, action="hold", priority=2, audience="all")
        )
        assert compiled is not None
        for text in folded_texts[::3]:
            data = text.encode("ascii")
            expected = tuple(found.span() for found in compiled.finditer(data))
            assert tuple(spans[0] for spans in find_spans(compiled, data)) == expected, (term, text)


def test_watched_pattern_spans_on_ascii_bytes_are_the_wrappers() -> None:
    # Watched.scan runs a moderator's pattern on the encoded text when it is ASCII: the same spans
    # (matches of nothing left out) as the wrapper's finditer over the str, whatever the pattern.
    from moderation.screening import AuthorFacts, ScreenInput
    from moderation.screening.text import normalise as fold_doc
    from moderation.screening.types import Doc, WatchedRule
    from moderation.screening.watched import Watched

    # Moderators' patterns, and two that match nothing at word edges ("\b": what entry allows).
    values = [
        r"(?i)\bk[i1!]ll\s+list\b",
        r"(?i)\b(?:cash|money)\s*app\b",
        r"\b",
        r"(?:\bx)?\b",
        r"\w+",
        r"(?i)[A-Z]{3}\d*",
    ]
    rules = tuple(
        WatchedRule(id=n, kind="pattern", value=v, action="hold", priority=2, audience="all")
        for n, v in enumerate(values)
    )
    watched = Watched()
    author = AuthorFacts(user_id=1, account_age_days=9, verified=True, persona="adopter")
    texts = [t for t in _corpus_texts()[::7] if t.isascii()] + ["money app", "Cash  App!! kill list", ""]
    for text in texts:
        doc = Doc(ScreenInput(text, "adult", author, watched_rules=rules), fold_doc(text))
        found = {hit.label: hit.spans for hit in watched.scan(doc)}
        for rule in rules:
            compiled = watched.compiled(rule)
            assert compiled is not None
            expected = tuple(m.span() for m in compiled.finditer(text) if m.end() > m.start())
            assert found.get(f"pattern:{rule.id}", ()) == expected, (rule.value, text)


def test_model_word_table_is_shared_safely_between_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    # A table of 40 words, emptied and refilled every few messages by four threads switching as often
    # as the interpreter allows: a message's sum must never take rows another thread has just given
    # to other words (each thread's scores equal the training arithmetic).
    monkeypatch.setattr(model_module, "_CACHE_LIMIT", 40)
    model = load_artefact()
    texts = _with_unknown_words([text for text in _corpus_texts()[:400] if 3 < len(set(text.split())) < 30])
    expected = dict(zip(texts, _training_arithmetic(model, texts, "youth"), strict=True))
    wrong: list[str] = []

    def score(share: list[str]) -> None:
        for _ in range(3):
            for text in share:
                model._texts.pop(("youth", text), None)
                scores = model.scores(text, "youth")
                got = [*scores.groups.values(), *scores.labels.values()]
                if got != pytest.approx(list(expected[text]), abs=1e-9):
                    wrong.append(text)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=score, args=(texts[i::4],)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert wrong == []


def test_model_pair_tables_are_the_pair_features() -> None:
    # scores() looks word pairs up as tuples, one table per audience: each must hold every pair
    # feature, shared ("a b") or as said in its audience ("youth|a b"), and nothing else (a word or a
    # 4-gram, whose spaces are only at an end), with the sum of those features' weights as its row.
    model = load_artefact()

    def pair_rows(prefix: str) -> dict[tuple[str, ...], int]:
        out = {}
        for feature, i in model._index.items():
            audience, _, words = feature.rpartition("|")
            if audience == prefix and len(words.split()) == 2 and words == " ".join(words.split()):
                out[tuple(words.split())] = i
        return out

    shared = pair_rows("")
    assert shared
    for audience in ("adult", "youth"):
        own = pair_rows(audience)
        assert own
        table = model._pairs[audience]
        assert set(table) == set(shared) | set(own)
        for pair, n in table.items():
            rows = [r for r in (shared.get(pair), own.get(pair)) if r is not None]
            expected = model._weights[rows].sum(axis=0)
            assert model._pair_weights[audience][n] == pytest.approx(expected, abs=1e-12), pair


def test_rules_searched_in_passes_find_what_one_alternation_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    # patterns.RULES_PER_PASS splits a family's rules into several alternations, for speed on new text;
    # what they find (the rule, the place, the phrases vetoed) must be what one alternation of all the
    # rules finds. The self-harm family has the most rules (five passes in young people's spaces).
    from moderation.screening import gate, patterns
    from moderation.screening.risk import SelfHarm

    monkeypatch.setattr(gate, "_gates", {})  # the passes themselves, not the gate (test_gate.py)
    in_passes = SelfHarm().rules
    monkeypatch.setattr(patterns, "RULES_PER_PASS", 10_000)
    in_one = SelfHarm().rules
    assert len(in_passes._by_audience["youth"][0]) > 1 and len(in_one._by_audience["youth"][0]) == 1
    found = 0
    for text in _corpus_texts()[::8]:
        folded = fold(text)
        for audience in ("adult", "youth"):
            finds = []
            for rules in (in_passes, in_one):
                vetoed: dict[str, list[tuple[int, int]]] = {}
                places = [
                    (f.rule, f.start, f.end) for f in rules.find(folded.text, folded.data, audience, vetoed)
                ]
                finds.append((places, vetoed))
            assert finds[0] == finds[1], (text, audience)
            found += len(finds[0][0])
    assert found > 500  # the comparison saw many finds, not only messages without any
