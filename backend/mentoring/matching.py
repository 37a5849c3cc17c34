"""Matching, pure: hard constraints, the weighted fit, explanations and one person's suggestions.

No database and no Flask here: the service builds a ``Pool`` of mentors and a ``Seeker`` from rows,
and the benchmark (``bench/scenarios/b6_matching.py``) builds them from synthetic data.

Order of decisions (PRODUCT.md 2.3): hard constraints first (``exclusions``): audience (young people
only with young people within ``YOUTH_AGE_GAP_DAYS`` of age, both opted in; adults never with young
people), the scheme's pair of personas, vetting in date, a place left, not paused, no block either
way, not previously declined. Then a weighted fit: each lived-experience attribute the two share
adds its weight (integers, so the vectorised and the plain scoring agree exactly and ties break the
same way: by the mentor's id). Ethnicity or culture counts only when the person asks for it, and
never alone: it adds nothing to a mentor who shares nothing else (002).

Scoring is one matrix product: the mentors' attributes as a 0/1 matrix ``M`` (mentors x features)
times the seeker's weight vector. A whole cohort at once is ``assignment.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from backend.mentoring.schemes import Scheme

# "Within 2 years of age": the two dates of birth at most two years (731 days, a leap day included)
# apart.
YOUTH_AGE_GAP_DAYS = 731

LEGAL_ROUTES = ("adoption", "special_guardianship", "kinship")
NEEDS = (
    "disability",
    "sibling_group",
    "fasd",
    "early_permanence",
    "transracial_family",
    "child_to_parent_violence",
    "school_exclusion",
    "birth_family_contact",
    "attachment",
    "trauma",
)
FAMILY_STRUCTURES = ("single", "couple", "lgbt", "grandparent", "older_sibling")
STAGES = ("early_years", "primary", "teenage", "adult")
REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
AVAILABILITY = ("weekday_daytime", "weekday_evening", "weekend")
MODES = ("in_person", "online")
PREFERENCES = (
    "same_legal_route",
    "lives_near",
    "same_family_structure",
    "same_language",
    "shared_culture",
    "in_person",
    "online",
)

# Weight of each shared attribute, by kind; a preference raises its kind's weight.
WEIGHTS = {
    "route": 6,
    "need": 4,
    "placed": 2,
    "now": 2,
    "family": 3,
    "region": 2,
    "lang": 2,
    "avail": 1,
    "mode": 1,
    "culture": 2,
}
PREFERRED = {
    "same_legal_route": ("route", 12),
    "lives_near": ("region", 6),
    "same_family_structure": ("family", 6),
    "same_language": ("lang", 4),
}
EXPERIENCE_WEIGHT = 8  # a need the person asks the mentor to have lived with
STAGE_EXPERIENCE_WEIGHT = 4  # a stage the person asks the mentor to have parented through
MODE_PREFERRED_WEIGHT = 3

_LABELS = {
    "special_guardianship": "special guardianship",
    "child_to_parent_violence": "child-to-parent violence",
    "birth_family_contact": "birth-family contact",
    "fasd": "FASD",
    "lgbt": "LGBT+ family",
    "single": "single carer",
    "early_years": "a child in the early years",
    "primary": "a child of primary age",
    "teenage": "a teenager",
    "adult": "a child now grown up",
    "weekday_daytime": "weekday daytimes",
    "weekday_evening": "weekday evenings",
    "in_person": "in person",
}


# The order reasons name attributes in: the lived experience first.
_KIND_ORDER = ("route", "need", "family", "placed", "now", "culture", "region", "lang", "avail", "mode")


def stage_of(age: int) -> str:
    if age < 5:
        return "early_years"
    if age < 12:
        return "primary"
    if age < 18:
        return "teenage"
    return "adult"


def features_of(attributes: Mapping[str, Any]) -> frozenset[str]:
    """A profile's attributes as feature names, ``kind:value``."""
    out: set[str] = set()
    out.update(f"route:{r}" for r in attributes.get("legal_routes", ()))
    out.update(f"need:{n}" for n in attributes.get("needs", ()))
    for child in attributes.get("children", ()):
        if child.get("age_at_placement") is not None:
            out.add(f"placed:{stage_of(int(child['age_at_placement']))}")
        if child.get("age_now") is not None:
            out.add(f"now:{stage_of(int(child['age_now']))}")
    out.update(f"family:{f}" for f in attributes.get("family_structure", ()))
    if attributes.get("region"):
        out.add(f"region:{attributes['region']}")
    out.update(f"lang:{lang.lower()}" for lang in attributes.get("languages", ()))
    out.update(f"avail:{a}" for a in attributes.get("availability", ()))
    out.update(f"mode:{m}" for m in attributes.get("modes", ()))
    out.update(f"culture:{c.lower()}" for c in attributes.get("cultures", ()))
    return frozenset(out)


