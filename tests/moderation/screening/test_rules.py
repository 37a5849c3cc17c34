"""Every phrase rule catches the example it documents, and the text folding keeps offsets right."""

from __future__ import annotations

import pytest

from moderation.screening.abuse import THREAT_FRAGMENTS, THREAT_RULES
from moderation.screening.birth_family import BIRTH_FAMILY_FRAGMENTS, BIRTH_FAMILY_RULES
from moderation.screening.grooming import GROOMING_FRAGMENTS, GROOMING_RULES
from moderation.screening.identity import IdentityExposure
from moderation.screening.patterns import Rule, RuleSet, expand
from moderation.screening.risk import (
    ABUSE_FRAGMENTS,
    ABUSE_INDIRECT_RULES,
    ABUSE_RULES,
    CPV_FRAGMENTS,
    CPV_INDIRECT_RULES,
    CPV_RULES,
    SELF_HARM_FRAGMENTS,
    SELF_HARM_INDIRECT_RULES,
    SELF_HARM_RULES,
    SELF_HARM_SIGN_MORE_RULES,
    SELF_HARM_SIGN_RULES,
)
from moderation.screening.tables.birth_family_indirect import (
    BIRTH_FAMILY_INDIRECT_FRAGMENTS,
    BIRTH_FAMILY_INDIRECT_RULES,
)
from moderation.screening.tables.harassment_indirect import HARASSMENT_INDIRECT_RULES
from moderation.screening.text import normalise

FAMILIES = [
    (SELF_HARM_RULES, SELF_HARM_FRAGMENTS),
    (SELF_HARM_INDIRECT_RULES, SELF_HARM_FRAGMENTS),
    (SELF_HARM_SIGN_RULES, SELF_HARM_FRAGMENTS),
    (SELF_HARM_SIGN_MORE_RULES, SELF_HARM_FRAGMENTS),
    (ABUSE_RULES, ABUSE_FRAGMENTS),
    (ABUSE_INDIRECT_RULES, ABUSE_FRAGMENTS),
    (CPV_RULES, CPV_FRAGMENTS),
    (CPV_INDIRECT_RULES, CPV_FRAGMENTS),
    (GROOMING_RULES, GROOMING_FRAGMENTS),
    (BIRTH_FAMILY_RULES, BIRTH_FAMILY_FRAGMENTS),
    (BIRTH_FAMILY_INDIRECT_RULES, {**BIRTH_FAMILY_FRAGMENTS, **BIRTH_FAMILY_INDIRECT_FRAGMENTS}),
    (THREAT_RULES, THREAT_FRAGMENTS),
    (HARASSMENT_INDIRECT_RULES, THREAT_FRAGMENTS),
    (IdentityExposure().rules.rules, None),
]


def _cases() -> list[tuple[RuleSet, Rule, str]]:
    cases = []
    identity = IdentityExposure().rules
    for rules, fragments in FAMILIES:
        ruleset = identity if fragments is None else RuleSet(rules, fragments)
        for rule in ruleset.rules:
            for audience in sorted(rule.audiences):
                cases.append((ruleset, rule, audience))
    return cases


@pytest.mark.parametrize(
    ("ruleset", "rule", "audience"), _cases(), ids=lambda v: v.label if isinstance(v, Rule) else None
)
def test_each_rule_catches_its_example(ruleset: RuleSet, rule: Rule, audience: str) -> None:
    norm = normalise(rule.example)
    labels = {f.rule.label for f in ruleset.find(norm.text, norm.data, audience)}
    assert rule.label in labels, rule.example


def test_shorthand() -> None:
    assert expand("a b", {}) == r"a(?:[\s,\"*~_-]+)b"
    assert expand("[a b]", {}) == "[a b]"  # a space in a character class stays a space
    assert expand("x<F1>", {}) == r"x(?:(?:[\s,\"*~_-]+)[a-z0-9']+){0,1}"
    assert expand("<A>", {"A": "b|<B>", "B": "c"}) == "(?:b|(?:c))"
    with pytest.raises(KeyError):
        expand("<MISSING>", {})


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Plain ASCII", "plain ascii"),
        ("don\u2019t", "don't"),
        ("caf\u00e9", "cafe"),
        ("\uff4b\uff49\uff4c\uff4c", "kill"),  # full-width letters
        ("k\u0456ll", "kill"),  # Cyrillic i
        ("su\u200bicide", "suicide"),  # zero-width space dropped
        ("\U0001f600 hi", "  hi"),  # an emoji (a surrogate pair in UTF-16, one character here) separates
        ("\u00a320", "$20"),
        ("\u0141ukasz", "xukasz"),  # a letter with no ASCII form stays a letter
    ],
)
def test_normalise(text: str, folded: str) -> None:
    norm = normalise(text)
    assert norm.text.strip() == folded.strip()
    assert norm.data == norm.text.encode("ascii")


def test_normalised_spans_map_back_to_the_original() -> None:
    text = "\U0001f600 su\u200bicide \u2014 caf\u00e9"
    norm = normalise(text)
    start = norm.text.index("suicide")
    a, b = norm.span(start, start + len("suicide"))
    assert text[a:b] == "su\u200bicide"
    start = norm.text.index("cafe")
    a, b = norm.span(start, start + 4)
    assert text[a:b] == "caf\u00e9"
