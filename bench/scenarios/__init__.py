"""Scenario modules ``b*.py``, each with ``ID``, ``TARGET`` and ``run(quick) -> dict``."""