@lru_cache(maxsize=4096)
def _kind(feature: str) -> tuple[str, str]:
    kind, _sep, value = feature.partition(":")
    return kind, value


def weights_for(
    features: Iterable[str], preferences: Iterable[str], experience: Iterable[str] = ()
) -> dict[str, int]:
    """The seeker's weight per feature: what they share counts; what they asked for counts more.

    ``experience``: features the seeker asks the mentor to have even if the seeker has not (a need
    such as ``need:school_exclusion``, or a stage such as ``now:teenage``)."""
    prefs = set(preferences)
    kind_weight = dict(WEIGHTS)
    for pref, (kind, weight) in PREFERRED.items():
        if pref in prefs:
            kind_weight[kind] = weight
    if "shared_culture" not in prefs:
        kind_weight["culture"] = 0  # ethnicity or culture counts only when asked for (002)
    weights: dict[str, int] = {}
    for feature in features:
        kind, value = _kind(feature)
        weight = kind_weight.get(kind, 0)
        if kind == "mode" and value in prefs:
            weight = MODE_PREFERRED_WEIGHT
        if weight:
            weights[feature] = weight
    for feature in experience:
        extra = EXPERIENCE_WEIGHT if _kind(feature)[0] == "need" else STAGE_EXPERIENCE_WEIGHT
        weights[feature] = max(weights.get(feature, 0), extra)
    return weights


# --- people as the matcher sees them ----------------------------------------------------------------


@dataclass(frozen=True)
class Mentor:
    """Someone who offers the scheme, with the facts hard constraints need, evaluated today."""

    user_id: int
    persona: str
    youth: bool
    born: int  # date of birth as an ordinal (days)
    opted_in: bool  # young people: opted in to buddying and to direct messages
    places: int  # capacity minus active matches
    offers: bool  # offers this scheme
    vetted: bool  # the scheme's vetting, in date today
    paused: bool
    features: frozenset[str]


@dataclass(frozen=True)
class Seeker:
    user_id: int
    persona: str
    youth: bool
    born: int
    opted_in: bool
    features: frozenset[str]
    preferences: frozenset[str] = frozenset()
    experience: frozenset[str] = frozenset()
    excluded: frozenset[int] = frozenset()  # blocked either way, or declined before

    def weights(self) -> dict[str, int]:
        return weights_for(self.features, self.preferences, self.experience)


REASON_WORDS = {
    "self": "is you",
    "audience": "is on the other side of the young people's wall",
    "age_gap": "is more than two years apart in age",
    "not_opted_in": "has not opted in (both young people must)",
    "pair": "is not a pairing this scheme makes",
    "not_offered": "does not offer this scheme",
    "vetting": "has vetting that is missing or out of date",
    "paused": "has paused",
    "capacity": "has no place left",
    "excluded": "is blocked either way or was declined before",
}


