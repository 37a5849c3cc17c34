"""Small cells hidden, and not recoverable from the published totals: checked with a rank test over
every equation the table publishes (a hidden value is recoverable exactly when its unit vector lies in
the row space of those equations restricted to the hidden cells)."""

from __future__ import annotations

import itertools
import random

import numpy as np

from backend.insights import suppression as s


def _recoverable(rows: list[str], cols: list[str], hidden: set[s.Cell]) -> set[s.Cell]:
    unknown = sorted(hidden, key=str)
    index = {cell: i for i, cell in enumerate(unknown)}
    equations = []
    for line in s.lines(rows, cols):
        *inner, total = line
        vector = np.zeros(len(unknown))
        for cell in inner:
            if cell in index:
                vector[index[cell]] += 1
        if total in index:
            vector[index[total]] -= 1
        if vector.any():
            equations.append(vector)
    if not equations:
        return set()
    a = np.array(equations)
    rank = np.linalg.matrix_rank(a)
    found = set()
    for cell, i in index.items():
        unit = np.zeros(len(unknown))
        unit[i] = 1
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            found.add(cell)
    return found


def _table(rows: list[str], cols: list[str], values: dict[s.Cell, int]) -> dict[s.Cell, int]:
    grid = s.with_margins(rows, cols, {cell: ["x"] * n for cell, n in values.items()})
    return s.counts(grid)


def test_a_single_small_cell_takes_a_partner_in_its_row_and_column() -> None:
    rows, cols = ["North", "South"], ["adoption", "special_guardianship"]
    table = _table(
        rows,
        cols,
        {
            ("North", "adoption"): 20,
            ("North", "special_guardianship"): 3,
            ("South", "adoption"): 30,
            ("South", "special_guardianship"): 12,
        },
    )
    hidden = s.suppress(rows, cols, [table])
    assert ("North", "special_guardianship") in hidden  # 3 < 5
    # Without complementary hiding: North total 23 - 20 = 3. So a second North cell and a second
    # special guardianship cell are hidden too, and the rank test finds nothing recoverable.
    assert ("North", "adoption") in hidden and ("South", "special_guardianship") in hidden
    assert ("South", "adoption") in hidden
    assert table[("North", s.ALL)] == 23 and ("North", s.ALL) not in hidden
    assert _recoverable(rows, cols, hidden) == set()


def test_no_hidden_cell_is_recoverable_on_random_tables() -> None:
    rng = random.Random(17)
    for _ in range(150):
        rows = [f"r{i}" for i in range(rng.randint(1, 4))]
        cols = [f"c{j}" for j in range(rng.randint(1, 4))]
        values = {
            (r, c): rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 30]) for r, c in itertools.product(rows, cols)
        }
        table = _table(rows, cols, values)
        hidden = s.suppress(rows, cols, [table])
        assert all(cell in hidden for cell, n in table.items() if n < s.MIN_CELL)
        assert _recoverable(rows, cols, hidden) == set(), (values, hidden)


def test_a_table_with_no_rows_hides_its_totals_and_ends() -> None:
    table = _table([], ["adoption", "kinship"], {})
    assert s.suppress([], ["adoption", "kinship"], [table]) == set(table)
