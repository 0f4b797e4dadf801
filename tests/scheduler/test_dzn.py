"""Reading the JAIR 2022 benchmark files (../shared/benchmarks/b2bsp), skipped when absent."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from scheduler.dzn import read_dzn
from scheduler.solve import solve
from scheduler.validate import validate

DATA = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "b2bsp"

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="b2bsp benchmark data not present")


def summary(file_name: str) -> dict[str, str]:
    with (DATA / "instances_summary.csv").open(encoding="utf-8") as handle:
        return next(row for row in csv.DictReader(handle) if row["file"] == file_name)


@pytest.mark.parametrize("name", ["forum-13.prec15.dzn", "forum-14.fixed020-Forb.dzn"])
def test_counts_match_the_published_summary(name: str) -> None:
    event = read_dzn(DATA / "instances" / name)
    expected = summary(name)
    assert len(event.participants) == int(expected["participants"])
    assert len(event.meetings) == int(expected["meetings"])
    assert len(event.slots) == int(expected["slots"])
    assert sum(s.session == "am" for s in event.slots) == int(expected["morning_slots"])
    assert len(event.tables) == int(expected["tables"])
    assert sum(len(p.unavailable) for p in event.participants) == int(expected["forbidden_pairs"])
    assert sum(m.fixed_slot is not None for m in event.meetings) == int(expected["fixed_meetings"])
    assert sum(len(m.after) for m in event.meetings) == int(expected["precedence_edges"])
    assert sum(m.session == "am" for m in event.meetings) == int(expected["meetings_am_only"])
    assert event.fairness == 2


def test_repeated_pair_stays_two_meetings() -> None:
    event = read_dzn(DATA / "instances" / "forum-13crafb.original.dzn", fairness=1)
    pair = [m.id for m in event.meetings if sorted(m.participants) == ["P30", "P53"]]
    assert pair == ["M55", "M112"]
    assert event.fairness == 1


def test_participants_without_meetings_are_kept() -> None:
    event = read_dzn(DATA / "instances" / "tic-12.original.dzn")
    in_meetings = {p for m in event.meetings for p in m.participants}
    idle = [p.id for p in event.participants if p.id not in in_meetings]
    assert len(idle) == int(summary("tic-12.original.dzn")["participants_without_meetings"]) > 0


def test_real_event_reaches_the_paper_optimum() -> None:
    event = read_dzn(DATA / "instances" / "tic-12.original.dzn")
    schedule = solve(event, time_limit=20)
    assert validate(event, schedule) == []
    assert schedule.status == "optimal"
    assert schedule.breaks.total == 0  # paper_results.csv: tic-12.original, d = 2
