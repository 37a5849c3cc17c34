"""Accounts: families, people and personas, sign-up, vetting, blocks and mutes, data rights."""

from __future__ import annotations

import logging

from flask import Flask

log = logging.getLogger(__name__)


def register(app: Flask) -> None:
    """Everything accounts installs, listed once (ARCHITECTURE.md section 4). Accounts owns the hook
    lists other features fill (``on_account_deleted``, ``on_turned_18``, ``on_account_closed``,
    ``on_rights_changed``, ``on_profile_text``, ``register_exporter``)."""
    from backend import jobs
    from backend.accounts import service
    from backend.core import auth as core_auth

    # HTTP: a bearer token is an account's access token (every check: signature, expiry, sign-in).
    core_auth.set_token_authenticator(service.authenticate_access_token)
    # Jobs: the 18th birthday moves a young person on (PRODUCT.md section 1), hourly.
    jobs.register("turning 18", "JOBS_PERIOD_SECONDS", run_turning_18)


def run_turning_18() -> None:
    from backend.accounts import service

    moved = service.do_turning_18()
    if moved:
        log.info("turning 18", extra={"moved": len(moved)})