def exclusions(seeker: Seeker, mentor: Mentor, scheme: Scheme) -> list[str]:
    """Every hard constraint the pair fails (empty: they may be matched)."""
    out: list[str] = []
    if mentor.user_id == seeker.user_id:
        out.append("self")
    if mentor.youth != seeker.youth:
        out.append("audience")  # adults never with young people (PRODUCT.md 3)
    elif seeker.youth:
        if abs(mentor.born - seeker.born) > YOUTH_AGE_GAP_DAYS:
            out.append("age_gap")
        if not (mentor.opted_in and seeker.opted_in):
            out.append("not_opted_in")
    if not scheme.allows(mentor.persona, seeker.persona):
        out.append("pair")
    if not mentor.offers:
        out.append("not_offered")
    if not mentor.vetted:
        out.append("vetting")
    if mentor.paused:
        out.append("paused")
    if mentor.places <= 0:
        out.append("capacity")
    if mentor.user_id in seeker.excluded:
        out.append("excluded")
    return out


def score_one(weights: Mapping[str, int], mentor_features: frozenset[str]) -> int:
    """The fit of one mentor, plainly: the weights of what they share; culture never alone."""
    base = sum(w for f, w in weights.items() if f in mentor_features and not f.startswith("culture:"))
    if base == 0:
        return 0
    return base + sum(w for f, w in weights.items() if f in mentor_features and f.startswith("culture:"))


def _label(value: str) -> str:
    return _LABELS.get(value, value.replace("_", " "))


def explain(seeker: Seeker, mentor_features: frozenset[str]) -> list[str]:
    """The reasons, in words, naming exactly the attributes that scored."""
    weights = seeker.weights()
    order = {kind: i for i, kind in enumerate(_KIND_ORDER)}
    shared = sorted(
        (f for f in weights if f in mentor_features), key=lambda f: (order.get(_kind(f)[0], 99), f)
    )
    if score_one(weights, mentor_features) == 0:
        return []
    own = [f for f in shared if f in seeker.features]
    asked = [f for f in shared if f not in seeker.features]
    reasons: list[str] = []
    lived = [
        _label(f.split(":", 1)[1])
        for f in own
        if f.split(":", 1)[0] in ("route", "need", "family", "placed", "now", "culture")
    ]
    if lived:
        reasons.append("you share: " + ", ".join(lived))
    if any(f.startswith("region:") for f in own):
        reasons.append("lives in your region")
    langs = [f.split(":", 1)[1] for f in own if f.startswith("lang:")]
    if langs:
        reasons.append("speaks " + ", ".join(langs))
    times = [_label(f.split(":", 1)[1]) for f in own if f.startswith("avail:")]
    if times:
        reasons.append("free at the same times: " + ", ".join(times))
    modes = [_label(f.split(":", 1)[1]) for f in own if f.startswith("mode:")]
    if modes:
        reasons.append("meets " + " or ".join(modes))
    if asked:
        reasons.append(
            "has the experience you asked for: " + ", ".join(_label(f.split(":", 1)[1]) for f in asked)
        )
    return reasons


# --- the pool: mentors as arrays --------------------------------------------------------------------


