"""The MaxSAT engine agrees with CP-SAT on small events (skipped without PySAT)."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.domains import meeting_domains
from scheduler.event import load_event
from scheduler.maxsat import available, maxsat_slots
from scheduler.solve import schedule_from_slots, solve
from scheduler.validate import validate
from tests.scheduler.sample_events import meeting, person

pytestmark = pytest.mark.skipif(not available(), reason="PySAT not installed")


def test_same_optimum_as_cp_sat_with_a_forced_break(tegal_event: dict[str, Any]) -> None:
    tegal_event["participants"].append(person("S04", "CV Kendal Mandiri", "supplier"))
    tegal_event["participants"][2]["unavailable"] = ["s2", "s3"]  # S01 only at s1 or s4
    tegal_event["meetings"] += [meeting("M5", "B01", "S04"), meeting("M6", "B02", "S04")]
    tegal_event["meetings"][2]["after"] = ["M1"]
    event = load_event(tegal_event)
    slots = maxsat_slots(event, meeting_domains(event), time_limit=20)
    assert slots is not None
    schedule = schedule_from_slots(event, slots, status="optimal", seconds=0.0)
    assert validate(event, schedule) == []
    assert schedule.breaks.total == solve(event, time_limit=10).breaks.total


def test_optional_meetings_are_left_to_cp_sat(tegal_event: dict[str, Any]) -> None:
    tegal_event["meetings"][0]["mandatory"] = False
    event = load_event(tegal_event)
    assert maxsat_slots(event, meeting_domains(event), time_limit=5) is None
