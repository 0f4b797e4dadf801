"""Bad events are refused before solving, with every bad item named."""

from __future__ import annotations

from typing import Any

import pytest

from matcher.errors import EventError
from scheduler.event import load_event
from tests.scheduler.sample_events import meeting, person


def refused(data: dict[str, Any]) -> str:
    with pytest.raises(EventError) as caught:
        load_event(data)
    return str(caught.value)


def test_a_good_event_loads_and_table_count_becomes_names(tegal_event: dict[str, Any]) -> None:
    event = load_event(tegal_event)
    assert event.tables == ["T1", "T2"]
    assert [m.id for m in event.meetings] == ["M1", "M2", "M3", "M4"]


def test_unknown_participant_is_named(tegal_event: dict[str, Any]) -> None:
    tegal_event["meetings"].append(meeting("M9", "B01", "S77"))
    assert "M9" in (msg := refused(tegal_event)) and "S77" in msg


def test_meeting_with_one_participant(tegal_event: dict[str, Any]) -> None:
    tegal_event["meetings"].append(meeting("M9", "B01"))
    assert "M9: needs at least two" in refused(tegal_event)


def test_duplicate_ids(tegal_event: dict[str, Any]) -> None:
    tegal_event["meetings"].append(meeting("M1", "B02", "S02"))
    tegal_event["participants"].append(person("S01", "UD Kembar", "supplier"))
    msg = refused(tegal_event)
    assert "meeting id 'M1'" in msg and "participant id 'S01'" in msg


def test_fixed_and_unavailable_slots_must_exist(tegal_event: dict[str, Any]) -> None:
    tegal_event["meetings"][0]["fixed_slot"] = "s9"
    tegal_event["participants"][2]["unavailable"] = ["s0"]
    msg = refused(tegal_event)
    assert "M1: fixed slot 's9'" in msg and "S01: unavailable slot 's0'" in msg


def test_after_must_name_a_known_meeting(tegal_event: dict[str, Any]) -> None:
    tegal_event["meetings"][1]["after"] = ["M42"]
    assert "M2: 'after' names unknown meeting 'M42'" in refused(tegal_event)


def test_cyclic_precedences_name_the_cycle(tegal_event: dict[str, Any]) -> None:
    tegal_event["meetings"][0]["after"] = ["M3"]
    tegal_event["meetings"][2]["after"] = ["M4"]
    tegal_event["meetings"][3]["after"] = ["M1"]
    assert "cycle: M1 → M3 → M4 → M1" in refused(tegal_event)


def test_session_no_slot_has(tegal_event: dict[str, Any]) -> None:
    tegal_event["meetings"][0]["session"] = "sore"
    assert "M1: no slot has session 'sore'" in refused(tegal_event)


def test_buyer_table_must_exist(tegal_event: dict[str, Any]) -> None:
    tegal_event["participants"][0]["table"] = "T7"
    assert "B01: table 'T7' does not exist" in refused(tegal_event)


def test_more_buyer_tables_than_exist(tegal_event: dict[str, Any]) -> None:
    tegal_event["one_table_per_buyer"] = True
    tegal_event["tables"] = 1
    assert "needs 2 tables for 2 buyers" in refused(tegal_event)


def test_all_problems_reported_together(tegal_event: dict[str, Any]) -> None:
    tegal_event["meetings"].append(meeting("M9", "B01", "S77", fixed_slot="s9"))
    msg = refused(tegal_event)
    assert "2 problems" in msg


def test_missing_fields_and_bad_json_are_plain_errors(tmp_path: Any) -> None:
    assert "slots" in refused({"event_id": "x"})
    bad = tmp_path / "event.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(EventError, match="not valid JSON"):
        load_event(bad)
