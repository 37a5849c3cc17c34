"""Playdate finder records: a family's opt-in profile, the accounts it hides from, and invitations.

Where a family lives is kept only as the H3 cell at resolution 7 (about 5 km²) and a coarse area
label; the coordinates the client sends are turned into the cell and dropped in the request that
brought them (``location.py``). Children appear only as age bands and interests, stored as bit masks
so the nearby search filters in SQL on any database (``search.py``); no names, photos or schools.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, utcnow


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"  # never shown to the family who proposed (declines are silent)
    # Screening refused its texts: kept, never served (nor told to the invited family), so the id
    # moderation keeps the refused texts under is never reused (as groups keep a blocked thread).
    REFUSED = "refused"


class PlaydateProfile(Base):
    __tablename__ = "playdate_profiles"
    # The nearby search reads this index alone (``search.py``): the cell first, then everything the
    # search filters on and returns, so no table row is read per candidate on SQLite or PostgreSQL.
    __table_args__ = (
        Index(
            "ix_playdate_profiles_nearby",
            "cell",
            "visible",
            "age_bands",
            "interests",
            "family_id",
            "user_id",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    # The opaque handle others use to invite this family: never the account id.
    handle: Mapped[str] = mapped_column(String(24), unique=True)
    # Shown to others. True only when the family turned the finder on while allowed to use it
    # (``walls.access_finder``); set False when they turn it off, when it goes quiet (``quiet.py``) and
    # when the account stops being allowed (closed, or no longer a carer: ``profiles.recheck``). The
    # search trusts it instead of joining users and families for every candidate.
    visible: Mapped[bool] = mapped_column(Boolean, default=False)
    # The owner's family, copied from the account (a carer's family never changes), so "another
    # family" is tested in the search's index.
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"))
    cell: Mapped[str] = mapped_column(String(16))  # H3 resolution 7, never returned
    area: Mapped[str] = mapped_column(String(40))
    age_bands: Mapped[int] = mapped_column(Integer, default=0)  # bit mask of vocabulary.AGE_BANDS
    interests: Mapped[int] = mapped_column(Integer, default=0)
    accessibility: Mapped[int] = mapped_column(Integer, default=0)
    availability: Mapped[int] = mapped_column(Integer, default=0)
    about: Mapped[str] = mapped_column(Text, default="")
    last_active_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the family was told the profile will go quiet; cleared by any use of the finder.
    quiet_notice_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PlaydateHide(Base):
    """``owner`` hides their family from ``hidden``; the search applies it both ways."""

    __tablename__ = "playdate_hides"
    __table_args__ = (UniqueConstraint("owner_id", "hidden_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    hidden_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PlaydateInvitation(Base):
    __tablename__ = "playdate_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    to_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    venue_type: Mapped[str] = mapped_column(String(30))
    # Shared with the invited family only once they accept.
    venue_details: Mapped[str] = mapped_column(Text, default="")
    message: Mapped[str] = mapped_column(Text, default="")
    window_start: Mapped[datetime] = mapped_column()
    window_end: Mapped[datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(10), default=InvitationStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(default=None)
