"""The scheduler on small temu bisnis events whose best schedules can be worked out by hand."""

from __future__ import annotations

from typing import Any

from scheduler.event import Event, load_event
from scheduler.result import Schedule
from scheduler.solve import solve
from scheduler.validate import validate
from tests.scheduler.sample_events import meeting, person, slots


def solved(data: dict[str, Any], **options: Any) -> tuple[Event, Schedule]:
    event = load_event(data)
    schedule = solve(event, time_limit=10, **options)
    assert validate(event, schedule) == []
    return event, schedule


def event(
    n_slots: int, tables: int, people: list[dict[str, Any]], meetings: list[Any]
) -> dict[str, Any]:
    return {
        "event_id": "temu-bisnis-kendal",
        "fairness": 2,
        "slots": slots(n_slots),
        "tables": tables,
        "participants": people,
        "meetings": meetings,
    }


def test_small_event_without_breaks(tegal_event: dict[str, Any]) -> None:
    _, schedule = solved(tegal_event)
    assert schedule.status == "optimal"
    assert len(schedule.assignments) == 4
    assert schedule.breaks.total == 0


def test_unavailable_supplier_forces_a_break_for_the_buyer() -> None:
    people = [
        person("B01", "PT Astra Otoparts", "buyer"),
        person("S01", "UD Sinar Logam", "supplier", unavailable=["s2", "s3"]),
        person("S02", "CV Maju Jaya", "supplier", unavailable=["s1", "s2"]),
    ]
    _, schedule = solved(
        event(3, 2, people, [meeting("M1", "B01", "S01"), meeting("M2", "B01", "S02")])
    )
    assert schedule.status == "optimal"
    assert schedule.slot_of() == {"M1": "s1", "M2": "s3"}
    assert schedule.breaks.per_participant["B01"] == 1


def test_meeting_with_cooperative_representative_blocks_all_three() -> None:
    people = [
        person("B01", "PT Krakatau Steel", "buyer"),
        person("B02", "PT Chandra Asri", "buyer"),
        person("S01", "UD Logam Tegal", "supplier"),
        person("K01", "Koperasi Logam Kebasen", "cooperative"),
    ]
    meetings = [
        meeting("M1", "B01", "S01", "K01"),
        meeting("M2", "B02", "S01"),
        meeting("M3", "B02", "K01"),
        meeting("M4", "B01", "K01"),
    ]
    _, schedule = solved(event(4, 2, people, meetings))
    assert schedule.status == "optimal"
    slot = schedule.slot_of()
    assert len({slot["M1"], slot["M3"], slot["M4"]}) == 3  # K01 in three different slots
    assert schedule.breaks.total == 0


def test_precedence_fixed_slot_and_session_together() -> None:
    people = [
        person("B01", "PT Astra Otoparts", "buyer"),
        person("S01", "UD Sinar Logam", "supplier"),
        person("S02", "CV Karya Bekasi", "supplier"),
        person("S03", "PT Cilegon Fabrikasi", "supplier"),
    ]
    meetings = [
        meeting("M1", "B01", "S01", after=["M2"]),
        meeting("M2", "B01", "S02"),
        meeting("M3", "B01", "S03", fixed_slot="s2"),
    ]
    data = event(4, 1, people, meetings)
    data["slots"] = slots(4, morning=2)
    data["meetings"][1]["session"] = "pm"
    _, schedule = solved(data)
    slot = schedule.slot_of()
    assert slot["M3"] == "s2"
    assert slot["M2"] == "s3" and slot["M1"] == "s4"  # M2 in the afternoon, M1 after it
    assert schedule.breaks.total == 0


def test_optional_meetings_that_do_not_all_fit_keep_the_highest_priority() -> None:
    people = [
        person("B01", "PT Astra Otoparts", "buyer"),
        person("S01", "UD Sinar Logam", "supplier"),
        person("S02", "CV Maju Jaya", "supplier"),
        person("S03", "UD Karawang Plastik", "supplier"),
    ]
    meetings = [
        meeting("M1", "B01", "S01", mandatory=False, priority=0.9),
        meeting("M2", "B01", "S02", mandatory=False, priority=0.4),
        meeting("M3", "B01", "S03", mandatory=False, priority=0.7),
    ]
    _, schedule = solved(event(2, 1, people, meetings))
    assert schedule.status == "optimal"
    assert set(schedule.slot_of()) == {"M1", "M3"}
    (left_out,) = schedule.unscheduled
    assert left_out.meeting == "M2"
    assert "B01 already has a meeting in every slot" in left_out.reason


