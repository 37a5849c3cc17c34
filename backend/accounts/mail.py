"""Mail to people who have no account yet (a young person's invitation), sent after the commit.

With ``SMTP_HOST`` set, mail goes through that server (``SMTP_PORT``, default 25; ``MAIL_FROM``).
Without it (the embedded default, development and tests) it is kept in the app's in-memory
``outbox`` (``app.extensions["outbox"]``) and nothing leaves the machine; the log never carries the
mail's text (an invitation's secret).
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from flask import Flask, current_app

from backend.core.realtime import call_after_commit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


def outbox(app: Flask) -> list[Mail]:
    box: list[Mail] = app.extensions.setdefault("outbox", [])
    return box


def send_after_commit(to: str, subject: str, body: str) -> None:
    """Queue a mail that goes only if the current write commits."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    mail = Mail(to, subject, body)
    call_after_commit(lambda: _deliver(app, mail))


def _deliver(app: Flask, mail: Mail) -> None:
    host = app.config.get("SMTP_HOST")
    if not host:
        outbox(app).append(mail)
        log.info("no SMTP_HOST: one mail kept in the in-memory outbox")
        return
    message = EmailMessage()
    message["From"] = app.config["MAIL_FROM"]
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message.set_content(mail.body)
    with smtplib.SMTP(host, int(app.config["SMTP_PORT"]), timeout=10) as smtp:
        smtp.send_message(message)
