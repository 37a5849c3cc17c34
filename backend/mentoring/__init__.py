"""Mentoring, parent consultants and buddying (issue #18; PRODUCT.md 2.3).

``register(app)`` installs everything the feature adds to the rest of the app, listed once.
"""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from backend import jobs
    from backend.accounts import service as accounts
    from backend.chat import service as chat
    from backend.journeys import service as journeys
    from backend.mentoring import data_rights, people, service

    # An active match is a right for the pair to message each other directly (chat still applies
    # its own wall and blocks).
    chat.register_dm_link(people.live_pair)
    # Mentors the matching engine would offer this person, suggested on their journey.
    journeys.register_recommender("mentors", service.journey_suggestions)
    accounts.register_exporter("mentoring", data_rights.export)
    accounts.on_account_deleted(data_rights.on_account_deleted)
    accounts.on_account_closed(data_rights.on_account_closed)
    accounts.on_turned_18(data_rights.on_turned_18)
    # A chosen mentor who does not answer within 7 days: the match expires, the seeker is told.
    jobs.register("mentoring expiry", "JOBS_PERIOD_SECONDS", _expire_due)


def _expire_due() -> None:
    from backend.mentoring import matches

    matches.do_expire()
