"""Load test of `mitra serve` on PostgreSQL: concurrent buyers asking for shortlists.

Loads the demo catalogue plus N synthetic suppliers into a fresh PostgreSQL schema, starts
`mitra serve --workers W`, then keeps C clients (httpx, asyncio) asking for shortlists for D
seconds in two scenarios: the buyer's stored demo requirements reopened again and again (the
service may reuse a shortlist), and a never-seen inline requirement on every request (the
engine ranks every time). Reports throughput, p50/p95/p99 latency and errors for each.

Baseline, measured in the same run: the same shortlists computed in this process without
HTTP (index already built, results not stored). The ratio HTTP p50 / in-process p50 is the cost
of the service around the engine.

    python benchmarks/service_load.py --db postgresql://mitra:mitra@127.0.0.1:5432/mitra_test
    python benchmarks/service_load.py --suppliers 20000 --duration 15   # a quick look

The URL may also come from MITRA_BENCH_DATABASE_URL or MITRA_TEST_DATABASE_URL. The schema
made for the run is dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import Session  # noqa: E402

from models.requirement import parse_requirement  # noqa: E402
from models.supplier import SupplierCreate  # noqa: E402
from service.auth import create_user  # noqa: E402
from service.catalog import load_index  # noqa: E402
from service.db import forget_engines, open_database  # noqa: E402
from service.importer import import_suppliers, write_suppliers  # noqa: E402
from service.localserver import running_server  # noqa: E402
from service.shortlists import run_shortlist  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "mitra" / "data"


def synthetic_suppliers(templates: list[SupplierCreate], count: int) -> list[SupplierCreate]:
    """`count` plausible suppliers mixed from the demo ones: processes, places, certificates."""
    rng = random.Random(7)
    made = []
    for i in range(count):
        base, other = rng.choice(templates), rng.choice(templates)
        processes = list(dict.fromkeys(base.processes + rng.sample(other.processes, 1)))
        lat = None if base.lat is None else base.lat + rng.uniform(-0.3, 0.3)
        lon = None if base.lon is None else base.lon + rng.uniform(-0.3, 0.3)
        made.append(
            base.model_copy(
                update={
                    "supplier_id": f"SYN-{i:07d}",
                    "name": f"{base.name} {i}",
                    "processes": processes,
                    "lat": lat,
                    "lon": lon,
                    "monthly_capacity": round(base.monthly_capacity * rng.uniform(0.3, 3.0)),
                    "contact_email": None,
                    "contact_phone": None,
                }
            )
        )
    return made


def prepare(url: str, suppliers: int) -> tuple[str, list[dict[str, object]]]:
    """Fill the database; return a buyer's API key and the requirements it submitted."""
    engine = open_database(url)
    started = time.perf_counter()
    import_suppliers(engine, DATA / "demo_suppliers.csv", actor="benchmark")
    from service.sheets import parse_sheet

    templates = parse_sheet(DATA / "demo_suppliers.csv").suppliers
    if suppliers:
        rows = synthetic_suppliers(templates, suppliers)
        write_suppliers(engine, rows, actor="benchmark", source="synthetic")
    print(
        f"loaded {len(templates) + suppliers:,} suppliers in {time.perf_counter() - started:.1f} s"
    )
    requirements = json.loads((DATA / "demo_requirements.json").read_text(encoding="utf-8"))
    with Session(engine) as session:
        _, key = create_user(session, "buyer-bench", "buyer", actor="benchmark")
        session.commit()
    return key, requirements


def in_process_baseline(
    url: str, requirements: list[dict[str, object]], rounds: int
) -> tuple[list[float], float]:
    """Wall times of shortlists computed here, and their mean CPU time (all threads)."""
    engine = open_database(url)
    started = time.perf_counter()
    load_index(engine)  # build once, as a warmed-up worker has
    print(f"index built in process in {time.perf_counter() - started:.1f} s")
    parsed = [parse_requirement(r) for r in requirements]
    times = []
    cpu_start = time.process_time()
    for i in range(rounds):
        start = time.perf_counter()
        run_shortlist(engine, parsed[i % len(parsed)], top=10, store=False)
        times.append(time.perf_counter() - start)
    return times, (time.process_time() - cpu_start) / rounds


async def warm_up(base: str, headers: dict[str, str], ids: list[str]) -> None:
    """Every worker builds its index on start; wait until all answer quickly (not timed)."""
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=600) as client:
        for _ in range(3):
            await asyncio.gather(
                *(client.post(f"/api/requirements/{rid}/shortlist") for rid in ids)
            )
    print(f"warm-up (index built in each worker) {time.perf_counter() - started:.1f} s")


