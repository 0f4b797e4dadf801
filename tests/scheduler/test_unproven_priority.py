"""More requests than places and no proof in time: the answer is never worse than the greedy
schedule, on priority first and then on breaks."""

from __future__ import annotations

from typing import Any

import pytest

import scheduler.priority as priority_module
import scheduler.solve as solve_module
from scheduler.domains import meeting_domains
from scheduler.event import Event, load_event
from scheduler.greedy import greedy_slots
from scheduler.priority import missed_priority, settle_priority
from scheduler.search import Outcome
from scheduler.solve import better_of, solve
from scheduler.validate import validate
from tests.scheduler.sample_events import meeting, person, slots


@pytest.fixture
def crowded() -> Event:
    """Six optional requests for two slots × two tables: two must be left out."""
    data: dict[str, Any] = {
        "event_id": "temu-bisnis-kendal",
        "fairness": 2,
        "slots": slots(2),
        "tables": 2,
        "participants": [
            person("B01", "PT Astra Otoparts", "buyer"),
            person("B02", "PT Indofood", "buyer"),
            person("S01", "UD Sinar Logam", "supplier"),
            person("S02", "CV Maju Jaya", "supplier"),
            person("S03", "UD Kendal Plastik", "supplier"),
        ],
        "meetings": [
            meeting("M1", "B01", "S01", mandatory=False, priority=0.9),
            meeting("M2", "B01", "S02", mandatory=False, priority=0.8),
            meeting("M3", "B01", "S03", mandatory=False, priority=0.4),
            meeting("M4", "B02", "S01", mandatory=False, priority=0.7),
            meeting("M5", "B02", "S02", mandatory=False, priority=0.6),
            meeting("M6", "B02", "S03", mandatory=False, priority=0.5),
        ],
    }
    return load_event(data)


def nothing_found(*_: Any, **__: Any) -> Outcome:
    return Outcome("unknown", {}, 0.0, 0.0)


def test_priority_stage_without_an_answer_keeps_the_greedy_schedule(
    crowded: Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    domains = meeting_domains(crowded)
    greedy = greedy_slots(crowded, domains)
    monkeypatch.setattr(priority_module, "run", nothing_found)
    stage = settle_priority(crowded, domains, greedy, time_limit=1.0, workers=1)
    assert stage.status == "feasible"
    assert stage.slots == greedy and stage.missed == missed_priority(crowded, greedy)


def test_solver_stopped_early_returns_at_least_the_greedy(
    crowded: Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every CP-SAT run "times out" with only the lowest-priority request placed.
    def one_meeting(*_: Any, **__: Any) -> Outcome:
        return Outcome("feasible", {"M3": 0}, 0.0, 0.0)

    monkeypatch.setattr(priority_module, "run", one_meeting)
    monkeypatch.setattr(solve_module, "run", one_meeting)
    schedule = solve(crowded, time_limit=2)
    assert validate(crowded, schedule) == []
    greedy = greedy_slots(crowded, meeting_domains(crowded))
    held = {a.meeting: 0 for a in schedule.assignments}
    assert missed_priority(crowded, held) <= missed_priority(crowded, greedy)
    assert len(schedule.assignments) == len(greedy) == 4


def test_better_of_prefers_more_priority(crowded: Event) -> None:
    two_meetings = {"M1": 0, "M5": 1}
    four_meetings = {"M1": 0, "M5": 0, "M2": 1, "M4": 1}
    assert better_of(crowded, two_meetings, four_meetings) == four_meetings
    assert better_of(crowded, four_meetings, two_meetings) == four_meetings