def test_one_table_per_buyer_keeps_buyers_seated() -> None:
    people = [
        person("B01", "PT Astra Otoparts", "buyer"),
        person("B02", "PT Krakatau Steel", "buyer", table="T3"),
        person("S01", "UD Sinar Logam", "supplier"),
        person("S02", "CV Maju Jaya", "supplier"),
        person("S03", "UD Karawang Plastik", "supplier"),
    ]
    meetings = [
        meeting("M1", "B01", "S01"),
        meeting("M2", "B01", "S02"),
        meeting("M3", "B02", "S01"),
        meeting("M4", "B02", "S03"),
        meeting("M5", "S02", "S03"),  # two suppliers meet at a shared table
    ]
    data = event(3, 3, people, meetings)
    data["one_table_per_buyer"] = True
    _, schedule = solved(data)
    table = {a.meeting: a.table for a in schedule.assignments}
    assert table["M3"] == table["M4"] == "T3"
    assert table["M1"] == table["M2"] != "T3"
    assert table["M5"] not in {table["M1"], "T3"}


def test_infeasible_event_names_the_constraint_set() -> None:
    people = [
        person("B01", "PT Astra Otoparts", "buyer"),
        person("S01", "UD Sinar Logam", "supplier"),
        person("S02", "CV Maju Jaya", "supplier"),
    ]
    meetings = [
        meeting("M1", "B01", "S01", fixed_slot="s1"),
        meeting("M2", "B01", "S02", fixed_slot="s1"),
    ]
    event_data = event(3, 2, people, meetings)
    _, schedule = solved(event_data)
    assert schedule.status == "infeasible"
    assert schedule.assignments == []
    assert "fixed slots" in (schedule.reason or "")


def test_fairness_cap_can_make_an_event_infeasible() -> None:
    people = [
        person("B01", "PT Astra Otoparts", "buyer"),
        person("S01", "UD Sinar Logam", "supplier", unavailable=["s2", "s3"]),
        person("S02", "CV Maju Jaya", "supplier", unavailable=["s1", "s2"]),
        person("S03", "UD Tegal Jaya", "supplier"),
    ]
    data = event(3, 2, people, [meeting("M1", "B01", "S01"), meeting("M2", "B01", "S02")])
    data["fairness"] = 0  # B01 must idle in s2, while S03 has no meeting at all
    _, schedule = solved(data)
    assert schedule.status == "infeasible"
    assert "fairness" in (schedule.reason or "")


def test_participant_with_too_many_meetings_is_caught_before_solving() -> None:
    people = [person("B01", "PT Astra Otoparts", "buyer")] + [
        person(f"S0{i}", f"UD Logam {i}", "supplier") for i in range(1, 4)
    ]
    meetings = [meeting(f"M{i}", "B01", f"S0{i}") for i in range(1, 4)]
    _, schedule = solved(event(2, 3, people, meetings))
    assert schedule.status == "infeasible"
    assert "B01 has 3 mandatory meetings but only 2 slots" in (schedule.reason or "")


def test_progress_is_reported(tegal_event: dict[str, Any]) -> None:
    seen: list[str] = []
    solve(load_event(tegal_event), time_limit=5, progress=lambda _, text: seen.append(text))
    assert seen and "objective" in seen[-1]


def test_fairness_when_nobody_is_idle_compares_real_break_counts() -> None:
    people = [
        person("B01", "PT Astra Otoparts", "buyer", unavailable=["s2"]),
        person("S01", "UD Sinar Logam", "supplier"),
        person("S02", "CV Maju Jaya", "supplier"),
    ]
    meetings = [
        meeting("M1", "B01", "S01"),
        meeting("M2", "B01", "S02"),
        meeting("M3", "S01", "S02"),
    ]
    data = event(3, 2, people, meetings)
    data["fairness"] = 1
    _, schedule = solved(data)
    assert schedule.status == "optimal"
    assert schedule.breaks.per_participant == {"B01": 1, "S01": 0, "S02": 0}
    data["fairness"] = 0  # S01 or S02 would need a break too, which M3 in s2 cannot give
    _, schedule = solved(data)
    assert schedule.status == "infeasible"
    assert "fairness" in (schedule.reason or "")
