"""Consultations (Adopter Voice): short questionnaires an agency puts to its families, young people or
adult adoptees, reported only in aggregate (PRODUCT.md 2.6)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, utcnow


class ConsultationStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class QuestionKind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    SCALE = "scale"
    FREE_TEXT = "free_text"


class Consultation(Base):
    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency: Mapped[str] = mapped_column(String(120), index=True)
    audience: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(200))
    introduction: Mapped[str] = mapped_column(Text, default="")
    # [{"key", "kind", "text", "options"?, "scale_min"?, "scale_max"?}], fixed once published
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default=ConsultationStatus.OPEN)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConsultationParticipant(Base):
    """Who has answered (so each member answers once). Kept apart from the answers, which carry no
    person and no time: the results are about the answers, never about who gave them."""

    __tablename__ = "consultation_participants"
    __table_args__ = (UniqueConstraint("consultation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConsultationAnswer(Base):
    __tablename__ = "consultation_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    question_key: Mapped[str] = mapped_column(String(40))
    choice: Mapped[str | None] = mapped_column(String(120))
    scale_value: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
