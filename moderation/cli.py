"""``flask --app backend moderation ...``: moderation's own commands, registered by ``init_app``."""

from __future__ import annotations

import json

import click
from flask.cli import AppGroup

from moderation import audit, timers

group = AppGroup("moderation", help="Safeguarding moderation: audit chain and timers.")


@group.command("verify-audit")
def verify_audit() -> None:
    """Check the audit log's hash chain; exits 1 and names the first broken row if it does not hold."""
    result = audit.verify()
    click.echo(json.dumps(result.as_dict()))
    if not result.ok:
        raise SystemExit(1)


@group.command("run-timers")
def run_timers() -> None:
    """One pass of the moderation timers now (deadlines, lapsed claims, effect retries)."""
    click.echo(json.dumps(timers.run_due_timers()))
