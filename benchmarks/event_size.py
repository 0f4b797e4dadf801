"""A full-size temu bisnis event, generated from a seed, scheduled against the greedy baseline.

    python benchmarks/event_size.py                         # seed 1, 60 s
    python benchmarks/event_size.py --seeds 1 2 3 --time-limit 60
    python benchmarks/event_size.py --seeds 7 --out event-7.json --no-solve   # just the event
    python benchmarks/event_size.py --session-slots 9    # 18 slots: not every request fits

The organizer's real event: ~40 buyers, ~300 suppliers, two sessions of 20-minute slots, 25
tables. Each buyer asks for its shortlist's top suppliers (priority = shortlist score); popular
suppliers are asked for by many buyers and capped; the organizer forces a few meetings in
(mandatory); some suppliers come for one session only, some buyers arrive late, a few people
step out for a slot. Every schedule goes through the independent validator.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scheduler.domains import meeting_domains  # noqa: E402
from scheduler.event import Event, load_event  # noqa: E402
from scheduler.greedy import greedy_slots  # noqa: E402
from scheduler.solve import schedule_from_slots, solve  # noqa: E402
from scheduler.validate import validate  # noqa: E402

BUYER_NAMES = ["PT Astra Otoparts", "PT Krakatau Steel", "PT Chandra Asri", "PT Indofood"]
SUPPLIER_KINDS = ["UD", "CV", "PT", "Koperasi"]
SUPPLIER_WORDS = ["Sinar", "Logam", "Maju", "Jaya", "Karya", "Teknik", "Mandiri", "Abadi"]
REGENCIES = ["Kab. Tegal", "Kota Cilegon", "Kendal", "Bekasi", "Karawang", "Kab. Klaten"]


def generate_event(
    seed: int,
    *,
    buyers: int = 40,
    suppliers: int = 300,
    session_slots: tuple[int, ...] = (11, 11),
    tables: int = 25,
    asks: tuple[int, int] = (9, 17),
    per_supplier: int = 5,
    mandatory_share: float = 0.05,
) -> dict[str, Any]:
    """An event JSON (contract section 5) drawn from `seed`; the same seed gives the same event."""
    rng = random.Random(seed)
    slots = _slots(session_slots)
    sessions = [[s["id"] for s in slots if s["session"] == label] for label in ("am", "pm")]
    people: list[dict[str, Any]] = []
    for b in range(buyers):
        name = f"{BUYER_NAMES[b % len(BUYER_NAMES)]} unit {b + 1}"
        late = sessions[0][: rng.randint(1, 3)] if rng.random() < 0.1 else []
        people.append({"id": f"B{b + 1:02d}", "name": name, "role": "buyer", "unavailable": late})
    for s in range(suppliers):
        words = rng.sample(SUPPLIER_WORDS, 2)
        name = f"{rng.choice(SUPPLIER_KINDS)} {words[0]} {words[1]}"
        away: list[str] = []
        draw = rng.random()
        if draw < 0.1:
            away = list(rng.choice(sessions))  # comes for one session only
        elif draw < 0.15:
            away = [rng.choice(sessions[0] + sessions[1])]  # steps out for one slot
        people.append(
            {
                "id": f"S{s + 1:03d}",
                "name": name,
                "role": "supplier",
                "regency": rng.choice(REGENCIES),
                "unavailable": away,
            }
        )
    # Popular suppliers show up on many shortlists: draw them with skewed weights.
    weights = [1.0 / (rank + 5) for rank in range(suppliers)]
    asked: dict[str, int] = {}
    meetings: list[dict[str, Any]] = []
    for b in range(buyers):
        wanted = rng.randint(*asks)
        chosen: list[int] = []
        while len(chosen) < wanted:
            s = rng.choices(range(suppliers), weights)[0]
            if s not in chosen and asked.get(f"S{s + 1:03d}", 0) < per_supplier:
                chosen.append(s)
                asked[f"S{s + 1:03d}"] = asked.get(f"S{s + 1:03d}", 0) + 1
        scores = sorted((round(rng.uniform(0.35, 0.95), 4) for _ in chosen), reverse=True)
        for s, score in zip(chosen, scores, strict=True):
            meetings.append(
                {
                    "id": f"M{len(meetings) + 1:03d}",
                    "participants": [f"B{b + 1:02d}", f"S{s + 1:03d}"],
                    "priority": score,
                    "mandatory": rng.random() < mandatory_share,
                }
            )
    return {
        "event_id": f"temu-bisnis-synthetic-{seed}",
        "fairness": 2,
        "slots": slots,
        "tables": tables,
        "participants": people,
        "meetings": meetings,
    }


def _slots(session_slots: tuple[int, ...]) -> list[dict[str, Any]]:
    slots = []
    for label, count, hour in zip(("am", "pm"), session_slots, (9, 13), strict=False):
        first = datetime(2027, 3, 10, hour)
        for i in range(count):
            start = first + timedelta(minutes=20 * i)
            slots.append(
                {
                    "id": f"{label}-{i + 1:02d}",
                    "start": start.isoformat(timespec="minutes"),
                    "end": (start + timedelta(minutes=20)).isoformat(timespec="minutes"),
                    "session": label,
                }
            )
    return slots


def held_priority(event: Event, held: set[str]) -> float:
    return sum(m.priority for m in event.meetings if m.id in held)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="*", default=[1])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--session-slots", type=int, default=11, help="slots per session (2 sessions; 9-12)"
    )
    parser.add_argument("--out", type=Path, help="write the (first) generated event here")
    parser.add_argument("--no-solve", action="store_true")
    args = parser.parse_args()
    header = f"{'seed':>4} {'meetings':>8} {'mand':>4} | {'greedy held':>11} {'prio':>6}"
    header += f" {'breaks':>6} {'s':>5} | {'ours held':>9} {'prio':>6} {'breaks':>6}"
    header += f" {'bound':>5} {'status':>8} {'s':>5} {'valid':>5}"
    for seed in args.seeds:
        data = generate_event(seed, session_slots=(args.session_slots, args.session_slots))
        if args.out is not None and seed == args.seeds[0]:
            args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
        if args.no_solve:
            continue
        if seed == args.seeds[0]:
            print(header)
        event = load_event(data)
        started = time.perf_counter()
        greedy = greedy_slots(event, meeting_domains(event))
        greedy_seconds = time.perf_counter() - started
        baseline = schedule_from_slots(event, greedy, status="feasible", seconds=greedy_seconds)
        greedy_ok = not validate(event, baseline)
        schedule = solve(event, time_limit=args.time_limit, workers=args.workers)
        problems = validate(event, schedule)
        for problem in problems:
            print(f"    invalid: {problem}")
        held = {a.meeting for a in schedule.assignments}
        mandatory = sum(m.mandatory for m in event.meetings)
        line = f"{seed:>4} {len(event.meetings):>8} {mandatory:>4} |"
        line += f" {len(greedy):>11} {held_priority(event, set(greedy)):6.1f}"
        line += f" {baseline.breaks.total:>6}{'' if greedy_ok else '!'} {greedy_seconds:5.2f} |"
        line += f" {len(held):>9} {held_priority(event, held):6.1f} {schedule.breaks.total:>6}"
        bound = "" if schedule.breaks_bound is None else str(schedule.breaks_bound)
        line += f" {bound:>5} {schedule.status:>8} {schedule.solve_seconds:5.1f}"
        line += f" {'ok' if not problems else 'FAIL':>5}"
        print(line, flush=True)
    if not args.no_solve:
        print("greedy 'breaks' ends in ! when its schedule breaks a rule (fairness, a mandatory")
        print("meeting left out); prio = total priority of the meetings held")


if __name__ == "__main__":
    main()
