"""Shortlist speed: index build time, query latency and peak memory at 10k, 100k and 1M suppliers.

Each size runs in its own child process so its peak memory (max RSS) is its own. The baseline is
a plain per-pair Python scorer (`naive_scores`) that works from the raw records like a first
implementation would; it runs on a sample in the same process and is extrapolated to the full
size. The baseline is generous to itself: exact synonym lookups only (no fuzzy matching), the
gazetteer cache shared, and no text similarity, so the printed speed-up understates the gap.

    python benchmarks/shortlist_speed.py                  # 10k, 100k, 1M (a few minutes)
    python benchmarks/shortlist_speed.py --sizes 10000,100000 --queries 20
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from matcher.certs import parse_certification  # noqa: E402
from matcher.features import feature_matrix  # noqa: E402
from matcher.geo import resolve_regency  # noqa: E402
from matcher.index import SupplierIndex  # noqa: E402
from matcher.profile import WeightsProfile  # noqa: E402
from matcher.scoring import rank  # noqa: E402
from matcher.taxonomy import load_taxonomy  # noqa: E402
from matcher.text import split_terms  # noqa: E402
from matcher.types import Certification, Delivery, Requirement, SupplierRecord  # noqa: E402
from matcher.units import convert_quantity  # noqa: E402

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
NAIVE_SAMPLE = 3_000

CLUSTERS = {
    "metal": {
        "processes": [
            "bubut CNC",
            "frais",
            "las MIG/TIG",
            "pres",
            "stampping",
            "stamping progresif",
            "cor logam",
            "tempa",
            "krom",
            "galvanis",
            "perlakuan panas",
            "las spot",
            "bending",
            "laser cutting",
            "powder coating",
            "gerinda",
            "bubut",
        ],
        "materials": ["SPCC", "SPHC", "SUS304", "plat besi", "aluminium", "kuningan", "S45C"],
        "kbli": ["25910", "25920", "24310", "29300", "25119"],
        "units": ["pcs", "pcs", "set", "kg"],
        "words": [
            "bracket",
            "engsel",
            "baut",
            "mur",
            "poros",
            "flange",
            "cover",
            "rangka",
            "pipa",
            "komponen",
            "motor",
            "mobil",
            "pompa",
            "gear",
        ],
    },
    "plastic": {
        "processes": [
            "cetak injeksi",
            "injection molding",
            "blow molding",
            "ekstrusi",
            "sablon",
            "thermoforming",
            "daur ulang plastik",
        ],
        "materials": ["PP", "ABS", "HDPE", "PVC", "PET", "nilon"],
        "kbli": ["22220", "22230", "22299"],
        "units": ["pcs", "kg", "pcs"],
        "words": ["botol", "tutup", "kemasan", "ember", "komponen", "housing", "tray", "jerigen"],
    },
    "wood": {
        "processes": [
            "mebel",
            "ukir kayu",
            "bubut kayu",
            "oven kayu",
            "finishing kayu",
            "anyam rotan",
            "cnc router",
            "laminasi",
        ],
        "materials": ["kayu jati", "mahoni", "pinus", "sengon", "rotan", "plywood", "MDF"],
        "kbli": ["31001", "16299", "16101", "16221"],
        "units": ["unit", "set", "m3", "pcs"],
        "words": ["kursi", "meja", "lemari", "pintu", "kusen", "rak", "bufet", "dipan", "panel"],
    },
    "food": {
        "processes": [
            "penggorengan",
            "pengeringan",
            "sangrai kopi",
            "pengemasan",
            "vacuum frying",
            "fermentasi",
            "pengasapan",
            "penggilingan",
        ],
        "materials": [
            "singkong",
            "pisang",
            "kopi arabika",
            "kelapa",
            "ikan",
            "gula aren",
            "kedelai",
        ],
        "kbli": ["10794", "10761", "10710", "10213", "10630"],
        "units": ["kg", "ton", "pack", "kg"],
        "words": [
            "keripik",
            "kopi",
            "bubuk",
            "abon",
            "dodol",
            "kerupuk",
            "sambal",
            "tepung",
            "sirup",
        ],
    },
}
REGENCIES = [
    "Kab. Tegal",
    "Kota Tegal",
    "kab. kendal",
    "Kab Bekasi",
    "Kota Cilegon",
    "Karawang",
    "Kab. Serang",
    "Kota Batam",
    "Sidoarjo",
    "Kab. Gresik",
    "Kab. Pasuruan",
    "Kota Semarang",
    "Kab. Klaten",
    "Kab. Jepara",
    "Kab. Sukoharjo",
    "Kota Surabaya",
    "Kab. Bandung",
    "Kab. Bogor",
    "Kab. Malang",
    "Kab. Purbalingga",
    "Desa Entah",
]
PARTNERS = [
    "PT Astra Otoparts",
    "PT Astra Honda Motor",
    "PT Toyota Motor Manufacturing Indonesia",
    "PT Yamaha Indonesia",
    "PT Krakatau Steel",
    "PT Pertamina",
    "PT Unilever Indonesia",
    "PT Indofood Sukses Makmur",
    "PT IKEA Indonesia",
    "PT Panasonic Gobel",
    "Program Rumah BUMN",
]


def make_suppliers(n: int, seed: int = 7) -> list[SupplierRecord]:
    rng = random.Random(seed)
    centroids = {r: resolve_regency(r) for r in REGENCIES}
    clusters = list(CLUSTERS.values())
    records = []
    for i in range(n):
        c = clusters[i % 4]
        regency = rng.choice(REGENCIES)
        place = centroids[regency]
        own = place is not None and rng.random() < 0.5
        certs = []
        if rng.random() < 0.45:
            certs.append(
                Certification(
                    rng.choice(["ISO 9001", "ISO9001:2015", "iso-9001"]),
                    date(2025 + rng.randrange(5), 1 + rng.randrange(12), 1),
                )
            )
        if rng.random() < 0.25:
            certs.append(
                Certification(rng.choice(["SNI", "Halal", "TKDN 40%", "IATF16949", "SVLK"]))
            )
        if rng.random() < 0.01:  # a rare free-text process nobody else writes
            processes = (f"pekerjaan khusus {i}",)
        else:
            processes = tuple(rng.sample(c["processes"], rng.randint(1, 3)))
        records.append(
            SupplierRecord(
                supplier_id=f"S{i:07d}",
                name=f"UD Mitra {i}",
                regency=regency,
                processes=processes,
                monthly_capacity=float(rng.choice([500, 2_000, 5_000, 10_000, 20_000, 50_000])),
                capacity_unit=rng.choice(c["units"]),
                lat=place.lat + rng.uniform(-0.1, 0.1) if own and place else None,
                lon=place.lon + rng.uniform(-0.1, 0.1) if own and place else None,
                cluster="LIK Takaru" if rng.random() < 0.3 else None,
                kbli=(rng.choice(c["kbli"]),),
                materials=tuple(rng.sample(c["materials"], rng.randint(0, 2))),
                products=" ".join(rng.sample(c["words"], 4)),
                certifications=tuple(certs),
                partners=tuple(rng.sample(PARTNERS, rng.randint(0, 2))),
                tier=rng.choice([None, None, 1, 2, 3]),
            )
        )
    return records


QUERIES = [
    Requirement(
        "Q1",
        ("stamping", "spot welding"),
        date(2027, 3, 1),
        buyer="PT Astra Otoparts",
        title="Bracket stamping SPCC 2 mm",
        materials=("SPCC",),
        kbli=("25910",),
        certifications_required=("ISO 9001",),
        certifications_preferred=("IATF 16949",),
        monthly_volume=20_000,
        volume_unit="pcs",
        delivery=Delivery("Kab. Bekasi", -6.30, 107.15, 400),
    ),
    Requirement(
        "Q2",
        ("CNC turning", "milling", "chrome plating"),
        date(2027, 6, 1),
        title="Poros pompa",
        materials=("S45C",),
        monthly_volume=5_000,
        volume_unit="pcs",
        delivery=Delivery("Kota Cilegon"),
    ),
    Requirement(
        "Q3",
        ("injection moulding",),
        date(2027, 1, 15),
        buyer="PT Unilever Indonesia",
        title="Tutup botol PP",
        materials=("PP",),
        certifications_required=("SNI",),
        monthly_volume=50,
        volume_unit="ton",
    ),
    Requirement(
        "Q4",
        ("furniture", "wood finishing"),
        date(2027, 4, 1),
        buyer="PT IKEA Indonesia",
        title="Kursi makan jati",
        materials=("teak",),
        certifications_required=("SVLK",),
        monthly_volume=300,
        volume_unit="unit",
        delivery=Delivery("Kab. Jepara"),
    ),
    Requirement(
        "Q5",
        ("vacuum frying", "packaging"),
        date(2027, 2, 1),
        title="Keripik pisang",
        materials=("banana",),
        certifications_required=("Halal",),
        monthly_volume=2,
        volume_unit="ton",
        delivery=Delivery("Kab. Klaten", max_distance_km=250),
    ),
    Requirement(
        "Q6",
        ("welding",),
        date(2027, 3, 1),
        kbli=("25119",),
        delivery=Delivery("Kab. Tegal", max_distance_km=150),
    ),
]


def naive_scores(records: list[SupplierRecord], req: Requirement) -> list[tuple[bool, float]]:
    """Per-pair Python: every (requirement, supplier) pair scored from the raw record."""
    processes = load_taxonomy("process")
    materials = load_taxonomy("material")
    profile = WeightsProfile.load_default()

    def concepts(taxonomy, text):  # type: ignore[no-untyped-def]
        found = []
        for term in split_terms(text):
            if term in taxonomy.synonym_to_id:
                found.append(taxonomy.synonym_to_id[term])
        return found

    def best(taxonomy, wanted_terms, offered):  # type: ignore[no-untyped-def]
        levels = []
        for wanted in wanted_terms:
            top = 0.0
            for want in concepts(taxonomy, wanted):
                for entry in offered:
                    for have in concepts(taxonomy, entry):
                        top = max(top, taxonomy.match_level(want, have).score)
            levels.append(top)
        return levels

    delivery = req.delivery
    point = None
    if delivery is not None:
        place = resolve_regency(delivery.regency) if delivery.regency else None
        point = (
            (delivery.lat, delivery.lon)
            if delivery.lat is not None
            else ((place.lat, place.lon) if place else None)
        )
    out = []
    for r in records:
        ok = True
        for wanted in req.certifications_required:
            w = parse_certification(wanted)
            held = False
            for c in r.certifications:
                p = parse_certification(c.name)
                if (
                    p
                    and w
                    and p.base == w.base
                    and (c.valid_until is None or c.valid_until >= req.needed_by)
                ):
                    held = True
            ok = ok and held
        levels = best(processes, req.processes, r.processes)
        matched = sum(1 for x in levels if x > 0)
        cap = (matched + (sum(levels) / matched if matched else 0)) / (len(levels) + 1)
        parts = {"capability": cap, "track_record": 0.1 if r.cluster else 0.0}
        if req.materials:
            mat = best(materials, req.materials, r.materials)
            parts["material"] = sum(mat) / len(mat)
        if req.monthly_volume:
            conv = convert_quantity(r.monthly_capacity, r.capacity_unit, req.volume_unit or "pcs")
            parts["capacity"] = 0.5 if conv is None else min(1.0, conv / req.monthly_volume)
        if point is not None:
            place = resolve_regency(r.regency)
            lat, lon = (
                (r.lat, r.lon)
                if r.lat is not None
                else ((place.lat, place.lon) if place else (None, None))
            )
            if lat is None or lon is None:
                parts["distance"] = 0.5
                ok = ok and (delivery is None or delivery.max_distance_km is None)
            else:
                p1, p2 = math.radians(lat), math.radians(point[0])
                a = (
                    math.sin((p2 - p1) / 2) ** 2
                    + math.cos(p1) * math.cos(p2) * math.sin(math.radians(point[1] - lon) / 2) ** 2
                )
                d = 2 * 6371.0088 * math.asin(math.sqrt(a))
                parts["distance"] = math.exp(-d / 150)
                if delivery and delivery.max_distance_km is not None:
                    ok = ok and d <= delivery.max_distance_km
        total = sum(profile.weight(k) for k in parts)
        out.append((ok, sum(profile.weight(k) * v for k, v in parts.items()) / total))
    return out


def run_one(size: int, n_queries: int) -> dict[str, float]:
    started = time.perf_counter()
    records = make_suppliers(size)
    generate_s = time.perf_counter() - started
    started = time.perf_counter()
    index = SupplierIndex.build(records)
    build_s = time.perf_counter() - started
    # A long-lived service holding a million records should freeze them out of the cyclic
    # garbage collector; otherwise every collection walks them all. Both the engine and the
    # naive baseline below are timed with the records frozen.
    gc.freeze()
    for q in QUERIES:  # warm-up: first-call caches (taxonomy level vectors, imports)
        rank(index, q)
    latencies = []
    for i in range(n_queries):
        q = QUERIES[i % len(QUERIES)]
        t0 = time.perf_counter()
        rank(index, q, top=10)
        latencies.append(time.perf_counter() - t0)
    sample = records[: min(NAIVE_SAMPLE, size)]
    t0 = time.perf_counter()
    naive = [naive_scores(sample, q) for q in QUERIES]
    naive_per_query = (time.perf_counter() - t0) / len(QUERIES) * size / len(sample)
    # Sanity check: both implementations must agree on who passes the hard gates.
    agree = sum(
        int(np.sum(feature_matrix(index, q).eligible[: len(sample)] == [ok for ok, _ in got]))
        for q, got in zip(QUERIES, naive, strict=True)
    ) / (len(QUERIES) * len(sample))
    latencies.sort()
    p50 = statistics.median(latencies)
    return {
        "size": size,
        "generate_s": generate_s,
        "build_s": build_s,
        "p50_ms": p50 * 1000,
        "p95_ms": latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))] * 1000,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "naive_ms": naive_per_query * 1000,
        "speedup": naive_per_query / p50,
        "gate_agreement": agree,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--queries", type=int, default=30, help="timed shortlists per size")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child-process mode
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.queries)))
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--queries", str(args.queries)],
            check=True,
            capture_output=True,
            text=True,
        )
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(f"done {size:,} suppliers", file=sys.stderr)
    print(
        "| suppliers | index build | shortlist p50 | shortlist p95 | peak memory (RSS) "
        "| naive per-pair (extrapolated) | speed-up | gates agree with naive |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['size']:,} | {r['build_s']:.1f} s | {r['p50_ms']:.1f} ms | {r['p95_ms']:.1f} ms "
            f"| {r['peak_mb']:,.0f} MB | {r['naive_ms']:,.0f} ms | {r['speedup']:,.0f}× "
            f"| {r['gate_agreement']:.1%} |"
        )
    print(
        f"\nPeak memory is the child process's max RSS and includes the supplier records "
        f"themselves. Naive baseline measured on "
        f"{NAIVE_SAMPLE:,} suppliers per size and scaled linearly. Targets: 100k < 50 ms p50, "
        "1M < 500 ms p50, 1M < 2 GB."
    )


if __name__ == "__main__":
    main()
