"""Planning a temu bisnis: shortlists become meeting requests, with the organizer's decisions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from matcher.errors import EventError
from scheduler.event import load_event
from scheduler.plan import BuyerShortlist, Decision, PlanSettings, SessionSpec, build_event

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
