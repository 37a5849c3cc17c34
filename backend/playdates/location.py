"""Where a family is, as little as the finder needs: one H3 cell at resolution 7 (about 5 km²).

The coordinates a client sends become a cell here and go no further: they are not stored, logged or
returned, and nothing that leaves the server carries the cell either. "Nearby" is a fixed ring of
cells around the searcher's own cell, so what anyone can learn from searching (from any number of
accounts and positions) is at most which cell a family is in: a family is in a search's results
exactly when its cell is in that ring, and nothing about where in its cell it is changes that
(``tests/playdates/test_location_privacy.py`` shows it).
"""

from __future__ import annotations

import h3

RESOLUTION = 7
RING = 2  # cells of about 1.2 km edge: a search reaches about 5 km around the searcher's own cell


def cell_of(latitude: float, longitude: float) -> str:
    return str(h3.latlng_to_cell(latitude, longitude, RESOLUTION))


def nearby_cells(cell: str) -> list[str]:
    """The fixed ring searched around a cell (the cell itself included), in a set order."""
    return sorted(h3.grid_disk(cell, RING))
