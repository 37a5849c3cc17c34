"""The pure matcher: hard constraints, fit, explanations, suggestions and cohort optimality."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import pytest

from backend.accounts import personas as p
from backend.mentoring import assignment
from backend.mentoring import matching as m
from backend.mentoring.schemes import scheme

BUDDYING, MENTORING = scheme("buddying"), scheme("mentoring")
BORN = 730_000  # an ordinal date of birth


def mentor(user_id: int, persona: str = p.ADOPTER, **kw: object) -> m.Mentor:
    base = dict(
        user_id=user_id,
        persona=persona,
        youth=persona == p.YOUNG_PERSON,
        born=BORN,
        opted_in=True,
        places=2,
        offers=True,
        vetted=True,
        paused=False,
        features=frozenset({"route:adoption", "region:London"}),
    )
    return m.Mentor(**{**base, **kw})  # type: ignore[arg-type]


def seeker(user_id: int = 999, persona: str = p.PROSPECTIVE_ADOPTER, **kw: object) -> m.Seeker:
    base = dict(
        user_id=user_id,
        persona=persona,
        youth=persona == p.YOUNG_PERSON,
        born=BORN,
        opted_in=True,
        features=frozenset({"route:adoption", "region:London"}),
    )
    return m.Seeker(**{**base, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("who", "change", "reason"),
    [
        (seeker(), {"user_id": 999}, "self"),
        (seeker(persona=p.YOUNG_PERSON), {}, "audience"),  # an adult mentor, a young seeker
        (seeker(), {"persona": p.YOUNG_PERSON, "youth": True}, "audience"),  # a young buddy, an adult seeker
        (
            seeker(persona=p.YOUNG_PERSON),
            {"persona": p.YOUNG_PERSON, "youth": True, "born": BORN + 732},
            "age_gap",
        ),
        (
            seeker(persona=p.YOUNG_PERSON),
            {"persona": p.YOUNG_PERSON, "youth": True, "opted_in": False},
            "not_opted_in",
        ),
        (
            seeker(persona=p.YOUNG_PERSON, opted_in=False),
            {"persona": p.YOUNG_PERSON, "youth": True},
            "not_opted_in",
        ),
        (seeker(persona=p.SPECIAL_GUARDIAN), {}, "pair"),  # an adopter does not buddy a guardian
        (seeker(), {"offers": False}, "not_offered"),
        (seeker(), {"vetted": False}, "vetting"),
        (seeker(), {"paused": True}, "paused"),
        (seeker(), {"places": 0}, "capacity"),
        (seeker(excluded=frozenset({1})), {}, "excluded"),
    ],
)
def test_each_hard_constraint_excludes_and_the_vectorised_mask_agrees(
    who: m.Seeker, change: dict, reason: str
) -> None:
    one = replace(mentor(1), **change)
    assert reason in m.exclusions(who, one, BUDDYING)
    pool = m.Pool([one, mentor(2, features=one.features)], BUDDYING)
    assert not pool.mask(who)[0]
    assert m.suggest(pool, who) == [] or all(i != 0 for i, _s in m.suggest(pool, who))


def test_two_young_people_within_two_years_both_opted_in_may_be_buddies() -> None:
    young = seeker(persona=p.YOUNG_PERSON)
    buddy = mentor(1, p.YOUNG_PERSON, born=BORN - m.YOUTH_AGE_GAP_DAYS)
    assert m.exclusions(young, buddy, BUDDYING) == []
    assert m.suggest(m.Pool([buddy], BUDDYING), young) == [(0, 8)]
    assert m.exclusions(young, buddy, MENTORING) == ["pair"]  # young people never mentor


def test_explanations_name_exactly_the_shared_attributes() -> None:
    who = seeker(
        features=m.features_of(
            {
                "legal_routes": ["special_guardianship"],
                "needs": ["fasd", "sibling_group"],
                "family_structure": ["single"],
                "region": "North East",
                "languages": ["pl"],
            }
        ),
        experience=frozenset({"need:school_exclusion"}),
    )
    other = m.features_of(
        {
            "legal_routes": ["special_guardianship", "kinship"],
            "needs": ["sibling_group", "school_exclusion", "disability"],
            "family_structure": ["couple"],
            "region": "North East",
            "languages": ["en"],
        }
    )
    assert m.explain(who, other) == [
        "you share: special guardianship, sibling group",
        "lives in your region",
        "has the experience you asked for: school exclusion",
    ]
    assert m.score_one(who.weights(), other) == 6 + 4 + 2 + 8


def test_culture_counts_only_when_asked_and_never_alone() -> None:
    culture = frozenset({"culture:polish"})
    both = culture | {"region:London"}
    plain = seeker(features=both)
    asking = seeker(features=both, preferences=frozenset({"shared_culture"}))
    assert m.score_one(plain.weights(), both) == 2  # region only: culture not asked for
    assert m.score_one(asking.weights(), both) == 4  # region and culture
    assert m.score_one(asking.weights(), culture) == 0  # culture alone counts for nothing
    assert m.explain(asking, culture) == []
    pool = m.Pool([mentor(1, features=culture), mentor(2, features=both)], BUDDYING)
    assert m.suggest(pool, asking) == [(1, 4)]


def _random_people(
    rng: random.Random, n_mentors: int, n_seekers: int
) -> tuple[list[m.Mentor], list[m.Seeker]]:
    vocab = [
        "route:adoption",
        "route:kinship",
        "need:fasd",
        "need:sibling_group",
        "family:lgbt",
        "region:London",
        "region:North West",
        "lang:en",
        "lang:pl",
        "culture:polish",
        "avail:weekend",
        "mode:online",
    ]
    personas = [p.ADOPTER, p.ADOPTER, p.SPECIAL_GUARDIAN, p.YOUNG_PERSON]
    mentors = []
    for i in range(n_mentors):
        persona = rng.choice(personas)
        mentors.append(
            mentor(
                i + 1,
                persona,
                born=BORN + rng.randint(-900, 900),
                opted_in=rng.random() < 0.8,
                places=rng.randint(1, 3),
                vetted=rng.random() < 0.9,
                features=frozenset(rng.sample(vocab, rng.randint(1, 6))),
            )
        )
    seekers = []
    for i in range(n_seekers):
        persona = rng.choice([p.PROSPECTIVE_ADOPTER, p.ADOPTER, p.SPECIAL_GUARDIAN, p.YOUNG_PERSON])
        seekers.append(
            seeker(
                1000 + i,
                persona,
                born=BORN + rng.randint(-900, 900),
                opted_in=rng.random() < 0.8,
                features=frozenset(rng.sample(vocab, rng.randint(1, 6))),
                preferences=frozenset(rng.sample(m.PREFERENCES, rng.randint(0, 2))),
                excluded=frozenset({rng.randint(1, n_mentors)}) if rng.random() < 0.2 else frozenset(),
            )
        )
    return mentors, seekers


def test_vectorised_suggestions_equal_scoring_every_mentor_in_python() -> None:
    rng = random.Random(7)
    mentors, seekers = _random_people(rng, 400, 40)
    pool = m.Pool(mentors, BUDDYING)
    for who in seekers:
        assert m.suggest(pool, who, 20) == m.suggest_plain(mentors, who, BUDDYING, 20)


def _brute_force(mentors: list[m.Mentor], seekers: list[m.Seeker]) -> int:
    """The best total fit over every way of giving each seeker a mentor or nobody, within places."""
    options = []
    for who in seekers:
        fits = [(None, 0)]
        for j, one in enumerate(mentors):
            if not m.exclusions(who, one, BUDDYING):
                s = m.score_one(who.weights(), one.features)
                if s > 0:
                    fits.append((j, s))
        options.append(fits)
    best = 0
    for combo in itertools.product(*options):
        used: dict[int, int] = {}
        for j, _s in combo:
            if j is not None:
                used[j] = used.get(j, 0) + 1
        if all(used[j] <= mentors[j].places for j in used):
            best = max(best, sum(s for _j, s in combo))
    return best


@pytest.mark.parametrize("seed", range(12))
def test_cohort_assignment_equals_the_brute_force_optimum(seed: int) -> None:
    rng = random.Random(seed)
    mentors, seekers = _random_people(rng, 3, 5)
    mentors = [replace(x, places=rng.randint(1, 2)) for x in mentors]
    pool = m.Pool(mentors, BUDDYING)
    result = assignment.assign(pool, seekers)
    best = _brute_force(mentors, seekers)
    assert result.total == best
    assert assignment.exact_assignment(pool, seekers).total == best
    # Each pair is allowed and scored as the plain path scores it; no mentor over their places.
    for i, j, s in result.pairs:
        assert m.exclusions(seekers[i], mentors[j], BUDDYING) == []
        assert s == m.score_one(seekers[i].weights(), mentors[j].features) > 0
    counts: dict[int, int] = {}
    for _i, j, _s in result.pairs:
        counts[j] = counts.get(j, 0) + 1
    assert all(counts[j] <= mentors[j].places for j in counts)
    assert sorted([i for i, _j, _s in result.pairs] + result.unmatched) == list(range(len(seekers)))


def test_pruned_assignment_stays_near_the_exact_optimum() -> None:
    rng = random.Random(3)
    mentors, seekers = _random_people(rng, 60, 200)
    pool = m.Pool(mentors, BUDDYING)
    pruned, exact = assignment.assign(pool, seekers, k=8), assignment.exact_assignment(pool, seekers)
    assert exact.total > 0 and pruned.total >= 0.98 * exact.total
