"""Small-cell suppression for every aggregate the app publishes (insights, consultation results).

Pure: counts in, a set of hidden cells out.

The rule. A table is a grid of counts (rows x columns, e.g. region x legal route) published with its
margins: each row's total, each column's total and the grand total. Any cell, margins included, that
counts fewer than ``MIN_CELL`` (5) families is hidden ("primary suppression"), zero included: a
published zero says that nobody in that group had the experience, which is itself a fact about them.

Why that is not enough. A hidden cell could be worked out by subtraction: if a row shows its total
and every cell but one, the hidden one is the total minus the others ("differencing"). So the rule
goes on ("complementary suppression"): every row and every column, margins included, is a line
whose entries add up to the line's total. Whenever a line has exactly one hidden entry, a second
entry of that line is hidden too: the smallest visible cell of the line, or, when no cell is left,
the line's total. Each new hidden cell can leave another line with a single hidden entry, so the
rule repeats until no line has exactly one. Then every line has none or at least two hidden entries
and no single equation recovers a hidden value (the tests also check that no combination of the
published equations pins one down, with a rank test over all of them).

Tables that are published side by side and add up to each other (within target + past target) are
``linked``: a cell hidden in one is hidden in all, so no subtraction between tables recovers it.

Filters never recompute: a filtered answer is a selection of cells from the whole table's suppressed
grid, so asking for one region cannot show what the whole table hides. Not covered: comparing two
answers taken at different times (a family's case moving between the two), which a rate of change
of one could expose; reports are for boards, and this is said where they are produced.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

MIN_CELL = 5
ALL = "all"

Cell = tuple[Hashable, Hashable]


def with_margins(
    rows: Sequence[Hashable], cols: Sequence[Hashable], units: Mapping[Cell, Iterable[Any]]
) -> dict[Cell, list[Any]]:
    """Each inner cell's units (e.g. family keys, or (family, value) pairs) and every margin's: a
    row's total is its cells together, a column's likewise, and the grand total everything."""
    grid: dict[Cell, list[Any]] = {}
    for r in (*rows, ALL):
        for c in (*cols, ALL):
            grid[(r, c)] = []
    for (r, c), items in units.items():
        for item in items:
            for cell in ((r, c), (r, ALL), (ALL, c), (ALL, ALL)):
                grid[cell].append(item)
    return grid


def lines(rows: Sequence[Hashable], cols: Sequence[Hashable]) -> list[list[Cell]]:
    """Every equation the margins publish, as its cells with the line's total last."""
    return [[(r, c) for c in (*cols, ALL)] for r in (*rows, ALL)] + [
        [(r, c) for r in (*rows, ALL)] for c in (*cols, ALL)
    ]


def suppress(
    rows: Sequence[Hashable],
    cols: Sequence[Hashable],
    tables: Sequence[Mapping[Cell, int]],
    families: Mapping[Cell, int] | None = None,
    min_cell: int = MIN_CELL,
) -> set[Cell]:
    """The cells to hide in every one of ``tables`` (linked tables share the set).

    ``tables`` hold counts for every cell of ``with_margins``; ``families`` (optional) the number of
    distinct families behind each cell where a family can count more than once: a cell is hidden
    when either is below ``min_cell``. The complementary cells are chosen by the first table's counts.
    """
    cells = [(r, c) for r in (*rows, ALL) for c in (*cols, ALL)]
    hidden = {cell for cell in cells if any(t[cell] < min_cell for t in tables)}
    if families is not None:
        hidden |= {cell for cell in cells if families[cell] < min_cell}
    equations = lines(rows, cols)
    order = tables[0]
    changed = True
    while changed:
        changed = False
        for line in equations:
            if sum(cell in hidden for cell in line) != 1:
                continue
            *inner, total = line
            visible = sorted((c for c in inner if c not in hidden), key=lambda c: (order[c], str(c)))
            if visible:
                hidden.add(visible[0])
            elif total not in hidden:
                hidden.add(total)
            else:  # a line that is its total alone (a table with no rows): nothing to subtract from
                continue
            changed = True
    return hidden


def counts(grid: Mapping[Cell, list[Any]]) -> dict[Cell, int]:
    return {cell: len(items) for cell, items in grid.items()}


def distinct(grid: Mapping[Cell, list[Any]], key: Any = None) -> dict[Cell, int]:
    return {cell: len({key(i) if key else i for i in items}) for cell, items in grid.items()}
