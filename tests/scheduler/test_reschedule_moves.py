"""On the day, every moved meeting means a reprinted agenda: re-scheduling moves only what it must,
even when the solver is stopped early."""

from __future__ import annotations

from typing import Any

import pytest

import scheduler.reschedule as reschedule_module
from scheduler.event import Event, load_event
from scheduler.reschedule import reschedule
from scheduler.result import Schedule
from scheduler.search import Outcome
from scheduler.solve import schedule_from_slots
from scheduler.validate import validate
from tests.scheduler.sample_events import meeting, person, slots

# Made by hand, as an organizer might have adjusted it: B02 has an idle slot (s4) between M5
# and M6 that a re-planner chasing fewer breaks would be tempted to close by moving M6.
PLANNED = {"M1": "s1", "M2": "s2", "M3": "s3", "M4": "s1", "M5": "s3", "M6": "s5"}


@pytest.fixture
def cirebon() -> Event:
    data: dict[str, Any] = {
        "event_id": "temu-bisnis-cirebon",
        "fairness": 2,
        "slots": slots(6),
        "tables": 2,
        "participants": [
            person("B01", "PT Indofood Cirebon", "buyer"),
            person("B02", "PT Rajawali Nusindo", "buyer"),
            person("S01", "UD Rotan Plumbon", "supplier"),
            person("S02", "CV Batik Trusmi", "supplier"),
            person("S03", "UD Logam Kedawung", "supplier"),
            person("S04", "CV Kerupuk Kulit Jaya", "supplier"),
        ],
        "meetings": [
            meeting("M1", "B01", "S01"),
            meeting("M2", "B01", "S02"),
            meeting("M3", "B01", "S03"),
            meeting("M4", "B02", "S02"),
            meeting("M5", "B02", "S04"),
            meeting("M6", "B02", "S01"),
        ],
    }
    return load_event(data)


def planned(event: Event) -> Schedule:
    position = event.slot_index()
    plan = schedule_from_slots(
        event, {m: position[s] for m, s in PLANNED.items()}, status="feasible", seconds=0.0
    )
    assert validate(event, plan) == []
    return plan


def moved_meetings(new: Schedule) -> set[str]:
    return {c.meeting for c in new.changes if c.kind == "moved"}


def test_supplier_missing_one_slot_moves_only_its_meeting(cirebon: Event) -> None:
    # S03 will not make it to s3 (arrives for s4): only M3 (B01–S03 at s3) has to move.
    new, changes = reschedule(
        cirebon, planned(cirebon), now_slot="s3", late_until={"S03": "s4"}, time_limit=10
    )
    assert [(c.meeting, c.kind) for c in changes] == [("M3", "moved")]
    placed = {a.meeting: a.slot for a in new.assignments}
    assert placed["M6"] == "s5"  # B02's idle slot stays: fewer breaks are not worth a reprint
    assert placed["M3"] not in {"s1", "s2", "s3"}


def _stopped_early(outcome: Outcome) -> Any:
    def run(*_: Any, **__: Any) -> Outcome:
        return outcome

    return run


@pytest.mark.parametrize("found", ["nothing", "a schedule that moves more"])
def test_solver_stopped_early_never_moves_more_than_the_repair(
    cirebon: Event, found: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    position = cirebon.slot_index()
    if found == "nothing":
        outcome = Outcome("unknown", {}, 0.0, 0.0)
    else:
        # Valid, with fewer breaks, but two meetings move instead of one.
        worse = {"M1": "s1", "M2": "s2", "M3": "s4", "M4": "s1", "M5": "s3", "M6": "s4"}
        outcome = Outcome("feasible", {m: position[s] for m, s in worse.items()}, 0.0, 0.0)
    monkeypatch.setattr(reschedule_module, "run", _stopped_early(outcome))
    new, _ = reschedule(
        cirebon, planned(cirebon), now_slot="s3", late_until={"S03": "s4"}, time_limit=0.5
    )
    assert new.status == "feasible"
    assert moved_meetings(new) == {"M3"}
    assert not [c for c in new.changes if c.kind == "dropped"]
