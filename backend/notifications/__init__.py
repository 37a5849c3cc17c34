"""Notifications: one service every feature uses (issue #15)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Everything this feature installs. Nothing yet beyond its models and ``service.notify``."""
