"""Consortium proposals on synthetic industrial clusters: speed, and distance from the optimum.

    python benchmarks/consortium.py          # 1,000 and 10,000 suppliers, 25-candidate check
    python benchmarks/consortium.py --sizes 1000 --runs 5 --small 20

For each catalogue size: the time of one `propose_consortia` run (n=3) against the time of the
single-supplier shortlist (`rank`, the baseline) on the same index, and the ratio.

On the small case the optimiser's proposals are compared with a brute-force search over every
subset of the same candidates up to max_members, scored with the same `group_score` and
feasibility rule (`is_feasible`) in plain Python: the gap should be 0 (or within the 1/100,000
rounding of the integer objective). The greedy group (the solver's starting hint) is shown as
a baseline: its gap is what the optimisation adds. Times there are CPU seconds.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from matcher.consortium import candidate_pool, propose_consortia  # noqa: E402
from matcher.consortium_greedy import greedy_group  # noqa: E402
from matcher.consortium_model import best_groups  # noqa: E402
from matcher.consortium_pool import CandidatePool, group_score, is_feasible  # noqa: E402
from matcher.geo import all_regencies  # noqa: E402
from matcher.index import SupplierIndex  # noqa: E402
from matcher.scoring import rank  # noqa: E402
from matcher.types import Certification, Delivery, Requirement, SupplierRecord  # noqa: E402

# How small metal workshops describe themselves; most offer one to three of these.
PROCESS_WORDS = [
    "bubut",
    "bubut CNC",
    "frais",
    "milling CNC",
    "krom",
    "hard chrome",
    "las MIG",
    "las listrik",
    "stamping",
    "bending plat",
    "cor logam",
    "powder coating",
    "gerinda",
    "drilling",
]
PROCESS_ODDS = np.array([8, 4, 6, 2, 1, 1, 6, 5, 4, 3, 2, 2, 3, 3], dtype=float)
JAVA = (-8.9, -5.8, 105.0, 114.6)  # lat/lon box: clusters are placed in Java's regencies


def synthetic_catalogue(size: int, seed: int = 7) -> list[SupplierRecord]:
    """`size` workshops in clusters of about 25 around Java's regency centres."""
    rng = np.random.default_rng(seed)
    regencies = [
        r for r in all_regencies() if JAVA[0] < r.lat < JAVA[1] and JAVA[2] < r.lon < JAVA[3]
    ]
    n_clusters = max(size // 25, 1)
    homes = [regencies[i] for i in rng.choice(len(regencies), n_clusters)]
    odds = PROCESS_ODDS / PROCESS_ODDS.sum()
    records = []
    for i in range(size):
        c = int(rng.integers(n_clusters))
        home = homes[c]
        offered = rng.choice(
            len(PROCESS_WORDS), size=int(rng.integers(1, 4)), replace=False, p=odds
        )
        certificates: tuple[Certification, ...] = ()
        if rng.random() < 0.5:
            until = date(2027, 1, 1) if rng.random() < 0.2 else date(2028, 6, 30)
            certificates = (Certification("ISO 9001", until),)
        records.append(
            SupplierRecord(
                supplier_id=f"SYN{i:05d}",
                name=f"Bengkel Logam {i}",
                regency=home.display_name,
                lat=home.lat + float(rng.normal(0, 0.03)),
                lon=home.lon + float(rng.normal(0, 0.03)),
                cluster=f"Sentra Logam {home.name} {c}" if rng.random() < 0.8 else None,
                cooperative=f"Koperasi {home.name}" if rng.random() < 0.3 else None,
                processes=tuple(PROCESS_WORDS[k] for k in offered),
                monthly_capacity=float(round(rng.lognormal(9.5, 0.6), -2)),
                capacity_unit="pcs",
                certifications=certificates,
                tier=int(rng.integers(1, 4)) if rng.random() < 0.4 else None,
            )
        )
    return records


PIN = Requirement(
    requirement_id="BENCH-PIN",
    buyer="PT Astra Honda Motor",
    title="Pin as step S45C krom keras",
    processes=("CNC turning", "milling", "chrome plating"),
    needed_by=date(2027, 3, 1),
    certifications_required=("ISO 9001",),
    monthly_volume=50_000,
    volume_unit="pcs",
    delivery=Delivery(regency="Kab. Karawang", lat=-6.36, lon=107.29, max_distance_km=400),
)


def timed(run: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Median wall and CPU seconds of `runs` calls (CPU time is steadier on a busy machine)."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def speed(sizes: list[int], runs: int) -> None:
    print("catalogue   shortlist (baseline)      consortia n=3     ratio  proposals  best score")
    print("                wall ms    cpu ms    wall ms   cpu ms    (cpu)")
    for size in sizes:
        index = SupplierIndex.build(synthetic_catalogue(size))
        wall0, cpu0, _ = timed(partial(rank, index, PIN), runs)
        wall, cpu, proposals = timed(partial(propose_consortia, index, PIN, n=3), runs)
        assert isinstance(proposals, list)
        best = f"{proposals[0]['score']:.3f}" if proposals else "-"
        print(
            f"{size:>9,}  {wall0 * 1000:>11.0f} {cpu0 * 1000:>9.0f}  {wall * 1000:>9.0f} "
            f"{cpu * 1000:>8.0f}  {cpu / max(cpu0, 1e-6):>7.1f}  {len(proposals):>9}  {best:>10}"
        )


def brute_force(
    pool: CandidatePool, n: int, max_members: int
) -> list[tuple[float, tuple[int, ...]]]:
    """The n best feasible groups, each not containing an earlier one (the no-good rule)."""
    scored = sorted(
        (
            (group_score(pool, members), members)
            for size in range(2, max_members + 1)
            for members in itertools.combinations(range(len(pool)), size)
            if is_feasible(pool, members)
        ),
        key=lambda item: -item[0],
    )
    chosen: list[tuple[float, tuple[int, ...]]] = []
    for score, members in scored:
        if not any(set(earlier) <= set(members) for _, earlier in chosen):
            chosen.append((score, members))
        if len(chosen) == n:
            break
    return chosen


def optimality(size: int, small: int, max_members: int, seeds: list[int]) -> None:
    print(f"\n{small} candidates from {size:,} suppliers, groups of 2..{max_members}, 3 proposals")
    print("seed  CP-SAT s  brute force s  ratio  greedy gap  rank: CP-SAT / brute force (gap)")
    for seed in seeds:
        index = SupplierIndex.build(synthetic_catalogue(size, seed))
        pool = candidate_pool(index, PIN, candidates=small)
        start = time.process_time()
        found = best_groups(pool, n=3, min_members=2, max_members=max_members, time_limit=60)
        solved = time.process_time() - start
        start = time.process_time()
        exact = brute_force(pool, 3, max_members)
        searched = time.process_time() - start
        greedy = greedy_group(pool, min_members=2, max_members=max_members)
        greedy_gap = f"{exact[0][0] - group_score(pool, greedy):+.4f}" if greedy and exact else "-"
        ranks = [
            f"{r + 1}: {ours.score:.4f}/{theirs[0]:.4f} ({theirs[0] - ours.score:+.4f})"
            for r, (ours, theirs) in enumerate(zip(found, exact, strict=False))
        ]
        if len(found) != len(exact):
            ranks.append(f"count differs: {len(found)} vs {len(exact)}")
        print(
            f"{seed:>4}  {solved:>8.2f}  {searched:>13.2f}  {searched / solved:>5.1f}  "
            f"{greedy_gap:>10}  " + ("; ".join(ranks) or "no feasible group (both)")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per size (median)")
    parser.add_argument("--small", type=int, default=25, help="candidates in the brute-force case")
    parser.add_argument("--max-members", type=int, default=5)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    speed(args.sizes, args.runs)
    optimality(1000, args.small, args.max_members, args.seeds)


if __name__ == "__main__":
    main()
