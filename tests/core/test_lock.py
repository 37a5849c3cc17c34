"""The locks pin every dependency pyproject.toml asks for, at a version its range allows, with hashes:
`make lock` refreshes them, and this test fails while the two disagree (someone added or narrowed a
dependency without re-locking)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PINNED = re.compile(r"^([A-Za-z0-9_.\-]+(?:\[[^\]]*\])?)==([^\s\\;]+)", re.MULTILINE)


def _pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text()
    # Every pin carries at least one hash, so `--require-hashes` installs exactly what was locked.
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    for block in blocks:
        if PINNED.match(block):
            assert "--hash=sha256:" in block, f"{lock}: {block.splitlines()[0]} has no hash"
    return {canonicalize_name(Requirement(name).name): version for name, version in PINNED.findall(text)}


def _declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [Requirement(r) for r in project["dependencies"]]
    for extra in extras:
        declared += [Requirement(r) for r in project["optional-dependencies"][extra]]
    return declared


@pytest.mark.parametrize(("lock", "extras"), [("requirements.lock", ()), ("requirements-dev.lock", ("dev",))])
def test_every_declared_dependency_is_pinned_within_its_range(lock: str, extras: tuple[str, ...]) -> None:
    pins = _pins(lock)
    for requirement in _declared(*extras):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is in pyproject.toml but not in {lock}: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {name}=={pins[name]}, outside pyproject.toml's {requirement}: run `make lock`"
        )


def test_the_run_lock_is_the_dev_lock_without_the_tools() -> None:
    run, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    assert {name: dev.get(name) for name in run} == run, (
        "the two locks pin different versions: run `make lock`"
    )
