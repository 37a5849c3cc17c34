"""The two files an event offers: its calendar entry (``.ics``, RFC 5545, written by hand) and the
attendance export (CSV) for agencies that report on group provision.

The calendar entry carries the venue or link only for people who may see them (the same rule as
the event's view). The export names adults; on a young people's event attendees are numbered, not
named, so no child's name leaves the service in a file (``attendance`` in the API, behind the DBS
wall, still names them to the organiser).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from backend.accounts.models import User
from backend.core.db import utcnow
from backend.events import times
from backend.events.models import EventStatus
from backend.events.reading import access_event, queue
from backend.groups.models import YOUNG_PEOPLE

PRODID = "-//Kinship community//Events//EN"


def escape_text(value: str) -> str:
    """RFC 5545 3.3.11: backslash, semicolon, comma and newlines escaped; other controls dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return "".join(ch for ch in value if ch == "\t" or (ord(ch) >= 32 and ord(ch) != 127))


def fold(line: str) -> str:
    """RFC 5545 3.1: lines of at most 75 octets, continued with CRLF and a space, never splitting a
    UTF-8 character."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += width
    out.append(current)
    return "\r\n".join(out)


def _stamp(value: datetime) -> str:
    return value.astimezone(times.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(user: User, event_id: int) -> str:
    found = access_event(user, event_id)
    event, details = found.event, found.standing.details
    cancelled = event.status == EventStatus.CANCELLED
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:event-{event.id}@events.kinship-community.invalid",
        f"DTSTAMP:{_stamp(utcnow())}",
        f"DTSTART:{_stamp(event.starts_at)}",
        f"DTEND:{_stamp(event.ends_at)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(event.description)}",
        # A calendar that imported the event takes the cancellation as a newer version of it.
        f"SEQUENCE:{1 if cancelled else 0}",
        "STATUS:" + ("CANCELLED" if cancelled else "CONFIRMED"),
    ]
    if details and event.venue:
        lines.append(f"LOCATION:{escape_text(event.venue)}")
    elif event.area:
        lines.append(f"LOCATION:{escape_text(event.area)}")
    if details and event.online_link:
        lines.append(f"URL:{event.online_link}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def _cell(value: str) -> str:
    """No spreadsheet formula from a display name (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def attendance_csv(user: User, event_id: int) -> str:
    event = access_event(user, event_id, "attendance").event
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["event_id", "event", "starts_at", "attendee", "status", "since"])
    youth = event.audience == YOUNG_PEOPLE
    for n, (rsvp, person) in enumerate(queue(event.id), start=1):
        writer.writerow(
            [
                event.id,
                _cell(event.title),
                times.shown(event.starts_at).isoformat(),
                f"Attendee {n}" if youth else _cell(person.display_name),
                rsvp.status,
                times.shown(rsvp.queued_at).isoformat(),
            ]
        )
    return out.getvalue()
