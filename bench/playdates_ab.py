"""In-process A/B of the playdate search's shortcut (bench/LEDGER.md): ``search.matching``, which runs
the match statement on the driver's cursor, against the general way, the same statement through the
session (``db.session.scalars(search.MATCHING, params)``), on B5's data.

    PYTHONPATH=. .venv/bin/python -m bench.playdates_ab [--quick]

Each of B5's 50 searches is timed both ways, in alternating order, on the thread's CPU clock:
"cold" right after B5's in-memory scan (as B5 times its query), "warm" straight after a first call.
Medians over the searches. The machine is shared and noisy: read the ratios, and run it twice.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.scenarios import b5_playdates as b5


def main(quick: bool = False) -> dict[str, float]:

    from backend import create_app
    from backend.accounts.models import User
    from backend.core.db import Base, db
    from backend.playdates import location, search
    from backend.playdates import vocabulary as v

    families = 20_000 if quick else b5.FAMILIES
    rng = random.Random(5)
    viewers = rng.sample(range(1, families + 1, 2), b5.SEARCHES)
    with tempfile.TemporaryDirectory(prefix="playdates-ab-") as tmp:
        app = create_app(b5._config(Path(tmp)))
        with app.app_context():
            Base.metadata.create_all(db.engine(app))
            b5._apply_rules(families, b5._seed(families, rng), viewers, rng)
            profiles = [tuple(r) for r in db.session.execute(b5.profile_rows())]
            rules = b5._rules_in_memory()
            cell_of = {row[0]: row[2] for row in profiles}
            times: dict[str, list[int]] = {}
            for n, viewer_id in enumerate(viewers):
                viewer = db.session.get(User, viewer_id)
                assert viewer is not None
                cell = cell_of[viewer_id]
                age_band = rng.choice((None, *v.AGE_BANDS)) if n % 3 else None
                interest = rng.choice((None, *v.INTERESTS)) if n % 2 else None
                ring = set(location.nearby_cells(cell))
                age = v.bit(v.AGE_BANDS, age_band) if age_band else 0
                bit = v.bit(v.INTERESTS, interest) if interest else 0

                def shortcut() -> list[int]:
                    return search.matching(viewer, cell, age_band, interest)  # noqa: B023

                def general() -> list[int]:
                    params = search.matching_params(viewer, cell, age_band, interest)  # noqa: B023
                    return list(db.session.scalars(search.MATCHING, params))

                ways: list[tuple[str, Callable[[], Any]]] = [("shortcut", shortcut), ("general", general)]
                for name, way in ways if n % 2 else ways[::-1]:
                    b5._oracle(profiles, rules, viewer_id, ring, age, bit)  # B5's scan, just before
                    began = time.thread_time_ns()
                    got = way()
                    times.setdefault(f"{name}_cold", []).append(time.thread_time_ns() - began)
                    began = time.thread_time_ns()
                    way()
                    times.setdefault(f"{name}_warm", []).append(time.thread_time_ns() - began)
                    assert sorted(got) == sorted(b5._oracle(profiles, rules, viewer_id, ring, age, bit))
        db.engine(app).dispose()
    us = {name: statistics.median(values) / 1000 for name, values in times.items()}
    for when in ("cold", "warm"):
        fast, slow = us[f"shortcut_{when}"], us[f"general_{when}"]
        print(
            f"matching on the driver's cursor, {when}: shortcut {fast:7.1f} us   "
            f"general {slow:7.1f} us   general/shortcut {slow / fast:5.2f}x"
        )
    return us


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
