"""Planning a temu bisnis: shortlists become meeting requests, with the organizer's decisions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from matcher.errors import EventError
from scheduler.event import load_event
from scheduler.plan import BuyerShortlist, Decision, PlanSettings, SessionSpec, build_event
from scheduler.solve import solve
from scheduler.validate import validate

SUPPLIERS = {
    f"S{i:02d}": {"name": f"UD Logam Takaru {i}", "regency": "Kab. Tegal", "products": "bracket"}
    for i in range(1, 9)
}


def shortlist(buyer: str, scores: list[tuple[str, float]], ineligible: tuple[str, ...] = ()) -> Any:
    results = [
        {"rank": n, "supplier_id": s, "score": score, "eligible": True}
        for n, (s, score) in enumerate(scores, start=1)
    ]
    results += [{"rank": 99, "supplier_id": s, "score": 0.0, "eligible": False} for s in ineligible]
    return BuyerShortlist(buyer, f"REQ-{buyer}", {"results": results})


def settings(**changes: Any) -> PlanSettings:
    base = PlanSettings(
        event_id="temu-bisnis-tegal-2027-03",
        sessions=(
            SessionSpec("am", datetime(2027, 3, 10, 9, 0), 3),
            SessionSpec("pm", datetime(2027, 3, 10, 13, 0), 2),
        ),
        tables=3,
        top_k=2,
    )
    return PlanSettings(**{**base.__dict__, **changes})


def pairs(event: dict[str, Any]) -> set[tuple[str, str]]:
    return {tuple(m["participants"]) for m in event["meetings"]}  # type: ignore[misc]


def test_top_k_eligible_suppliers_become_requests() -> None:
    event = build_event(
        settings(),
        [shortlist("PT Astra Otoparts", [("S01", 0.9), ("S02", 0.8), ("S03", 0.7)], ("S04",))],
        SUPPLIERS,
    )
    assert pairs(event) == {("B-PT-ASTRA-OTOPARTS", "S01"), ("B-PT-ASTRA-OTOPARTS", "S02")}
    assert [s["id"] for s in event["slots"]] == ["am-01", "am-02", "am-03", "pm-01", "pm-02"]
    assert event["slots"][1]["start"] == "2027-03-10T09:20"
    assert load_event(event).tables == ["T1", "T2", "T3"]  # the scheduler accepts it


def test_supplier_cap_keeps_the_best_requests() -> None:
    event = build_event(
        settings(max_per_supplier=1),
        [shortlist("AHM", [("S01", 0.6), ("S02", 0.5)]), shortlist("UTPE", [("S01", 0.9)])],
        SUPPLIERS,
    )
    assert ("B-AHM", "S01") not in pairs(event) and ("B-UTPE", "S01") in pairs(event)


def test_forced_and_manual_decisions_are_recorded() -> None:
    decisions = [
        Decision("AHM", "S05", by="dinas-tegal", why="request from the buyer", action="request"),
        Decision("AHM", "S01", by="dinas-tegal", why="known quality problem", action="force_out"),
        Decision("AHM", "S06", by="dinas-tegal", why="cluster champion", action="force_in"),
    ]
    event = build_event(
        settings(max_per_buyer=2),
        [shortlist("AHM", [("S01", 0.9), ("S02", 0.8)])],
        SUPPLIERS,
        decisions,
    )
    assert ("B-AHM", "S01") not in pairs(event)
    forced = next(m for m in event["meetings"] if m["participants"] == ["B-AHM", "S06"])
    assert forced["mandatory"] is True  # a cap never drops a forced meeting
    assert event["plan"]["forced_out"][0]["why"] == "known quality problem"
    notes = {r["meeting"]: r for r in event["plan"]["requests"]}
    assert notes[forced["id"]]["decisions"][0]["by"] == "dinas-tegal"
    assert len([m for m in event["meetings"] if m["participants"][0] == "B-AHM"]) == 2


def test_decision_for_unknown_supplier_is_refused() -> None:
    with pytest.raises(EventError, match="S77 is not registered"):
        build_event(settings(), [], SUPPLIERS, [Decision("AHM", "S77", by="x", action="force_in")])


PIN_CONSORTIUM = {
    "rank": 1,
    "score": 0.78,
    "lead": "S01",
    "name": "Konsorsium LIK Takaru",
    "members": [
        {"supplier_id": "S01", "processes": ["turning", "milling"], "monthly_volume": 15000},
        {"supplier_id": "S02", "processes": ["chrome plating"], "monthly_volume": 15000},
        {"supplier_id": "S03", "processes": ["chrome plating"], "monthly_volume": 5000},
    ],
    "why": ["together cover every required process", "all 3 members in LIK Takaru"],
}


def with_consortium(buyer: str, scores: list[tuple[str, float]]) -> BuyerShortlist:
    plain = shortlist(buyer, scores)
    second = {**PIN_CONSORTIUM, "rank": 2, "members": PIN_CONSORTIUM["members"][:2]}
    return BuyerShortlist(
        buyer, plain.requirement_id, {**plain.document, "consortia": [PIN_CONSORTIUM, second]}
    )


def test_consortium_becomes_one_meeting_of_the_buyer_and_every_member() -> None:
    shortlists = [
        with_consortium("PT Astra Otoparts", [("S04", 0.6)]),
        shortlist("AHM", [("S01", 0.9), ("S05", 0.7)]),
    ]
    event = build_event(settings(), shortlists, SUPPLIERS, consortia=1)
    group = [m for m in event["meetings"] if len(m["participants"]) > 2]
    assert [m["participants"] for m in group] == [["B-PT-ASTRA-OTOPARTS", "S01", "S02", "S03"]]
    assert group[0]["priority"] == 0.78 and group[0]["mandatory"] is False
    note = next(r for r in event["plan"]["requests"] if r["meeting"] == group[0]["id"])
    assert note["source"] == "consortium" and note["requirement_id"] == "REQ-PT Astra Otoparts"
    assert note["consortium"]["members"][1]["processes"] == ["chrome plating"]
    assert {"S02", "S03"} <= {p["id"] for p in event["participants"]}

    schedule = solve(load_event(event), time_limit=10)
    assert schedule.status == "optimal"
    assert validate(load_event(event), schedule) == []
    placed = {a.meeting for a in schedule.assignments}
    assert group[0]["id"] in placed
    # S01 meets AHM alone and the Astra buyer with its group, never both at once.
    slots = {a.meeting: a.slot for a in schedule.assignments}
    ahm_s01 = next(m["id"] for m in event["meetings"] if m["participants"] == ["B-AHM", "S01"])
    assert slots[ahm_s01] != slots[group[0]["id"]]


def test_without_consortia_asked_no_group_meeting_is_made() -> None:
    event = build_event(settings(), [with_consortium("AHM", [("S04", 0.6)])], SUPPLIERS)
    assert all(len(m["participants"]) == 2 for m in event["meetings"])
    two = build_event(settings(), [with_consortium("AHM", [])], SUPPLIERS, consortia=2)
    assert [len(m["participants"]) for m in two["meetings"]] == [4, 3]


def test_consortium_member_not_registered_is_refused() -> None:
    stranger = {**PIN_CONSORTIUM, "members": [{"supplier_id": "S99", "processes": ["bubut"]}]}
    document = {"results": [], "consortia": [stranger]}
    with pytest.raises(EventError, match="S99 is not registered"):
        build_event(
            settings(), [BuyerShortlist("AHM", "REQ-AHM", document)], SUPPLIERS, consortia=1
        )
