"""Shared fixtures for the scheduler tests."""

from __future__ import annotations

from typing import Any

import pytest

from tests.scheduler.sample_events import meeting, person, slots


@pytest.fixture
def tegal_event() -> dict[str, Any]:
    """Two buyers, three suppliers from Kab. Tegal, four slots, two tables."""
    return {
        "event_id": "temu-bisnis-tegal-2027-03",
        "fairness": 2,
        "slots": slots(4),
        "tables": 2,
        "participants": [
            person("B01", "PT Astra Otoparts", "buyer"),
            person("B02", "PT Krakatau Steel", "buyer"),
            person("S01", "UD Sinar Logam", "supplier", regency="Kab. Tegal"),
            person("S02", "CV Maju Jaya Teknik", "supplier", regency="Kab. Tegal"),
            person("S03", "Koperasi Logam Kebasen", "supplier", regency="Kab. Tegal"),
        ],
        "meetings": [
            meeting("M1", "B01", "S01"),
            meeting("M2", "B01", "S02"),
            meeting("M3", "B02", "S01"),
            meeting("M4", "B02", "S03"),
        ],
    }
