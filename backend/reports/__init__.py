"""What users do with moderation: report content or people, appeal a removal, protect a family's names."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Everything reports installs, listed once (ARCHITECTURE.md section 4). Content types are made
    reportable by the features that own them; a person is reportable from here."""
    from backend.reports import service

    service.register_subject("user", service.subject_for_user)
