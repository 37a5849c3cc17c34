"""Journeys tests read the fixture articles (tests/content/fixtures), so they do not change when the
project's own articles do; tests/content checks the real ones."""

from __future__ import annotations

from pathlib import Path

import pytest

import content

FIXTURES = Path(__file__).parent.parent / "content" / "fixtures"


@pytest.fixture(autouse=True)
def fixture_content(monkeypatch: pytest.MonkeyPatch) -> content.Library:
    lib = content.load(FIXTURES / "articles", FIXTURES / "directory.yaml", every_region=False)
    monkeypatch.setattr(content, "library", lambda: lib)
    return lib
