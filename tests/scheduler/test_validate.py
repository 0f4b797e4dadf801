"""The independent validator catches each kind of broken schedule a user could be handed."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.event import Event, load_event
from scheduler.result import Assignment, Breaks, Schedule, Unscheduled
from scheduler.validate import count_breaks, validate
from tests.scheduler.sample_events import meeting


@pytest.fixture
def event(tegal_event: dict[str, Any]) -> Event:
    tegal_event["slots"][3]["session"] = "pm"
    tegal_event["participants"][4]["unavailable"] = ["s4"]  # S03 leaves early
    tegal_event["meetings"][1]["after"] = ["M1"]
    tegal_event["meetings"][3]["fixed_slot"] = "s1"
    tegal_event["meetings"][3]["session"] = "am"
    tegal_event["meetings"].append(meeting("M5", "B02", "S02", mandatory=False))
    return load_event(tegal_event)


def good_schedule(event: Event) -> Schedule:
    assignments = [
        Assignment(meeting="M4", slot="s1", table="T1"),
        Assignment(meeting="M1", slot="s1", table="T2"),
        Assignment(meeting="M2", slot="s2", table="T2"),
        Assignment(meeting="M3", slot="s2", table="T1"),
    ]
    breaks = count_breaks(event, assignments)
    return Schedule(
        event_id=event.event_id,
        status="optimal",
        assignments=assignments,
        unscheduled=[Unscheduled(meeting="M5", reason="no room")],
        breaks=Breaks(total=sum(breaks.values()), per_participant=breaks),
        solve_seconds=0.1,
    )


def broken(event: Event, slot_of: dict[str, str], **table_of: str) -> list[str]:
    schedule = good_schedule(event)
    for a in schedule.assignments:
        a.slot = slot_of.get(a.meeting, a.slot)
        a.table = table_of.get(a.meeting, a.table)
    breaks = count_breaks(event, schedule.assignments)
    schedule.breaks = Breaks(total=sum(breaks.values()), per_participant=breaks)
    return validate(event, schedule)


def test_a_sound_schedule_passes(event: Event) -> None:
    assert validate(event, good_schedule(event)) == []


def test_breaks_are_counted_once_per_idle_run(event: Event) -> None:
    assignments = [
        Assignment(meeting="M1", slot="s1", table="T1"),
        Assignment(meeting="M2", slot="s4", table="T1"),  # B01 idles s2 and s3: one break
        Assignment(meeting="M3", slot="s3", table="T1"),  # S01 idles s2: one break
    ]
    breaks = count_breaks(event, assignments)
    assert breaks["B01"] == 1 and breaks["S01"] == 1 and breaks["S02"] == 0


def test_double_booked_participant(event: Event) -> None:
    assert any("S01 is double-booked in s2" in p for p in broken(event, {"M1": "s2"}, M1="T3"))


def test_table_used_twice(event: Event) -> None:
    assert any("table T2 holds 2 meetings in s2" in p for p in broken(event, {}, M3="T2"))


def test_more_meetings_than_tables(tegal_event: dict[str, Any]) -> None:
    tegal_event["tables"] = 1
    event = load_event(tegal_event)
    schedule = good_schedule(event)
    assert any("s1 holds 2 meetings but there are 1 tables" in p for p in validate(event, schedule))


def test_unavailable_slot_session_fixed_and_order(event: Event) -> None:
    problems = broken(event, {"M4": "s4", "M2": "s1"}, M2="T3")
    assert any("S03 cannot attend s4" in p for p in problems)
    assert any("M4 must be in session 'am'" in p for p in problems)
    assert any("M4 is fixed to s1 but was moved to s4" in p for p in problems)
    assert any("M2 (s1) must come after M1 (s1)" in p for p in problems)


def test_missing_mandatory_and_unexplained_optional(event: Event) -> None:
    schedule = good_schedule(event)
    schedule.assignments = schedule.assignments[1:]
    schedule.unscheduled = []
    problems = validate(event, schedule)
    assert "mandatory meeting M4 is missing" in problems
    assert "optional meeting M5 is neither scheduled nor explained" in problems


def test_miscounted_breaks_and_unknown_ids(event: Event) -> None:
    schedule = good_schedule(event)
    schedule.breaks = Breaks(total=3, per_participant={"B01": 3})
    schedule.assignments.append(Assignment(meeting="M99", slot="s3", table="T1"))
    schedule.assignments.append(Assignment(meeting="M5", slot="s9", table="T1"))
    problems = validate(event, schedule)
    assert "schedule reports 3 breaks in total, recount gives 0" in problems
    assert "B01: schedule reports 3 breaks, recount gives 0" in problems
    assert "assignment names unknown meeting 'M99'" in problems
    assert "meeting M5 is in unknown slot 's9'" in problems


def test_fairness_cap_exceeded(tegal_event: dict[str, Any]) -> None:
    tegal_event["fairness"] = 0
    event = load_event(tegal_event)
    problems = broken(event, {"M2": "s4", "M3": "s2", "M4": "s1"}, M3="T2")
    assert any("fairness cap 0 exceeded: B01 has 1 breaks" in p for p in problems)


def test_one_table_per_buyer_is_checked(tegal_event: dict[str, Any]) -> None:
    tegal_event["one_table_per_buyer"] = True
    event = load_event(tegal_event)
    problems = broken(event, {}, M2="T1")  # B01 moves from T2 to T1, which B02 uses
    assert any("buyer B01 should keep one table" in p for p in problems)
    assert any("table T1 is used by two buyers" in p for p in problems)


def test_infeasible_schedule_must_be_empty_and_explained(event: Event) -> None:
    schedule = good_schedule(event)
    schedule.status = "infeasible"
    problems = validate(event, schedule)
    assert "an infeasible schedule must not hold assignments" in problems
    assert "an infeasible schedule must say why (reason is empty)" in problems
