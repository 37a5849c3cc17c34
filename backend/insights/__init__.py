"""Insights for agencies (waiting times, targets, reasons not progressed) and consultations (Adopter
Voice): aggregates only, small cells suppressed (issue #17)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Everything this feature installs: nothing beyond its routes and models. Consultation answers
    carry no person (``models.ConsultationAnswer``), so there is nothing to export or anonymise; who
    answered (``ConsultationParticipant``) only stops a second answer."""
