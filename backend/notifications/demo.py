"""Demo notifications, so the demo accounts have something unread after ``make run``. Idempotent:
each has a dedupe key, so loading again adds nothing."""

from __future__ import annotations

from backend.accounts.models import User
from backend.core.db import db
from backend.notifications.service import notify

# email, category, title, body, link, key
DEMO_NOTIFICATIONS = [
    (
        "adopter@demo.example",
        "mentions_and_replies",
        "New reply in Adopters' circle",
        "Someone replied in a thread you are part of.",
        "/groups",
        "demo:reply:1",
    ),
    (
        "adopter@demo.example",
        "moderation_outcome",
        "Your report has been reviewed",
        "We took action. Thank you for telling us.",
        "/reports/mine",
        "demo:report:1",
    ),
    (
        "adopter@demo.example",
        "memberships",
        "You have joined a group",
        "Your request to join was approved.",
        "/groups",
        "demo:membership:1",
    ),
    (
        "teen@demo.example",
        "mentions_and_replies",
        "New reply in your group",
        "Someone replied in a thread you are part of.",
        "/groups",
        "demo:reply:teen",
    ),
    (
        "dsl@demo.example",
        "safeguarding",
        "Missed deadline: a P2 item is overdue",
        "Open the moderation queue to act on it.",
        "/moderation",
        "demo:alert:1",
    ),
]


def load(users: dict[str, User]) -> None:
    for email, category, title, body, link, key in DEMO_NOTIFICATIONS:
        user = users.get(email)
        if user is not None:
            notify(user.id, category, title, body, link, dedupe_key=key)
    db.session.commit()
