"""Safeguarding moderation: a separate system with its own database, API and audit log.

The backend talks to it only through ``moderation.api``; nothing here imports ``backend``.
"""
