"""B6: mentoring matches (issue #18): a cohort assignment and one person's suggestions.

Synthetic people, seeded (``random.Random(SEED)``): lived-experience attributes drawn from the real
vocabularies of ``backend/mentoring/matching.py`` (legal routes, needs, children's stages, family
structure, the nine English regions, languages, availability, modes, cultures), personas mixed as in
an agency's intake (adopters, guardians, prospective adopters, adult adoptees, some young people),
some requests with preferences and asked-for experience, a few blocks, capacities 1-3. Everything
runs in-process on ``backend.mentoring.matching``, the code the app's service calls.

1. Cohort: ``REQUESTS`` requests x ``MENTORS`` mentors. The whole assignment (candidates, scores,
   the sparse graph, the solve, the result) is timed against the solver alone
   (``min_weight_full_bipartite_matching``) on the same cost matrix, measured in the same run:
   target ratio <= 3. Quality: a sample of ``SAMPLE`` requests with mentors in the same proportion,
   assigned by the pruned path and by the exact dense optimum (``linear_sum_assignment`` on every
   place); target mean fit >= 98% of the optimum's.
2. Suggestions: one person's top 20 from ``POOL`` mentors, vectorised (``matching.suggest``) against
   scoring every mentor in plain Python (``matching.suggest_plain``) on the same pool, for
   ``SEEKERS`` different people; the two top-20 lists must be identical for every one of them, and
   the median speed-up >= 20x. The pool's build time (arrays from the mentors) is reported apart.

``python -m bench.scenarios.b6_matching [--quick]`` runs it alone; quick runs a tenth of the size.
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import date
from typing import Any

from bench.stats import median, ratio

ID = "B6"
TARGET = (
    "cohort 10,000 requests x 3,000 mentors: whole assignment <= 3x the solver alone, mean fit >= 98% of"
    " the exact optimum (2,000 sample); suggestions from 10,000 mentors >= 20x faster than plain"
    " Python with the same top 20"
)
SEED = 18
REQUESTS, MENTORS, SAMPLE, POOL, SEEKERS = 10_000, 3_000, 2_000, 10_000, 30
RATIO_TARGET, FIT_TARGET, SPEEDUP_TARGET = 3.0, 0.98, 20.0
K = 24  # candidates kept per request


def _people(rng: random.Random, n: int, offering: bool, start_id: int) -> list[Any]:
    from backend.accounts import personas as p
    from backend.mentoring import matching as m

    personas = (
        [p.ADOPTER] * 6 + [p.SPECIAL_GUARDIAN] * 3 + [p.ADULT_ADOPTEE] * 2 + [p.YOUNG_PERSON]
        if offering
        else [p.ADOPTER] * 3
        + [p.PROSPECTIVE_ADOPTER] * 4
        + [p.SPECIAL_GUARDIAN] * 3
        + [p.ADULT_ADOPTEE] * 2
        + [p.YOUNG_PERSON]
    )
    langs = ["en"] * 8 + ["pl", "ur", "pa", "cy", "so", "ro"]
    cultures = ["black caribbean", "south asian", "white british", "mixed", "polish", "irish traveller"]
    today = date(2026, 12, 1).toordinal()
    out = []
    for n_id in range(start_id, start_id + n):
        persona = rng.choice(personas)
        youth = persona == p.YOUNG_PERSON
        age_days = rng.randint(13 * 365, 17 * 365) if youth else rng.randint(25 * 365, 70 * 365)
        attrs: dict[str, Any] = {
            "legal_routes": rng.sample(m.LEGAL_ROUTES, rng.randint(1, 2)),
            "needs": rng.sample(m.NEEDS, rng.randint(0, 4)),
            "children": [
                {"age_at_placement": rng.randint(0, 10), "age_now": rng.randint(1, 20)}
                for _ in range(rng.randint(0 if not offering else 1, 3))
            ],
            "family_structure": rng.sample(m.FAMILY_STRUCTURES, rng.randint(0, 2)),
            "region": rng.choice(m.REGIONS),
            "languages": sorted({"en", rng.choice(langs)}),
            "availability": rng.sample(m.AVAILABILITY, rng.randint(1, 3)),
            "modes": rng.sample(m.MODES, rng.randint(1, 2)),
            "cultures": [rng.choice(cultures)] if rng.random() < 0.5 else [],
        }
        features = m.features_of(attrs)
        if offering:
            out.append(
                m.Mentor(
                    user_id=n_id,
                    persona=persona,
                    youth=youth,
                    born=today - age_days,
                    opted_in=rng.random() < 0.8,
                    places=rng.randint(1, 3),
                    offers=True,
                    vetted=rng.random() < 0.95,
                    paused=rng.random() < 0.03,
                    features=features,
                )
            )
        else:
            prefs = frozenset(rng.sample(m.PREFERENCES, rng.randint(0, 3)))
            asked = {f"need:{rng.choice(m.NEEDS)}"} if rng.random() < 0.4 else set()
            if rng.random() < 0.2:
                asked.add("now:teenage")
            out.append(
                m.Seeker(
                    user_id=n_id,
                    persona=persona,
                    youth=youth,
                    born=today - age_days,
                    opted_in=rng.random() < 0.8,
                    features=features,
                    preferences=prefs,
                    experience=frozenset(asked),
                    excluded=frozenset(),
                )
            )
    return out


def _with_blocks(rng: random.Random, seekers: list[Any], mentors: list[Any]) -> list[Any]:
    from dataclasses import replace

    return [
        replace(s, excluded=frozenset(rng.choice(mentors).user_id for _ in range(2)))
        if rng.random() < 0.05
        else s
        for s in seekers
    ]


def _cohort(requests: int, mentors_n: int, sample: int) -> dict[str, Any]:
    from backend.mentoring import assignment as a
    from backend.mentoring import matching as m
    from backend.mentoring.schemes import scheme

    rng = random.Random(SEED)
    buddying = scheme("buddying")
    mentors = _people(rng, mentors_n, True, 1)
    seekers = _with_blocks(rng, _people(rng, requests, False, 10**6), mentors)

    began = time.perf_counter()
    pool = m.Pool(mentors, buddying)
    result = a.assign(pool, seekers, k=K)
    whole = time.perf_counter() - began

    # The solver alone, on the same cost matrix (built again, untimed).
    rows, cols, vals = a.candidate_edges(pool, seekers, K)
    graph, _ceiling = a.cost_matrix(pool, len(seekers), rows, cols, vals)
    began = time.perf_counter()
    a.solve(graph)
    solver = time.perf_counter() - began

    # Quality against the exact optimum on a sample, mentors in the same proportion.
    s_rng = random.Random(SEED + 1)
    sample_seekers = s_rng.sample(seekers, sample)
    sample_mentors = s_rng.sample(mentors, max(1, round(mentors_n * sample / requests)))
    s_pool = m.Pool(sample_mentors, buddying)
    began = time.perf_counter()
    pruned = a.assign(s_pool, sample_seekers, k=K)
    pruned_s = time.perf_counter() - began
    began = time.perf_counter()
    exact = a.exact_assignment(s_pool, sample_seekers)
    exact_s = time.perf_counter() - began
    fit_ratio = pruned.total / exact.total if exact.total else 1.0
    return {
        "requests": requests,
        "mentors": mentors_n,
        "places": int(pool.places[pool.open].sum()),
        "matched": len(result.pairs),
        "unmatched": len(result.unmatched),
        "edges": result.edges,
        "whole_s": round(whole, 3),
        "solver_alone_s": round(solver, 3),
        "whole_vs_solver": ratio(whole, solver),
        "sample": sample,
        "sample_mean_fit": round(pruned.total / sample, 3),
        "exact_mean_fit": round(exact.total / sample, 3),
        "fit_vs_exact": round(fit_ratio, 4),
        "sample_pruned_s": round(pruned_s, 3),
        "sample_exact_s": round(exact_s, 3),
    }


def _suggestions(pool_n: int, seekers_n: int) -> dict[str, Any]:
    from backend.mentoring import matching as m
    from backend.mentoring.schemes import scheme

    rng = random.Random(SEED + 2)
    buddying = scheme("buddying")
    mentors = _people(rng, pool_n, True, 1)
    seekers = _with_blocks(rng, _people(rng, seekers_n, False, 10**6), mentors)
    began = time.perf_counter()
    pool = m.Pool(mentors, buddying)
    build = time.perf_counter() - began
    fast_times, plain_times, same = [], [], 0
    for seeker in seekers:
        began = time.perf_counter()
        fast = m.suggest(pool, seeker, 20)
        fast_times.append(time.perf_counter() - began)
        began = time.perf_counter()
        plain = m.suggest_plain(mentors, seeker, buddying, 20)
        plain_times.append(time.perf_counter() - began)
        same += fast == plain
    fast_med, plain_med = median(fast_times), median(plain_times)
    return {
        "pool": pool_n,
        "seekers": seekers_n,
        "pool_build_s": round(build, 3),
        "vectorised_ms": round((fast_med or 0) * 1000, 3),
        "plain_python_ms": round((plain_med or 0) * 1000, 3),
        "speedup": round((plain_med or 0) / fast_med, 1) if fast_med else None,
        "same_top_20": same,
    }


def run(quick: bool = False) -> dict[str, Any]:
    scale = 10 if quick else 1
    cohort = _cohort(REQUESTS // scale, MENTORS // scale, SAMPLE // scale)
    suggestions = _suggestions(POOL // scale, SEEKERS)
    figures = {
        "whole_vs_solver": cohort["whole_vs_solver"],
        "whole_s": cohort["whole_s"],
        "solver_alone_s": cohort["solver_alone_s"],
        "fit_vs_exact": cohort["fit_vs_exact"],
        "suggest_speedup": suggestions["speedup"],
        "suggest_ms": suggestions["vectorised_ms"],
        "same_top_20": f"{suggestions['same_top_20']}/{suggestions['seekers']}",
        "details": {"cohort": cohort, "suggestions": suggestions, "k": K, "quick": quick},
    }
    met = (
        cohort["whole_vs_solver"] is not None
        and cohort["whole_vs_solver"] <= RATIO_TARGET
        and cohort["fit_vs_exact"] >= FIT_TARGET
        and suggestions["speedup"] is not None
        and suggestions["speedup"] >= SPEEDUP_TARGET
        and suggestions["same_top_20"] == suggestions["seekers"]
    )
    return {"id": ID, "target": TARGET, "figures": figures, "met": bool(met)}


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2))
