"""A cohort assigned at once, pure: total fit maximised under every mentor's places.

The fit and the hard constraints are ``matching.py``'s. A cohort is scored a block of seekers at a
time (``Q @ M.T``: the seekers' weight vectors against the mentors' 0/1 attribute matrix), pruned to
each seeker's ``k`` best candidates, expanded into one column per place (a mentor with capacity 3 is
3 columns) and solved exactly on that sparse graph with
``scipy.sparse.csgraph.min_weight_full_bipartite_matching``; each seeker also has a private "stay
unmatched" column of fit 0, so a full matching always exists and leaving someone unmatched is never
forced onto a poor fit. ``exact_assignment`` is the dense optimum (``linear_sum_assignment`` on every
place), the reference the pruning is measured against (B6).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from backend.mentoring.matching import YOUTH_AGE_GAP_DAYS, Pool, Seeker


@dataclass
class Assignment:
    pairs: list[tuple[int, int, int]]  # (seeker index, mentor index, score)
    unmatched: list[int]  # seeker indices
    edges: int = 0

    @property
    def total(self) -> int:
        return sum(s for _i, _j, s in self.pairs)


def weight_matrix(pool: Pool, seekers: Sequence[Seeker]) -> np.ndarray:
    """The seekers' weight vectors as rows, filled in one step."""
    rows: list[int] = []
    cols: list[int] = []
    vals: list[int] = []
    vocab = pool.vocab
    for row, seeker in enumerate(seekers):
        for feature, weight in seeker.weights().items():
            column = vocab.get(feature)
            if column is not None:
                rows.append(row)
                cols.append(column)
                vals.append(weight)
    q = np.zeros((len(seekers), pool.matrix.shape[1]), dtype=np.float32)
    q[rows, cols] = vals
    return q


def score_block(pool: Pool, seekers: Sequence[Seeker], cols: np.ndarray | None = None) -> np.ndarray:
    """Fits of a block of seekers against the mentors ``cols`` (all by default), every hard
    constraint applied (0 where one fails)."""
    if cols is None:
        cols = np.arange(len(pool.mentors))
    q = weight_matrix(pool, seekers)
    scores = q[:, ~pool.culture] @ pool.plain_part[cols].T
    if pool.culture_part.shape[1]:
        extra = q[:, pool.culture] @ pool.culture_part[cols].T
        extra[scores <= 0] = 0.0  # culture never alone
        scores += extra
    # One row of constraints per kind of seeker (persona, young or not), picked for each row at once.
    kinds: dict[tuple[str, bool], int] = {}
    codes = np.array([kinds.setdefault((s.persona, s.youth), len(kinds)) for s in seekers], dtype=np.int64)
    by_kind = (
        np.stack(
            [
                (pool.open & pool.allowed_personas(persona) & (pool.youth == youth))[cols]
                for persona, youth in kinds
            ]
        )
        if kinds
        else np.zeros((0, len(cols)), dtype=bool)
    )
    ok = by_kind[codes]
    young = [row for row, s in enumerate(seekers) if s.youth]
    if young:
        born = np.array([seekers[r].born for r in young], dtype=np.int64)
        opted = np.array([seekers[r].opted_in for r in young], dtype=bool)
        young_ok = (np.abs(pool.born[cols][None, :] - born[:, None]) <= YOUTH_AGE_GAP_DAYS) & (
            pool.opted_in[cols][None, :] & opted[:, None]
        )
        ok[young] &= young_ok
    position = np.full(len(pool.mentors), -1, dtype=np.int64)
    position[cols] = np.arange(len(cols))
    for row, seeker in enumerate(seekers):
        for user_id in (seeker.user_id, *seeker.excluded):
            i = pool.index.get(user_id)
            if i is not None and position[i] >= 0:
                ok[row, position[i]] = False
    np.multiply(scores, ok, out=scores)
    return scores


def _slots(pool: Pool) -> tuple[np.ndarray, np.ndarray]:
    """First slot of each mentor, and the mentor of each slot (capacity expanded into columns)."""
    places = np.where(pool.open, pool.places, 0)
    start = np.concatenate(([0], np.cumsum(places)[:-1]))
    owner = np.repeat(np.arange(len(places)), places)
    return start, owner


