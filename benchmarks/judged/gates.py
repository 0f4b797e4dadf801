"""The judge's own hard-gate check, written independently of `matcher.constraints`.

Used to grade the pool and to count violations in any ranking: a supplier that fails a gate
must never appear among the eligible results. Kept deliberately simple and literal.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

# The shared reference data sits beside the repository checkout (../shared/data).
REGENCY_FILE = Path(__file__).resolve().parents[3] / "shared" / "data" / "regency_coords.csv"

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Cert:
    name: str
    valid_until: date | None


def regency_key(name: str) -> str:
    """`Kab. Tegal` / `KABUPATEN TEGAL` / `kota tegal` -> a comparable key."""
    text = name.strip().lower().replace(".", " ")
    text = re.sub(r"^(kab|kabupaten)\s+", "kabupaten ", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip()


def load_centroids(path: Path = REGENCY_FILE) -> dict[str, tuple[float, float]]:
    centroids: dict[str, tuple[float, float]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            centroids[regency_key(row["nama"])] = (float(row["latitude"]), float(row["longitude"]))
    return centroids


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def cert_key(name: str) -> str:
    """`ISO 9001:2015`, `iso-9001`, `ISO9001` -> `iso9001`; `Halal MUI` -> `halal`."""
    text = name.lower().split(":")[0]
    text = re.sub(r"[^a-z0-9]", "", text)
    if text.startswith("halal"):
        return "halal"
    return text


def parse_certs(cell: str) -> list[Cert]:
    certs = []
    for part in cell.split(";"):
        if not part.strip():
            continue
        name, _, until = part.partition("|")
        certs.append(
            Cert(name.strip(), date.fromisoformat(until.strip()) if until.strip() else None)
        )
    return certs


def supplier_location(
    row: dict[str, str], centroids: dict[str, tuple[float, float]]
) -> tuple[float, float] | None:
    if row.get("lat") and row.get("lon"):
        return float(row["lat"]), float(row["lon"])
    return centroids.get(regency_key(row["regency"]))


def distance_km(
    row: dict[str, str], requirement: dict[str, Any], centroids: dict[str, tuple[float, float]]
) -> float | None:
    delivery = requirement.get("delivery")
    if not isinstance(delivery, dict):
        return None
    here = supplier_location(row, centroids)
    if delivery.get("lat") is not None and delivery.get("lon") is not None:
        there: tuple[float, float] | None = (float(delivery["lat"]), float(delivery["lon"]))
    else:
        there = centroids.get(regency_key(str(delivery.get("regency", ""))))
    if here is None or there is None:
        return None
    return haversine_km(here[0], here[1], there[0], there[1])


def gate_failures(
    row: dict[str, str], requirement: dict[str, Any], centroids: dict[str, tuple[float, float]]
) -> list[str]:
    """Every hard gate this supplier row fails for this requirement, in plain words."""
    failures = []
    needed_by = date.fromisoformat(str(requirement.get("needed_by") or date.today().isoformat()))
    held = parse_certs(row.get("certifications", ""))
    for wanted in requirement.get("certifications_required", []) or []:
        matches = [c for c in held if cert_key(c.name) == cert_key(str(wanted))]
        if not matches:
            failures.append(f"{wanted} missing")
        elif all(c.valid_until is not None and c.valid_until < needed_by for c in matches):
            last = max(c.valid_until for c in matches if c.valid_until is not None)
            failures.append(f"{wanted} expired on {last.isoformat()}")
    delivery = requirement.get("delivery")
    if isinstance(delivery, dict) and delivery.get("max_distance_km") is not None:
        km = distance_km(row, requirement, centroids)
        if km is None:
            failures.append("location unknown with a distance limit")
        elif km > float(delivery["max_distance_km"]):
            failures.append(f"{km:.0f} km away, limit {float(delivery['max_distance_km']):.0f} km")
    return failures
