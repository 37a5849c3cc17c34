"""A client generated from the OpenAPI document works: a code generator (openapi-python-client) makes
a typed Python client from /api/openapi.json, offline, and a short journey runs through it against a
real server. Its methods are named by the operationIds, its models by the schemas, and it raises on
any status the document does not list for the operation (``raise_on_unexpected_status``)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.chat.helpers import make_group
from tests.servers import server

pytestmark = pytest.mark.slow

GENERATOR = Path(sys.executable).parent / "openapi-python-client"


def _generate(spec: dict[str, Any], where: Path) -> Any:
    (where / "openapi.json").write_text(json.dumps(spec))
    # No post-hooks: the generator would otherwise run ruff over its output (not needed to import it).
    (where / "config.yaml").write_text("post_hooks: []\npackage_name_override: kinship_client\n")
    subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(where / "openapi.json"),
            "--output-path",
            str(where / "kinship_client"),
            "--meta",
            "none",
            "--config",
            str(where / "config.yaml"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sys.path.insert(0, str(where))
    try:
        return importlib.import_module("kinship_client")
    finally:
        sys.path.remove(str(where))


def test_a_generated_client_drives_a_journey(app: Any, client: Any, cast: Any, tmp_path: Path) -> None:
    spec = client.get("/api/openapi.json").json
    package = _generate(spec, tmp_path)
    api = importlib.import_module("kinship_client.api")
    get_me = importlib.import_module("kinship_client.api.accounts.get_me")
    list_groups = importlib.import_module("kinship_client.api.groups.list_groups")
    join_group = importlib.import_module("kinship_client.api.groups.join_group")
    start_thread = importlib.import_module("kinship_client.api.groups.start_thread")
    get_thread = importlib.import_module("kinship_client.api.groups.get_thread")
    list_posts = importlib.import_module("kinship_client.api.groups.list_posts")
    models = importlib.import_module("kinship_client.models")
    assert api is not None

    adopter = cast.adopter
    group, _ = make_group(cast.agency_worker, "adopters", [])

    with server(app.config) as url:
        signed_in = package.AuthenticatedClient(
            base_url=url, token=adopter.token, raise_on_unexpected_status=True
        )

        me = get_me.sync(client=signed_in)
        assert isinstance(me, models.Me)
        assert me.id == adopter.id

        groups = list_groups.sync(client=signed_in)
        assert not isinstance(groups, models.Error)
        assert group.id in [g.id for g in groups.items]  # every list is {items, next_cursor}

        joined = join_group.sync(group_id=group.id, client=signed_in)
        assert isinstance(joined, models.MembershipOut), joined

        written = start_thread.sync(
            group_id=group.id,
            client=signed_in,
            body=models.ThreadIn(title="Contact letters", body="How do you all handle letterbox contact?"),
        )
        assert isinstance(written, models.ThreadWritten), written

        assert written.status == "published"
        thread = get_thread.sync(thread_id=written.id, client=signed_in)
        assert isinstance(thread, models.ThreadOut), thread
        assert thread.title == "Contact letters"
        page = list_posts.sync(thread_id=written.id, client=signed_in)
        assert not isinstance(page, models.Error), page
        assert [p.id for p in page.items] == [written.opening_post.id]

        # An error comes back as the documented Error model, not an exception or a bare dict.
        missing = get_thread.sync(thread_id=999_999, client=signed_in)
        assert isinstance(missing, models.Error)
        assert missing.code == 404

        anonymous = package.Client(base_url=url, raise_on_unexpected_status=True)
        refused = get_me.sync_detailed(client=anonymous)
        assert refused.status_code == 401
        assert refused.headers["WWW-Authenticate"] == "Bearer"