def candidate_edges(
    pool: Pool, seekers: Sequence[Seeker], k: int, block: int = 2048
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each seeker's ``k`` best eligible mentors: (seeker index, mentor index, score) arrays.

    Hard constraints prune first: seekers are taken a kind at a time (persona, young or not), each
    kind scored only against the open mentors the scheme and the audience wall allow it."""
    rows, cols, vals = [], [], []
    groups: dict[tuple[str, bool], list[int]] = {}
    for i, seeker in enumerate(seekers):
        groups.setdefault((seeker.persona, seeker.youth), []).append(i)
    for (persona, youth), members in groups.items():
        allowed = np.flatnonzero(pool.open & pool.allowed_personas(persona) & (pool.youth == youth))
        if not allowed.size:
            continue
        kk = max(1, min(k, allowed.size))
        for lo in range(0, len(members), block):
            index = np.array(members[lo : lo + block], dtype=np.int64)
            scores = score_block(pool, [seekers[i] for i in index], allowed)
            if kk < scores.shape[1]:
                best = np.argpartition(-scores, kk - 1, axis=1)[:, :kk]
            else:
                best = np.broadcast_to(np.arange(scores.shape[1]), scores.shape)
            picked = np.take_along_axis(scores, best, axis=1)
            r, c = np.nonzero(picked > 0)
            rows.append(index[r])
            cols.append(allowed[best[r, c]])
            vals.append(picked[r, c])
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


def cost_matrix(
    pool: Pool, n_seekers: int, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray
) -> tuple[csr_matrix, float]:
    """The sparse bipartite graph: seekers x (places + one "unmatched" column per seeker).

    Costs are ``ceiling - fit`` (all positive: the solver reads a missing entry as no edge); an
    unmatched column costs ``ceiling`` (a fit of 0). Minimising cost is maximising total fit, since
    every seeker is matched exactly once."""
    start, owner = _slots(pool)
    n_slots = len(owner)
    places = np.where(pool.open, pool.places, 0)
    reps = places[cols]
    keep = reps > 0
    rows, cols, vals, reps = rows[keep], cols[keep], vals[keep], reps[keep]
    edge_rows = np.repeat(rows, reps)
    offsets = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
    edge_cols = np.repeat(start[cols], reps) + offsets
    ceiling = float(vals.max() + 1) if vals.size else 1.0
    edge_vals = ceiling - np.repeat(vals, reps)
    all_rows = np.concatenate((edge_rows, np.arange(n_seekers)))
    all_cols = np.concatenate((edge_cols, n_slots + np.arange(n_seekers)))
    all_vals = np.concatenate((edge_vals, np.full(n_seekers, ceiling))).astype(np.float64)
    graph = csr_matrix((all_vals, (all_rows, all_cols)), shape=(n_seekers, n_slots + n_seekers))
    return graph, ceiling


def solve(graph: csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """The solver alone: a minimum-cost full matching of the seekers (rows)."""
    return min_weight_full_bipartite_matching(graph)  # type: ignore[no-any-return]


def assign(pool: Pool, seekers: Sequence[Seeker], k: int = 24) -> Assignment:
    """A cohort: total fit maximised under capacities, over each seeker's ``k`` best candidates."""
    if not seekers:
        return Assignment([], [])
    rows, cols, vals = candidate_edges(pool, seekers, k)
    graph, ceiling = cost_matrix(pool, len(seekers), rows, cols, vals)
    row_ind, col_ind = solve(graph)
    _start, owner = _slots(pool)
    costs = np.asarray(graph[row_ind, col_ind]).ravel()
    pairs: list[tuple[int, int, int]] = []
    matched = set()
    for r, c, cost in zip(row_ind.tolist(), col_ind.tolist(), costs.tolist(), strict=True):
        if c < len(owner):
            pairs.append((r, int(owner[c]), round(ceiling - cost)))
            matched.add(r)
    unmatched = [i for i in range(len(seekers)) if i not in matched]
    return Assignment(sorted(pairs), unmatched, edges=graph.nnz)


def exact_assignment(pool: Pool, seekers: Sequence[Seeker]) -> Assignment:
    """The optimum over every place (dense ``linear_sum_assignment``): the reference for pruning."""
    scores = score_block(pool, seekers)
    _start, owner = _slots(pool)
    dense = np.concatenate((scores[:, owner], np.zeros((len(seekers), len(seekers)), np.float32)), axis=1)
    row_ind, col_ind = linear_sum_assignment(dense, maximize=True)
    pairs = [
        (int(r), int(owner[c]), int(dense[r, c]))
        for r, c in zip(row_ind, col_ind, strict=True)
        if c < len(owner) and dense[r, c] > 0
    ]
    matched = {r for r, _c, _s in pairs}
    return Assignment(sorted(pairs), [i for i in range(len(seekers)) if i not in matched])
