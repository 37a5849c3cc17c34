"""``python -m bench.run [--quick] [--only B0,B7]``: run the benchmark scenarios and write the report.

Scenarios are the modules ``bench/scenarios/b*.py``; each has ``ID``, ``TARGET`` and
``run(quick: bool = False) -> dict`` (see ``bench.harness.result``). A scenario that raises is
recorded as not met, with its error, and the run goes on. Results go to ``bench/results/latest.json``
(a list, one object per scenario, each with the machine facts and the date) and ``latest.md``.

The exit status is 0 whether or not targets are met (this is a report); it is non-zero only when the
harness itself fails (bad arguments, no scenarios, results not writable).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.metadata
import json
import math
import os
import platform
import signal
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

from bench import harness

BENCH_DIR = Path(__file__).resolve().parent
SCENARIO_DIR = BENCH_DIR / "scenarios"
RESULTS_DIR = BENCH_DIR / "results"
PACKAGES = (
    "flask",
    "flask-socketio",
    "python-socketio",
    "python-engineio",
    "simple-websocket",
    "gunicorn",
    "gevent",
)


# --- discovery ---


def scenario_files() -> list[Path]:
    return sorted(SCENARIO_DIR.glob("b*.py"), key=lambda p: _natural_key(p.stem))


def _natural_key(stem: str) -> tuple[int, str]:
    """b2_x before b10_y: order by the number after the b."""
    digits = "".join(ch for ch in stem[1:].split("_", 1)[0] if ch.isdigit())
    return (int(digits) if digits else 10**6, stem)


def _id_from_file(path: Path) -> str:
    return path.stem.split("_", 1)[0].upper()


def load(path: Path) -> ModuleType:
    module = importlib.import_module(f"bench.scenarios.{path.stem}")
    for attr in ("ID", "TARGET", "run"):
        if not hasattr(module, attr):
            raise AttributeError(f"{path.name} has no {attr}")
    return module


# --- running ---


def run_scenario(path: Path, quick: bool) -> dict[str, Any]:
    """Import and run one scenario; never raises (a failure is a result with met false)."""
    began = time.monotonic()
    scenario_id, target = _id_from_file(path), ""
    try:
        module = load(path)
        scenario_id, target = module.ID, module.TARGET
        out = module.run(quick=quick)
        result = _checked(out, scenario_id, target)
    except Exception as exc:
        result = _failure(scenario_id, target, exc)
    finally:
        # A scenario that forgot to stop a server must not slow down the next one.
        harness.stop_all()
    result["seconds"] = round(time.monotonic() - began, 1)
    return result


def _checked(out: Any, scenario_id: str, target: str) -> dict[str, Any]:
    if not isinstance(out, dict) or not isinstance(out.get("figures"), dict) or "met" not in out:
        raise TypeError(f"run() must return a dict with figures and met, got {type(out).__name__}")
    return {
        **out,
        "id": out.get("id", scenario_id),
        "target": out.get("target", target),
        "met": bool(out["met"]),
    }


def _failure(scenario_id: str, target: str, exc: BaseException) -> dict[str, Any]:
    tail = "".join(traceback.format_exception(exc)).strip().splitlines()[-12:]
    return {
        "id": scenario_id,
        "target": target,
        "figures": {},
        "met": False,
        "error": f"{type(exc).__name__}: {exc}",
        "traceback": tail,
    }


# --- facts and writing ---


def machine_facts() -> dict[str, Any]:
    """What a reader needs to judge the figures: the machine, how busy it was, and the versions."""
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": _proc_field("/proc/cpuinfo", "model name"),
        "memory_total": _proc_field("/proc/meminfo", "MemTotal"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": {name: _version(name) for name in PACKAGES},
    }


def _proc_field(path: str, name: str) -> str | None:
    try:
        with open(path) as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key.strip() == name:
                    return value.strip()
    except OSError:
        pass
    return None


def _version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def _json_safe(value: Any) -> Any:
    """JSON has no NaN or infinity: those become null, so the file stays valid JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def write_results(results: list[dict[str, Any]], out_dir: Path = RESULTS_DIR) -> tuple[Path, Path]:
    """Write latest.json and latest.md; each through a temporary file, so a reader never sees half."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / "latest.json", out_dir / "latest.md"
    safe = _json_safe(results)
    _write_atomically(json_path, json.dumps(safe, indent=2, allow_nan=False, default=str) + "\n")
    _write_atomically(md_path, render_markdown(safe))
    return json_path, md_path


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    tmp.replace(path)


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def key_figures(figures: dict[str, Any]) -> str:
    """The headline: top-level scalar figures (nested dicts are details, in the JSON only)."""
    items = [
        f"{k}={_fmt(v)}" for k, v in figures.items() if v is None or isinstance(v, bool | int | float | str)
    ]
    return "; ".join(items)


def render_markdown(results: list[dict[str, Any]]) -> str:
    facts = results[0].get("machine", {}) if results else {}
    date = results[0].get("date", "") if results else ""
    quick = bool(results and results[0].get("quick"))
    lines = [
        "# Benchmark results",
        "",
        f"Run {date}{' (quick)' if quick else ''} on {facts.get('cpu_count')} x {facts.get('cpu_model')}, "
        f"{facts.get('memory_total')}, Python {facts.get('python')}, "
        f"load average at start {facts.get('load_average_at_start')}.",
        "Figures are medians on a shared machine: compare ratios against the references of the same run.",
        "",
        "| id | target | key figures | met |",
        "|---|---|---|---|",
    ]
    for r in results:
        cells = [r.get("id"), r.get("target"), key_figures(r["figures"]), "yes" if r.get("met") else "**no**"]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    errors = [r for r in results if r.get("error")]
    if errors:
        lines += ["", "## Errors", ""]
        lines += [f"- {_cell(r['id'])}: {_cell(r['error'])}" for r in errors]
    return "\n".join(lines) + "\n"


# --- entry point ---


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description="Run the benchmark scenarios.")
    parser.add_argument("--quick", action="store_true", help="smaller counts (B0 in under a minute)")
    parser.add_argument("--only", default="", help="comma-separated scenario ids, e.g. B0,B7")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="results directory")
    return parser.parse_args(argv)


def _selected(paths: list[Path], only: str) -> list[Path]:
    if not only:
        return paths
    wanted = {x.strip().upper() for x in only.split(",") if x.strip()}
    chosen = [p for p in paths if _id_from_file(p) in wanted]
    missing = wanted - {_id_from_file(p) for p in chosen}
    if missing:
        raise SystemExit(f"no scenario for: {', '.join(sorted(missing))}")
    return chosen


def _terminate_on_sigterm() -> None:
    """SIGTERM unwinds like Ctrl-C, so every started server is stopped on the way out."""

    def handler(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    _terminate_on_sigterm()
    paths = _selected(scenario_files(), args.only)
    if not paths:
        print("no scenarios found in bench/scenarios", file=sys.stderr)
        return 1
    facts = machine_facts()
    date = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    results: list[dict[str, Any]] = []
    try:
        for path in paths:
            print(f"[bench] {path.stem} ...", file=sys.stderr, flush=True)
            result = run_scenario(path, args.quick)
            results.append({**result, "quick": args.quick, "date": date, "machine": facts})
            print(
                f"[bench] {result['id']}: met={result['met']} ({result['seconds']}s)",
                file=sys.stderr,
                flush=True,
            )
            # Written after every scenario, so an interrupted run still leaves what it measured.
            json_path, md_path = write_results(results, args.out)
    finally:
        harness.stop_all()
    print(md_path.read_text())
    print(f"[bench] wrote {json_path} and {md_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
