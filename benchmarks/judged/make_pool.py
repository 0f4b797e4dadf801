"""Write the judged pool: suppliers.csv and judgments.csv (seeded, reproducible).

Run: python benchmarks/judged/make_pool.py

For every requirement the generator writes suppliers that vary on what a buyer weighs
(process exact/sibling/parent, material, capacity 150%/60%/10% or in another unit, preferred
certificates held/expired/missing, distance, track record, look-alike traders and repair shops,
hard-gate failures), then fills each pool with ordinary workshops of the same trade until every
requirement has enough eligible candidates. Each supplier keeps its *true* attributes; the
grades in judgments.csv come from those through the rules in grading.py, never from an engine.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.judged import pool_people as people  # noqa: E402
from benchmarks.judged.gates import distance_km, gate_failures, load_centroids  # noqa: E402
from benchmarks.judged.grading import Truth, grade  # noqa: E402
from benchmarks.judged.pool_people import Supplier  # noqa: E402
from benchmarks.judged.taxonomy import FAMILIES  # noqa: E402

HERE = Path(__file__).resolve().parent
SUPPLIER_COLUMNS = (
    "supplier_id,name,regency,lat,lon,cluster,kbli,processes,materials,products,certifications,"
    "monthly_capacity,capacity_unit,employees,machines,partners,tier,cooperative,"
    "contact_email,contact_phone"
).split(",")
MIN_ELIGIBLE = 27  # EVALUATION.md asks for at least 25 eligible candidates per requirement

# Variants written for every requirement, then a rotating selection of the rest.
CORE = ["ideal", "ideal2", "plain", "cap60", "trader", "gate_far"]
ROTATING = [
    "far", "cap10", "unit", "pref_expired", "sibling", "parent", "no_secondary",
    "wrong_material", "no_material", "repair", "convertible",
]  # fmt: skip
WRONG_MATERIAL = {
    "carbon steel": "stainless", "cast iron": "aluminium", "ABS": "PP", "HDPE": "LDPE",
    "PVC": "PP", "teak": "pine", "mahogany": "pine", "MDF": "pine", "cassava": "banana",
    "fish": "peanut", "tapioca": "peanut", "flour": "peanut", "fruit": "banana",
}  # fmt: skip
OTHER_UNIT = {"pcs": "kg", "set": "pcs", "ton": "pcs", "kg": "pcs", "m": "kg"}
CONVERTIBLE = {"ton": "kg", "kg": "ton"}


def load_requirements() -> list[dict[str, Any]]:
    files = sorted((HERE / "requirements").glob("*.json"))
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def needed_by(req: dict[str, Any]) -> date:
    return date.fromisoformat(str(req["needed_by"]))


def related_processes(notes: dict[str, Any]) -> set[str]:
    related: set[str] = set()
    for fam in notes["family"]:
        related |= set(FAMILIES[fam])
    return related


def build_variant(
    rng: random.Random, req: dict[str, Any], notes: dict[str, Any], variant: str
) -> tuple[Truth, str]:
    """The true attributes of one designed candidate; returns the truth and where to put it."""
    specs: list[dict[str, list[str]]] = notes["processes"]
    procs = [rng.choice(spec["exact"]) for spec in specs]
    material = list(notes["materials"])[:1]
    volume = float(req["monthly_volume"])
    unit = str(req["volume_unit"])
    nb = needed_by(req)
    required = [str(c) for c in req["certifications_required"]]
    preferred = [str(c) for c in req["certifications_preferred"]]
    certs = [(c, people.valid_date(rng, nb)) for c in required]
    track = rng.choice(notes["similar_buyers"])
    truth = Truth(procs, material, volume * rng.uniform(1.5, 3.0), unit, certs, [track])
    truth.certs += [(c, people.valid_date(rng, nb)) for c in preferred]
    place = "near"
    if variant == "plain":
        truth.capacity, truth.partners = volume * 1.5, []
        truth.certs = truth.certs[: len(required)]
    elif variant == "ideal2":
        truth.partners = []  # strong, but its case rests on the preferred certificate
    elif variant == "far":
        place = "far"
        truth.partners = []
    elif variant == "cap60":
        truth.capacity = volume * 0.6
    elif variant == "cap10":
        truth.capacity = volume * 0.1
    elif variant == "unit":
        truth.unit = OTHER_UNIT[unit]
        truth.capacity = volume * 2
    elif variant == "convertible":
        if unit in CONVERTIBLE:
            truth.unit = CONVERTIBLE[unit]
            truth.capacity = volume * 1.5 * (1000 if unit == "ton" else 0.001)
    elif variant == "pref_expired":
        truth.partners = []
        truth.certs = truth.certs[: len(required)] + [
            (c, nb - timedelta(days=rng.randint(20, 300))) for c in preferred
        ]
    elif variant in ("sibling", "parent"):
        options = specs[0][variant] or specs[0]["parent"] or specs[0]["sibling"]
        if options:
            procs[0] = rng.choice(options)
    elif variant == "no_secondary" and len(procs) > 1:
        del procs[1:]
    elif variant == "wrong_material":
        truth.materials = [WRONG_MATERIAL[material[0]]]
    elif variant == "no_material":
        truth.materials = []
    elif variant == "trader":
        truth.processes, truth.role = ["trading"], "trader"
        truth.capacity = volume * 5
    elif variant == "repair":
        base = specs[0]["parent"] or specs[0]["exact"]
        truth.processes, truth.role = [rng.choice(base), "repair"], "repair"
        truth.capacity = volume * 0.3
    elif variant == "gate_cert":
        truth.certs = [(c, nb - timedelta(days=rng.randint(2, 25))) for c in required]
    elif variant == "gate_far":
        place = "gate_far"
    elif variant == "unknown_place":
        place = "unknown"
    if variant not in ("trader", "repair") and rng.random() < 0.5:
        extra = sorted(related_processes(notes) - set(procs))
        procs.append(rng.choice(extra))
    return truth, place


def write_rows(suppliers: list[Supplier], out_dir: Path) -> None:
    with (out_dir / "suppliers.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=SUPPLIER_COLUMNS)
        writer.writeheader()
        for supplier in suppliers:
            writer.writerow(supplier.row)


def main(out_dir: Path = HERE) -> None:
    rng = random.Random(20261123)
    people.start_run()
    centroids = load_centroids()
    reqs = load_requirements()
    all_notes = json.loads((HERE / "judge_notes.json").read_text(encoding="utf-8"))
    placer = people.Placer(rng, centroids, reqs, all_notes)
    suppliers: list[Supplier] = []
    for index, req in enumerate(reqs):
        notes = all_notes[str(req["requirement_id"])]
        variants = list(CORE)
        if req["certifications_required"]:
            variants.append("gate_cert")
        variants += [ROTATING[(index * 5 + k) % len(ROTATING)] for k in range(5)]
        if index % 4 == 0:
            variants.append("unknown_place")
        for variant in variants:
            truth, place = build_variant(rng, req, notes, variant)
            regency, coords = placer.place(req, place, notes["domain"])
            supplier = Supplier(truth, regency, coords, notes["domain"])
            people.dress(rng, supplier, req, variant)
            suppliers.append(supplier)
    people.fill_pools(rng, suppliers, reqs, all_notes, placer, MIN_ELIGIBLE)
    people.finish_rows(rng, suppliers)
    write_rows(suppliers, out_dir)
    write_judgments(suppliers, reqs, all_notes, centroids, out_dir)


def write_judgments(
    suppliers: list[Supplier],
    reqs: list[dict[str, Any]],
    all_notes: dict[str, dict[str, Any]],
    centroids: dict[str, tuple[float, float]],
    out_dir: Path,
) -> None:
    with (out_dir / "judgments.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["requirement_id", "supplier_id", "grade", "reason"])
        for req in reqs:
            notes = all_notes[str(req["requirement_id"])]
            for supplier in suppliers:
                if supplier.domain != notes["domain"]:
                    continue
                km = distance_km(supplier.row, req, centroids)
                failures = gate_failures(supplier.row, req, centroids)
                value, reason = grade(supplier.truth, req, notes, km, failures)
                writer.writerow([req["requirement_id"], supplier.row["supplier_id"], value, reason])


if __name__ == "__main__":
    main()
