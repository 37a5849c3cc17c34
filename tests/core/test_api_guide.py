"""docs/api.md's examples run as written against a real server with the demo data (as after
``make run``), and answer what the guide shows: each ``# {...}`` or ``# NNN`` line after a command is
checked against what the command printed (``...`` stands for the rest of the value)."""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

import pytest

from backend import demo
from tests.servers import ROOT, server

pytestmark = pytest.mark.slow

GUIDE = ROOT / "docs" / "api.md"
# A line of shown output: "# " then JSON, a status code or a header (not prose, not a URL).
SHOWN = re.compile(r"^#\s+(\{.*\}|\d{3}|[A-Za-z-]+: .*|HTTP/1\.1 .*)$")


def _blocks() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE.read_text(), re.S)
    return [re.sub(r"(?m)^ {3}", "", block) for block in blocks]


def _pattern(shown: str) -> re.Pattern[str]:
    """What a shown line promises: the literal text, with ``...`` for anything."""
    parts = [re.escape(part) for part in shown.split("...")]
    return re.compile(".*".join(parts))


def test_the_guide_runs_against_a_server(app: Any, backend: str, tmp_path: Any) -> None:
    if backend != "sqlite":
        pytest.skip("one run is enough: the guide talks HTTP")
    if shutil.which("curl") is None or shutil.which("openssl") is None:
        pytest.skip("curl and openssl are needed")
    demo.load()
    with server(app.config) as url:
        script = "\n".join(_blocks()).replace("B=http://127.0.0.1:5000", f"B={url}")
        done = subprocess.run(
            ["bash", "-eu", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120
        )
    assert done.returncode == 0, done.stderr
    printed = done.stdout
    shown = [m.group(1) for line in script.splitlines() if (m := SHOWN.match(line.strip()))]
    assert len(shown) >= 10
    for line in shown:
        # Times, cursors and counts left change from run to run; the guide shows one run's.
        line = re.sub(r"\d{6,}(\.\d+)?", "...", re.sub(r"Remaining: \d+", "Remaining: ...", line))
        assert _pattern(line).search(printed), line
