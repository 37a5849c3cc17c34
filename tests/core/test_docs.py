"""The documentation stands alone and says what the code does."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from backend.config import load_config
from tests.servers import ROOT

DOCS = [ROOT / "README.md", ROOT / "deploy" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# A document named in a doc: PRODUCT.md, docs/api.md, (moderation.md), [text](realtime.md#sync).
CITED = re.compile(r"(?<![\w/.-])([\w./-]*[A-Za-z0-9_-]+\.md)\b")


def test_every_document_a_doc_cites_is_in_the_repository() -> None:
    """A reader has only the repository: a cited document (a product brief, an issue) that is not in
    it is a dead end."""
    missing = []
    for doc in DOCS:
        for cited in CITED.findall(doc.read_text()):
            if not ((doc.parent / cited).exists() or (ROOT / cited).exists()):
                missing.append((doc.relative_to(ROOT).as_posix(), cited))
    assert missing == []


def test_moderation_settings_are_environment_variables_as_documented(
    monkeypatch: Any, tmp_path: Path
) -> None:
    """docs/moderation.md: MODERATION_* settings are read from the environment, as JSON values."""
    monkeypatch.setenv("MODERATION_LEASE_SECONDS", "123")
    monkeypatch.setenv("MODERATION_DEADLINES", '{"0": 60}')
    config = load_config({"INSTANCE_PATH": str(tmp_path)})
    assert config["MODERATION_LEASE_SECONDS"] == 123
    assert config["MODERATION_DEADLINES"] == {"0": 60}
    guide = (ROOT / "docs" / "moderation.md").read_text()
    assert "not\n  environment variables" not in guide and "not from the environment" not in guide