async def load(
    base: str,
    headers: dict[str, str],
    requirements: list[dict[str, object]],
    clients: int,
    duration: float,
    distinct: bool,
) -> tuple[list[float], int, float]:
    """C clients asking for shortlists for `duration` seconds.

    Not `distinct`: the buyer's stored requirements over and over (a buyer reopening its
    shortlists). `distinct`: every request an inline requirement never seen before (its volume
    differs), so every answer is computed by the engine.
    """
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=base, headers=headers, timeout=600, limits=limits
    ) as client:
        deadline = time.monotonic() + duration

        async def buyer(number: int) -> None:
            nonlocal errors
            i = number
            while time.monotonic() < deadline:
                document = requirements[i % len(requirements)]
                i += clients
                start = time.perf_counter()
                try:
                    if distinct:
                        body = {**document, "monthly_volume": 1000 + i, "volume_unit": "pcs"}
                        response = await client.post("/api/shortlists?top=10", json=body)
                    else:
                        rid = document["requirement_id"]
                        response = await client.post(f"/api/requirements/{rid}/shortlist?top=10")
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - start)
                errors += 0 if ok else 1

        started = time.monotonic()
        await asyncio.gather(*(buyer(n) for n in range(clients)))
        elapsed = time.monotonic() - started
    return latencies, errors, elapsed


def report(title: str, latencies: list[float], errors: int, elapsed: float) -> None:
    ms = [v * 1000 for v in latencies]
    p50, p95, p99 = (percentile(ms, q) for q in (0.5, 0.95, 0.99))
    verdict = "met" if errors == 0 and p95 < 200 else "NOT met"
    print(f"\n{title}")
    print(f"  requests     {len(ms):,}  ({len(ms) / elapsed:.1f} per second)")
    print(f"  errors       {errors}")
    print(f"  latency ms   p50 {p50:.0f}   p95 {p95:.0f}   p99 {p99:.0f}   max {max(ms):.0f}")
    print(f"  target       zero errors and p95 < 200 ms: {verdict}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def fresh_schema(base_url: str) -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(make_url(base_url).set(drivername="postgresql+psycopg"))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    url = make_url(base_url).set(drivername="postgresql+psycopg")
    url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), schema


def drop_schema(base_url: str, schema: str) -> None:
    forget_engines()
    admin = create_engine(make_url(base_url).set(drivername="postgresql+psycopg"))
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db",
        default=os.environ.get("MITRA_BENCH_DATABASE_URL")
        or os.environ.get("MITRA_TEST_DATABASE_URL"),
        help="PostgreSQL URL (a fresh schema is made in it and dropped after)",
    )
    parser.add_argument("--suppliers", type=int, default=100_000, help="synthetic suppliers")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="mitra serve worker processes")
    args = parser.parse_args()
    if not args.db or not args.db.startswith("postgres"):
        parser.error("give a PostgreSQL URL with --db (or MITRA_BENCH_DATABASE_URL)")

    url, schema = fresh_schema(args.db)
    try:
        key, requirements = prepare(url, args.suppliers)
        baseline, baseline_cpu = in_process_baseline(url, requirements, 3 * len(requirements))
        forget_engines()
        ids = [str(r["requirement_id"]) for r in requirements]
        headers = {"Authorization": f"Bearer {key}"}
        results: dict[bool, tuple[list[float], int, float]] = {}
        with running_server(url, workers=args.workers, timeout=120) as base:
            for document in requirements:
                httpx.post(
                    f"{base}/api/requirements", json=document, headers=headers, timeout=30
                ).raise_for_status()
            asyncio.run(warm_up(base, headers, ids))
            for distinct in (False, True):
                results[distinct] = asyncio.run(
                    load(base, headers, requirements, args.clients, args.duration, distinct)
                )
    finally:
        drop_schema(args.db, schema)

    print(
        f"\n{args.suppliers:,} synthetic + demo suppliers · {args.workers} workers · "
        f"{args.clients} clients · {args.duration:.0f} s per scenario · {os.cpu_count()} cores"
    )
    report("stored requirements, reopened (shortlist reuse)", *results[False])
    report("a new inline requirement every request (engine every time)", *results[True])
    base_p50 = statistics.median(baseline) * 1000
    print(
        f"\nbaseline     in-process shortlist p50 {base_p50:.0f} ms wall, "
        f"{baseline_cpu * 1000:.0f} ms CPU (no HTTP, not stored)"
    )
    for distinct, label in ((False, "reopened"), (True, "new")):
        p50 = percentile([v * 1000 for v in results[distinct][0]], 0.5)
        print(f"ratio        HTTP p50 ({label}) / in-process p50 = {p50 / base_p50:.1f}x")


if __name__ == "__main__":
    main()
