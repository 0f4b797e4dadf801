"""A schedule knows which event it was made for: the digest changes with what decides a schedule
and with nothing else."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from scheduler.digest import event_digest, schedule_matches
from scheduler.event import load_event
from scheduler.solve import solve
from scheduler.validate import validate


def digest(data: dict[str, Any]) -> str:
    return event_digest(load_event(data))


def test_order_names_and_priorities_do_not_change_the_digest(
    tegal_event: dict[str, Any],
) -> None:
    same = copy.deepcopy(tegal_event)
    same["participants"].reverse()
    same["meetings"].reverse()
    same["meetings"][0]["participants"].reverse()
    same["participants"][0]["name"] = "PT Astra Otoparts Tbk"  # a corrected name
    same["meetings"][1]["priority"] = 3.0
    same["tables"] = ["T2", "T1"]
    assert tegal_event["tables"] == 2  # a count of tables means T1, T2
    assert digest(same) == digest(tegal_event)


@pytest.mark.parametrize(
    "change",
    [
        "supplier cannot come to s2",
        "meeting between other people",
        "one slot fewer",
        "slot starts later",
        "one more table",
        "meeting pinned",
        "meeting ordered",
        "meeting optional",
        "another event id",
    ],
)
def test_what_decides_a_schedule_changes_the_digest(
    tegal_event: dict[str, Any], change: str
) -> None:
    other = copy.deepcopy(tegal_event)
    meeting = other["meetings"][0]
    if change == "supplier cannot come to s2":
        other["participants"][2]["unavailable"] = ["s2"]
    elif change == "meeting between other people":
        meeting["participants"] = ["B02", "S03"]
    elif change == "one slot fewer":
        other["slots"].pop()
    elif change == "slot starts later":
        other["slots"][0]["start"] = "2027-03-10T08:50"
    elif change == "one more table":
        other["tables"] = 3
    elif change == "meeting pinned":
        meeting["fixed_slot"] = "s1"
    elif change == "meeting ordered":
        meeting["after"] = [other["meetings"][1]["id"]]
    elif change == "meeting optional":
        meeting["mandatory"] = False
    else:
        other["event_id"] = "temu-bisnis-cilegon"
    assert digest(other) != digest(tegal_event)


def test_validator_and_matching_refuse_another_events_schedule(
    tegal_event: dict[str, Any],
) -> None:
    event = load_event(tegal_event)
    schedule = solve(event, time_limit=10)
    assert schedule.event_digest == event_digest(event)
    assert schedule_matches(event, schedule) == "same" and validate(event, schedule) == []

    # Same ids everywhere, but S01 told the organizer it cannot come to the slot it was given.
    first = next(a for a in schedule.assignments)
    other_data = copy.deepcopy(tegal_event)
    for person in other_data["participants"]:
        if person["id"] in event.meeting(first.meeting).participants:
            person["unavailable"] = [first.slot]
            break
    other = load_event(other_data)
    assert schedule_matches(other, schedule) == "different"
    assert any("made for a different event" in p for p in validate(other, schedule))

    older = schedule.model_copy(update={"event_digest": None})  # a file from an older mitra
    assert schedule_matches(other, older) == "unknown"
    assert not any("different event" in p for p in validate(event, older))
