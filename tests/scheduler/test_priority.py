"""Optional meetings: priority is settled first, then breaks are minimised and proven."""

from __future__ import annotations

from typing import Any

from scheduler.event import load_event
from scheduler.solve import solve
from scheduler.validate import validate
from tests.scheduler.sample_events import meeting, person, slots


def event(n_slots: int, tables: int, people: list[Any], meetings: list[Any]) -> dict[str, Any]:
    return {
        "event_id": "temu-bisnis-karawang",
        "fairness": 2,
        "slots": slots(n_slots),
        "tables": tables,
        "participants": people,
        "meetings": meetings,
    }


def test_all_optional_meetings_that_fit_get_a_proven_schedule() -> None:
    people = [
        person("B01", "PT Astra Otoparts", "buyer"),
        person("B02", "PT Chandra Asri", "buyer"),
        person("S01", "UD Sinar Logam", "supplier", unavailable=["s2", "s3"]),
        person("S02", "CV Maju Jaya", "supplier", unavailable=["s1", "s2"]),
        person("S03", "UD Karawang Plastik", "supplier"),
        person("S04", "CV Bekasi Presisi", "supplier"),
    ]
    meetings = [
        meeting("M1", "B01", "S01", mandatory=False, priority=0.9),
        meeting("M2", "B01", "S02", mandatory=False, priority=0.8),
        meeting("M3", "B02", "S03", mandatory=False, priority=0.6),
        meeting("M4", "B02", "S04", mandatory=False, priority=0.5),
    ]
    data = event(3, 2, people, meetings)
    schedule = solve(load_event(data), time_limit=10)
    assert validate(load_event(data), schedule) == []
    # Dropping M2 would spare B01 its break, but priority comes before breaks.
    assert set(schedule.slot_of()) == {"M1", "M2", "M3", "M4"}
    assert schedule.status == "optimal"
    assert schedule.breaks.total == 1
    assert schedule.breaks_bound == 1


def test_when_some_must_go_the_rest_still_get_the_fewest_breaks_proven() -> None:
    people = [
        person("B01", "PT Krakatau Steel", "buyer"),
        person("B02", "PT Indofood", "buyer"),
        person("S01", "UD Logam Cilegon", "supplier"),
        person("S02", "CV Kendal Teknik", "supplier", unavailable=["s2"]),
        person("S03", "UD Tegal Cor", "supplier"),
        person("S04", "CV Karya Bekasi", "supplier"),
    ]
    meetings = [
        meeting("M1", "B01", "S01", mandatory=False, priority=0.9),
        meeting("M2", "B01", "S02", mandatory=False, priority=0.8),
        meeting("M3", "B01", "S03", mandatory=False, priority=0.1),
        meeting("M4", "B02", "S04", mandatory=False, priority=0.9),
    ]
    data = event(3, 1, people, meetings)  # one table: only three meetings fit
    schedule = solve(load_event(data), time_limit=10)
    assert validate(load_event(data), schedule) == []
    assert [u.meeting for u in schedule.unscheduled] == ["M3"]
    assert schedule.status == "optimal"
    assert schedule.breaks.total == 0
    assert schedule.breaks_bound == 0
