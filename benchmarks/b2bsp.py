"""Solve the JAIR 2022 B2B scheduling instances and compare with the paper's proven optima.

    python benchmarks/b2bsp.py                      # the 20 original instances, d = 2, 60 s each
    python benchmarks/b2bsp.py --family prec15 --time-limit 30
    python benchmarks/b2bsp.py --instances forum-14 tic-13crafc

Every schedule (ours and the greedy baseline's) goes through the independent validator.
The data lives in ../shared/benchmarks/b2bsp (not shipped with Mitra).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scheduler.domains import meeting_domains  # noqa: E402
from scheduler.dzn import read_dzn  # noqa: E402
from scheduler.event import Event  # noqa: E402
from scheduler.greedy import greedy_slots  # noqa: E402
from scheduler.solve import schedule_from_slots, solve  # noqa: E402
from scheduler.validate import count_breaks, validate  # noqa: E402

DATA = REPO.parent / "shared" / "benchmarks" / "b2bsp"


def paper_optima(fairness: int) -> dict[str, str]:
    """instance → best_breaks ("" when the paper proved it infeasible) for this fairness d."""
    optima: dict[str, str] = {}
    with (DATA / "paper_results.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["notes"].startswith(f"fairness_d={fairness};"):
                optima[row["instance"]] = row["best_breaks"]
    return optima


def greedy_baseline(event: Event) -> tuple[str, float]:
    """The greedy's breaks ("incomplete" when it could not place every meeting), and its time."""
    started = time.perf_counter()
    slots = greedy_slots(event, meeting_domains(event))
    seconds = time.perf_counter() - started
    if len(slots) < len(event.meetings):
        return f"{len(event.meetings) - len(slots)} left out", seconds
    schedule = schedule_from_slots(event, slots, status="feasible", seconds=seconds)
    unfair = any("fairness" in problem for problem in validate(event, schedule))
    breaks = sum(count_breaks(event, schedule.assignments).values())
    return f"{breaks}{' (unfair)' if unfair else ''}", seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", default="original")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--fairness", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--instances", nargs="*", help="names without family, e.g. forum-14")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per instance (CP-SAT with 2+ workers varies)"
    )
    parser.add_argument(
        "--greedy-only", action="store_true", help="only the greedy baseline (no solver runs)"
    )
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"benchmark data not found at {DATA}")
    files = sorted((DATA / "instances").glob(f"*.{args.family}.dzn"))
    if args.instances:
        files = [f for f in files if f.name.split(".")[0] in set(args.instances)]
    optima = paper_optima(args.fairness)
    if args.greedy_only:
        greedy_table(files, optima, args.fairness)
        return

    header = f"{'instance':34} {'ours':>5} {'bound':>5} {'paper':>5} {'proven':>6}"
    header += f" {'match':>5} {'seconds':>8} {'valid':>5} {'greedy':>14}"
    print(header)
    proven = matched = 0
    times: list[float] = []
    for path in files:
        name = path.name.removesuffix(".dzn")
        event = read_dzn(path, fairness=args.fairness)
        baseline, _ = greedy_baseline(event)
        runs = []
        for _ in range(args.repeat):
            schedule = solve(
                event, time_limit=args.time_limit, workers=args.workers, explain_infeasible=False
            )
            problems = validate(event, schedule)
            for problem in problems:
                print(f"    invalid: {problem}")
            runs.append((schedule, not problems))
        paper = optima.get(name, "?") or "unsat"
        results = [str(sc.breaks.total) if sc.status != "infeasible" else "unsat" for sc, _ in runs]
        proofs = [
            (
                sc.status == "optimal"
                or (sc.status == "infeasible" and "time limit" not in (sc.reason or ""))
            )
            and result == paper
            for (sc, _), result in zip(runs, results, strict=True)
        ]
        seconds = statistics.median(sc.solve_seconds for sc, _ in runs)
        ours = _median_label(results)
        match = all(result == paper for result in results)
        proven += all(proofs)
        matched += match
        times.append(seconds)
        bounds = [sc.breaks_bound for sc, _ in runs if sc.breaks_bound is not None]
        bound = str(min(bounds)) if bounds else ""
        proven_label = (
            "yes" if all(proofs) else ("no" if not any(proofs) else f"{sum(proofs)}/{len(proofs)}")
        )
        line = f"{name:34} {ours:>5} {bound:>5} {paper:>5} {proven_label:>6}"
        line += f" {'yes' if match else 'NO':>5} {seconds:8.1f}"
        line += f" {'ok' if all(ok for _, ok in runs) else 'FAIL':>5} {baseline:>14}"
        print(line, flush=True)
    print(
        f"\n{proven}/{len(files)} paper optima matched and proven, {matched}/{len(files)} matched;"
        f" total {sum(times):.0f} s, median {statistics.median(times) if times else 0:.1f} s,"
        f" slowest {max(times, default=0):.1f} s"
        f" (limit {args.time_limit:g} s, {args.workers} workers, median of {args.repeat} runs)"
    )


def greedy_table(files: list[Path], optima: dict[str, str], fairness: int) -> None:
    """The greedy baseline alone: breaks (or meetings left out) against the paper's optimum."""
    print(f"{'instance':34} {'greedy':>14} {'paper':>5} {'seconds':>8}")
    complete = feasible = 0
    for path in files:
        name = path.name.removesuffix(".dzn")
        event = read_dzn(path, fairness=fairness)
        baseline, seconds = greedy_baseline(event)
        paper = optima.get(name, "?") or "unsat"
        feasible += paper != "unsat"
        complete += "left out" not in baseline
        print(f"{name:34} {baseline:>14} {paper:>5} {seconds:8.2f}", flush=True)
    print(
        f"\ngreedy placed every meeting on {complete} of the {feasible} instances"
        f" the paper found feasible ({len(files)} in all)"
    )


def _median_label(results: list[str]) -> str:
    """One result, or "median (min-max)" over several runs."""
    numbers = sorted(int(r) for r in results if r != "unsat")
    if len(results) == 1 or not numbers:
        return results[0]
    low, mid, high = numbers[0], numbers[len(numbers) // 2], numbers[-1]
    return str(mid) if low == high else f"{mid}({low}-{high})"


if __name__ == "__main__":
    main()
