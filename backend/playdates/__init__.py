"""The playdate finder (issue #19): opt-in profiles of verified carers, a nearby search that never
reveals more than a coarse cell, hiding, and double opt-in invitations that open a direct message."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Everything this feature installs, listed once."""
    from backend import jobs
    from backend.accounts import service as accounts
    from backend.chat import service as chat
    from backend.playdates import data_rights, invitations, profiles

    chat.register_dm_link(invitations.linked)  # an accepted invitation lets the two families message
    accounts.register_exporter("playdates", data_rights.export)
    accounts.on_account_deleted(data_rights.on_deleted)
    accounts.on_account_closed(data_rights.on_closed)
    accounts.on_rights_changed(profiles.recheck)  # the search trusts ``visible`` (search.py)
    jobs.register("playdate profiles going quiet", "JOBS_PERIOD_SECONDS", run_quiet)


def run_quiet() -> None:
    from backend.playdates import quiet

    quiet.run()
