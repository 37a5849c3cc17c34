from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.moderation.helpers import Recorder, recording


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    with recording() as r:
        yield r
