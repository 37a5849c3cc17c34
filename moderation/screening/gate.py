"""Which phrase rules can match a text, for every rule family at once: one Hyperscan scan a message.

Why: each family searches its rules as RE2 alternations (``patterns.RuleSet``), and RE2 builds the
states of those automata as texts reach them. Text nobody has written before reaches new states at
nearly every byte, so on new text the rules cost about 0.9 ms of a 1.6 ms screen, and RE2's memory
grows with every new message (bench/LEDGER.md, "Screening on text nobody wrote before").
A Hyperscan database of every rule, per audience, says in one scan which rules may match anywhere in
the text; ``RuleSet.find`` then searches only those rules, each with its own RE2 pattern. The
database is compiled in prefilter mode, which may report a rule that does not match but never misses
one that does, so what is found is exactly what the RE2 passes find
(tests/moderation/screening/test_gate.py compares them on every sixth labelled message and on
500-character messages packed from them).

Compiling the databases takes about 24 s of CPU (13 s on two cores), so they are kept on disk,
named by a hash of the rules (``CACHE``): a process whose rules are unchanged loads them in a
fraction of a second, and one process compiles while others wait for it. The cache decides what is
searched, so it must be a folder only this deployment can write, as its code is (the default is
beside the model artefact). Without Hyperscan, or when its database cannot be built or a scan fails,
every family searches with its RE2 passes as before: slower, never different.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import re
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

hyperscan: Any
try:
    import hyperscan
except ImportError:  # an install without it searches with RE2 alone
    hyperscan = None

log = logging.getLogger(__name__)

CACHE = Path(os.environ.get("SCREENING_GATE_CACHE") or Path(__file__).parent / "model" / "gate")

# Rules left out of the database and searched on every text, as before. Hyperscan compiles some long
# rules slowly (the birth-family contact rules of 5,037, 5,850 and 11,200 characters took 1, 3 and
# 16 s alone, 5 December 2026), and it refuses a start anchor inside a group ("(?:i ... |^)hit").
# Leaving out the rules over 5,000 characters keeps the two audiences' compile at about 24 s.
UNGATED_LENGTH = 5000
_INNER_ANCHOR = re.compile(r"(?<!\[)\^")


def gated(source: str) -> bool:
    return len(source) <= UNGATED_LENGTH and _INNER_ANCHOR.search(source) is None


class Gate:
    """One audience's database: ``matches(data)`` is the set of rule sources (their ids in
    ``ids``) that may match somewhere in ``data``."""

    def __init__(self, database: Any, sources: list[str]) -> None:
        self._database = database
        self.ids = {source: n for n, source in enumerate(sources)}
        # Hyperscan needs scratch space per scan in progress: a pool, so that threads and greenlets
        # scanning at once each take their own and none is made per message.
        self._scratches = [hyperscan.Scratch(database)]
        # The families search the same text one after another: it is scanned once (per thread).
        self._last = threading.local()

    def matches(self, data: bytes) -> frozenset[int] | None:
        """None when the scan fails: the families then search with their RE2 passes."""
        last = self._last
        if getattr(last, "data", None) == data:
            return last.found  # type: ignore[no-any-return]
        found: set[int] = set()

        def on_match(id_: int, start: int, end: int, flags: int, context: object) -> None:
            found.add(id_)

        scratch = self._scratches.pop() if self._scratches else hyperscan.Scratch(self._database)
        try:
            self._database.scan(data, match_event_handler=on_match, scratch=scratch)
        except Exception:
            log.exception("screening gate scan failed: RE2 passes for this text")
            return None
        finally:
            self._scratches.append(scratch)
        last.data, last.found = data, frozenset(found)
        return last.found  # type: ignore[no-any-return]


_FLAGS = 0 if hyperscan is None else hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_SINGLEMATCH
_lock = threading.Lock()
_gates: dict[str, Gate] = {}


def current(audience: str) -> Gate | None:
    return _gates.get(audience)


def install(sources_by_audience: dict[str, Iterable[str]]) -> None:
    """Build (or load) each audience's gate over these rule sources; on any failure, log it and
    leave that audience without a gate (RE2 passes)."""
    if hyperscan is None:
        log.warning("hyperscan is not installed: phrase rules are searched with RE2 alone")
        return
    with _lock:
        wanted = {
            audience: sorted({source for source in sources if gated(source)})
            for audience, sources in sources_by_audience.items()
        }
        todo = {a: w for a, w in wanted.items() if a not in _gates or sorted(_gates[a].ids) != w}
        # The audiences compile side by side: Hyperscan lets go of the GIL while it compiles (13 s
        # for both on two cores, against 24 s one after the other).
        with ThreadPoolExecutor(max_workers=max(1, len(todo))) as pool:
            building = {audience: pool.submit(_database, w, audience) for audience, w in todo.items()}
        for audience, built in building.items():
            try:
                _gates[audience] = Gate(built.result(), todo[audience])
            except Exception:
                log.exception("screening gate for %s not built: RE2 passes only", audience)
                _gates.pop(audience, None)


def _database(sources: list[str], name: str) -> Any:
    """The compiled database of ``sources``: from the cache, or compiled and cached as ``name``'s
    (replacing the one compiled from ``name``'s earlier rules)."""
    key = hashlib.sha256(
        "\n".join([hyperscan.__version__, str(_FLAGS), *sources]).encode("utf-8")
    ).hexdigest()[:32]
    path = CACHE / f"{name}-{key}.hsdb"
    cached = _load(path)
    if cached is not None:
        return cached
    with _cache_lock(path) as writable:
        cached = _load(path)  # another process may have compiled it while this one waited
        if cached is not None:
            return cached
        # Start-up waits for this once per change of the rules: say why.
        log.info("compiling the screening gate for %s (%d rules; start-up waits for it)", name, len(sources))
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        database.compile(
            expressions=[source.encode("ascii") for source in sources],
            ids=list(range(len(sources))),
            elements=len(sources),
            flags=[_FLAGS] * len(sources),
        )
        if writable:
            _keep(database, path, name)
        return database


def _keep(database: Any, path: Path, name: str) -> None:
    """Write the database to the cache whole or not at all, and drop ``name``'s earlier ones. A
    failed write costs the next process a compile, nothing else."""
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        partial.write_bytes(hyperscan.dumpb(database))
        partial.replace(path)
        for earlier in path.parent.glob(f"{name}-*"):
            if earlier.suffix in (".hsdb", ".lock") and earlier.stem != path.stem:
                earlier.unlink(missing_ok=True)
    except OSError:
        log.warning("screening gate cache %s not written", path.name)
        partial.unlink(missing_ok=True)


def _load(path: Path) -> Any:
    try:
        return hyperscan.loadb(path.read_bytes(), hyperscan.HS_MODE_BLOCK)
    except FileNotFoundError:
        return None
    except Exception:  # another Hyperscan version or machine: compile it again
        log.warning("screening gate cache %s unreadable: compiling again", path.name)
        return None


@contextlib.contextmanager
def _cache_lock(path: Path) -> Iterator[bool]:
    """Held while compiling, so that processes starting together compile once. Yields whether the
    cache can be written; a cache that cannot is compiled in memory by each process."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path.with_suffix(".lock"), "w")  # noqa: SIM115 (closed below)
    except OSError:
        log.warning("screening gate cache %s not writable: compiling in memory", path.parent)
        yield False
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield True
