"""The greedy's repair: left-out meetings are fitted in, gaps are closed, rules still hold."""

from __future__ import annotations

from typing import Any

from scheduler.domains import meeting_domains
from scheduler.event import Event, load_event
from scheduler.greedy import greedy_slots
from scheduler.repair import Placement, complete, improve
from scheduler.solve import schedule_from_slots
from scheduler.validate import validate
from tests.scheduler.sample_events import meeting, person, slots


def event(n_slots: int, tables: int, people: list[Any], meetings: list[Any]) -> Event:
    return load_event(
        {
            "event_id": "temu-bisnis-tegal",
            "fairness": 2,
            "slots": slots(n_slots),
            "tables": tables,
            "participants": people,
            "meetings": meetings,
        }
    )


def checked(event: Event, placed: dict[str, int]) -> None:
    schedule = schedule_from_slots(event, placed, status="feasible", seconds=0.0)
    assert validate(event, schedule) == []


def test_a_left_out_meeting_gets_in_by_swapping_a_chain_of_meetings() -> None:
    people = [
        person("B01", "PT Astra Otoparts", "buyer"),
        person("B02", "PT Krakatau Steel", "buyer"),
        person("S01", "UD Sinar Logam", "supplier", unavailable=["s2"]),
        person("S02", "CV Maju Jaya", "supplier"),
        person("S03", "Koperasi Logam Kebasen", "supplier"),
    ]
    meetings = [
        meeting("M1", "B01", "S01"),
        meeting("M2", "B02", "S02"),
        meeting("M3", "B01", "S02"),
        meeting("M4", "B02", "S03"),
    ]
    tegal = event(2, 2, people, meetings)
    # B01 is busy in s1 (M1 cannot move: S01 is away in s2), S02 is busy in s2 with M2,
    # and M2 cannot simply move to s1 because B02 meets S03 there.
    placement = Placement(tegal, meeting_domains(tegal), {"M1": 0, "M2": 1, "M4": 0})
    complete(placement)
    assert placement.slot == {"M1": 0, "M2": 0, "M3": 1, "M4": 1}
    checked(tegal, placement.slot)


def test_improvement_closes_a_gap_in_a_buyers_day() -> None:
    people = [
        person("B01", "PT Chandra Asri", "buyer"),
        person("S01", "UD Karawang Plastik", "supplier"),
        person("S02", "CV Kendal Teknik", "supplier"),
    ]
    meetings = [meeting("M1", "B01", "S01"), meeting("M2", "B01", "S02")]
    karawang = event(4, 1, people, meetings)
    placement = Placement(karawang, meeting_domains(karawang), {"M1": 0, "M2": 3})
    improve(placement, seconds=1.0)
    assert abs(placement.slot["M1"] - placement.slot["M2"]) == 1
    checked(karawang, placement.slot)


def test_greedy_places_every_meeting_of_a_full_event_and_keeps_the_rules() -> None:
    # Four buyers each meet the same four suppliers in four slots: every slot is full for
    # everybody, which a slot-by-slot sweep alone easily gets wrong.
    buyers = [person(f"B0{i}", f"PT Pembeli {i}", "buyer") for i in range(1, 5)]
    suppliers = [person(f"S0{i}", f"UD Pemasok {i}", "supplier") for i in range(1, 5)]
    meetings = [meeting(f"M{b}{s}", f"B0{b}", f"S0{s}") for b in range(1, 5) for s in range(1, 5)]
    full = event(4, 4, buyers + suppliers, meetings)
    placed = greedy_slots(full, meeting_domains(full))
    assert len(placed) == 16
    checked(full, placed)