@dataclass
class Pool:
    """Mentors as arrays, built once per query (service) or once per benchmark."""

    mentors: Sequence[Mentor]
    scheme: Scheme
    vocab: dict[str, int] = field(init=False)
    matrix: np.ndarray = field(init=False)  # mentors x features, float32 0/1
    culture: np.ndarray = field(init=False)  # features: True where a culture feature

    def __post_init__(self) -> None:
        names = sorted({f for m in self.mentors for f in m.features})
        self.vocab = {name: i for i, name in enumerate(names)}
        rows = [i for i, m in enumerate(self.mentors) for _ in m.features]
        cols = [self.vocab[f] for m in self.mentors for f in m.features]
        self.matrix = np.zeros((len(self.mentors), max(len(names), 1)), dtype=np.float32)
        self.matrix[rows, cols] = 1.0
        self.culture = np.array([n.startswith("culture:") for n in names] or [False])
        # The two halves of the matrix, sliced once: culture is added only where the rest scored.
        self.plain_part = np.ascontiguousarray(self.matrix[:, ~self.culture])
        self.culture_part = np.ascontiguousarray(self.matrix[:, self.culture])
        self.ids = np.array([m.user_id for m in self.mentors], dtype=np.int64)
        personas = sorted({m.persona for m in self.mentors})
        self.persona_code = {name: i for i, name in enumerate(personas)}
        self.personas = np.array([self.persona_code[m.persona] for m in self.mentors], dtype=np.int64)
        self.youth = np.array([m.youth for m in self.mentors], dtype=bool)
        self.born = np.array([m.born for m in self.mentors], dtype=np.int64)
        self.opted_in = np.array([m.opted_in for m in self.mentors], dtype=bool)
        self.places = np.array([max(m.places, 0) for m in self.mentors], dtype=np.int64)
        self.open = np.array(
            [m.offers and m.vetted and not m.paused and m.places > 0 for m in self.mentors], dtype=bool
        )
        self.index = {m.user_id: i for i, m in enumerate(self.mentors)}

    def vector(self, weights: Mapping[str, int]) -> np.ndarray:
        q = np.zeros(self.matrix.shape[1], dtype=np.float32)
        for feature, weight in weights.items():
            column = self.vocab.get(feature)
            if column is not None:
                q[column] = weight
        return q

    def allowed_personas(self, seeker_persona: str) -> np.ndarray:
        codes = [c for name, c in self.persona_code.items() if self.scheme.allows(name, seeker_persona)]
        return np.isin(self.personas, codes)

    def mask(self, seeker: Seeker) -> np.ndarray:
        """Every hard constraint at once, for one seeker (``exclusions`` vectorised)."""
        ok = self.open & self.allowed_personas(seeker.persona) & (self.youth == seeker.youth)
        if seeker.youth:
            ok &= np.abs(self.born - seeker.born) <= YOUTH_AGE_GAP_DAYS
            ok &= self.opted_in & seeker.opted_in
        for user_id in (seeker.user_id, *seeker.excluded):
            i = self.index.get(user_id)
            if i is not None:
                ok[i] = False
        return ok

    def scores(self, q: np.ndarray) -> np.ndarray:
        """Fit of every mentor for one weight vector; culture adds only where something else scored."""
        base = self.plain_part @ q[~self.culture]
        if not self.culture_part.shape[1]:
            return base
        extra = self.culture_part @ q[self.culture]
        return np.where(base > 0, base + extra, 0.0)


def top(ids: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` best positive scores, best first, ties by the smaller id."""
    positive = np.flatnonzero(scores > 0)
    if positive.size > k:
        kth = np.partition(scores[positive], positive.size - k)[positive.size - k]
        positive = positive[scores[positive] >= kth]
    order = np.lexsort((ids[positive], -scores[positive]))
    return positive[order][:k]


def suggest(pool: Pool, seeker: Seeker, k: int = 20) -> list[tuple[int, int]]:
    """(mentor index, score) for the ``k`` best eligible mentors, vectorised."""
    scores = pool.scores(pool.vector(seeker.weights()))
    scores[~pool.mask(seeker)] = 0.0
    chosen = top(pool.ids, scores, k)
    return [(int(i), int(scores[i])) for i in chosen]


def suggest_plain(
    mentors: Sequence[Mentor], seeker: Seeker, scheme: Scheme, k: int = 20
) -> list[tuple[int, int]]:
    """The same answer by scoring every mentor in plain Python: the reference ``suggest`` is held to."""
    weights = seeker.weights()
    scored = []
    for i, mentor in enumerate(mentors):
        if exclusions(seeker, mentor, scheme):
            continue
        s = score_one(weights, mentor.features)
        if s > 0:
            scored.append((-s, mentor.user_id, i))
    scored.sort()
    return [(i, -neg) for neg, _id, i in scored[:k]]


def max_score(seeker: Seeker) -> int:
    return sum(seeker.weights().values())
