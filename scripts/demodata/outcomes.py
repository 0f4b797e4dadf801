"""Outcomes of a past temu bisnis over the demo requirements, from a hidden fit plus noise.

The hidden rule (also written in mitra/data/README.md) lets analysts check whether a weights
profile recovers what drove the results:

    fit = 0.45 process coverage + 0.15 material match + 0.15 capacity cover
        + 0.15 closeness + 0.10 preferred certificates

Only suppliers passing the contract's hard gates (required certificates valid on needed_by,
distance within max_distance_km) and covering at least one required process are invited.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from typing import Any

from demodata.places import REGENCY_CENTRES
from demodata.processes import PROCESS_PARENT
from demodata.suppliers import DemoSupplier

EVENT_DAY = date(2026, 9, 16)
INVITED_PER_REQUIREMENT = 8
WILDCARDS_PER_REQUIREMENT = 2
WEIGHTS = {"coverage": 0.45, "material": 0.15, "capacity": 0.15, "closeness": 0.15,
           "preferred": 0.10}  # fmt: skip

# price per volume unit in rupiah, for the value of a first (one-month) purchase order
UNIT_PRICE_IDR: dict[str, int] = {
    "REQ-2027-001": 4_500, "REQ-2027-002": 3_200, "REQ-2027-003": 185_000,
    "REQ-2027-004": 1_250_000, "REQ-2027-005": 650_000, "REQ-2027-006": 48_000_000,
    "REQ-2027-007": 2_300, "REQ-2027-008": 2_800_000, "REQ-2027-009": 38_000,
    "REQ-2027-010": 9_500, "REQ-2027-011": 32_000_000, "REQ-2027-012": 95_000,
    "REQ-2027-013": 42_000, "REQ-2027-014": 165_000,
}  # fmt: skip

TO_KG = {"kg": 1.0, "ton": 1000.0}


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def location(supplier: DemoSupplier) -> tuple[float, float]:
    if supplier.lat is not None and supplier.lon is not None:
        return supplier.lat, supplier.lon
    return REGENCY_CENTRES[supplier.regency]


def passes_gates(supplier: DemoSupplier, req: dict[str, Any]) -> bool:
    needed_by = date.fromisoformat(req["needed_by"])
    held = supplier.certificate_dates()
    for cert in req["certifications_required"]:
        if cert not in held:
            return False
        valid_until = held[cert]
        if valid_until is not None and valid_until < needed_by:
            return False
    delivery = req["delivery"]
    point = (delivery["lat"], delivery["lon"])
    return bool(distance_km(location(supplier), point) <= delivery["max_distance_km"])


def coverage(supplier: DemoSupplier, wanted: list[str]) -> float:
    """Share of required processes the supplier does (a parent-only match counts half)."""
    does = {canonical for canonical, _ in supplier.processes}
    children = {PROCESS_PARENT[c] for c in does if c in PROCESS_PARENT}
    total = 0.0
    for process in wanted:
        if process in does or process in children:
            total += 1.0
        elif PROCESS_PARENT.get(process) in does:
            total += 0.5
    return total / len(wanted)


def capacity_cover(supplier: DemoSupplier, req: dict[str, Any]) -> float:
    unit: str = req["volume_unit"]
    wanted = float(req["monthly_volume"])
    if supplier.capacity_unit == unit:
        return min(1.0, supplier.monthly_capacity / wanted)
    if supplier.capacity_unit in TO_KG and unit in TO_KG:
        have = supplier.monthly_capacity * TO_KG[supplier.capacity_unit]
        return min(1.0, have / (wanted * TO_KG[unit]))
    return 0.3  # unit mismatch: unknown, neither good nor bad


def hidden_fit(supplier: DemoSupplier, req: dict[str, Any]) -> float:
    wanted_materials = {m.lower() for m in req["materials"]}
    material = 1.0 if wanted_materials & {m.lower() for m in supplier.materials} else 0.0
    delivery = req["delivery"]
    km = distance_km(location(supplier), (delivery["lat"], delivery["lon"]))
    held = supplier.certificate_dates()
    preferred = req["certifications_preferred"]
    pref = sum(c in held for c in preferred) / len(preferred) if preferred else 1.0
    parts = {
        "coverage": coverage(supplier, req["processes"]),
        "material": material,
        "capacity": capacity_cover(supplier, req),
        "closeness": math.exp(-km / 200.0),
        "preferred": pref,
    }
    return sum(WEIGHTS[name] * value for name, value in parts.items())


def _chance(value: float) -> float:
    return min(0.95, max(0.02, value))


def ladder(rng: random.Random, fit: float) -> tuple[str, int]:
    """How far a pair got (outcome) and how many days after the event it got there."""
    if rng.random() < 0.05:
        return "invited", -15  # never confirmed the invitation
    if rng.random() < 0.12:
        return "no_show", 0
    steps = (
        ("interested", _chance(1.6 * fit - 0.55), (0, 0)),
        ("sample_requested", _chance(1.5 * fit - 0.5), (5, 20)),
        ("mou", _chance(1.2 * fit - 0.45), (25, 45)),
        ("purchase_order", _chance(1.0 * fit - 0.35), (46, 65)),
    )
    outcome, days = "met", 0
    for name, chance, (low, high) in steps:
        if rng.random() >= chance:
            break
        outcome, days = name, rng.randint(low, high)
    return outcome, days


def outcome_rows(
    rng: random.Random, suppliers: list[DemoSupplier], requirements: tuple[dict[str, Any], ...]
) -> list[list[str]]:
    """Rows (requirement_id, supplier_id, outcome, value_idr, date), one per invited pair."""
    rows: list[list[str]] = []
    for req in requirements:
        candidates = [
            s for s in suppliers if passes_gates(s, req) and coverage(s, req["processes"]) > 0
        ]
        fits = {s.supplier_id: hidden_fit(s, req) + rng.gauss(0.0, 0.08) for s in candidates}
        ranked = sorted(candidates, key=lambda s: (-fits[s.supplier_id], s.supplier_id))
        invited = ranked[:INVITED_PER_REQUIREMENT]
        rest = ranked[INVITED_PER_REQUIREMENT:]
        invited += rng.sample(rest, min(WILDCARDS_PER_REQUIREMENT, len(rest)))
        for supplier in sorted(invited, key=lambda s: s.supplier_id):
            outcome, days = ladder(rng, fits[supplier.supplier_id])
            value = ""
            if outcome == "purchase_order":
                value = str(order_value(rng, supplier, req))
            day = EVENT_DAY + timedelta(days=days)
            rows.append(
                [req["requirement_id"], supplier.supplier_id, outcome, value, day.isoformat()]
            )
    return rows


def order_value(rng: random.Random, supplier: DemoSupplier, req: dict[str, Any]) -> int:
    """A first month's trial order: part of the volume, never more than the supplier makes."""
    share = min(capacity_cover(supplier, req), rng.uniform(0.1, 0.5))
    value = share * req["monthly_volume"] * UNIT_PRICE_IDR[req["requirement_id"]]
    return max(1_000_000, int(round(value, -5)))
