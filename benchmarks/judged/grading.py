"""The buyer's grading rules for the judged set, applied to a supplier's *true* attributes.

Written before any engine was run. Grades (EVALUATION.md): 3 = can make it at the volume with the
right process and material, a strong fit; 2 = can make it with one real gap; 1 = weak; 0 = cannot
(or fails a hard gate, or does not produce at all).

Rules, as a buyer reads a supplier row:
* fails a hard gate (required certificate missing/expired on needed_by, too far, location
  unknown under a distance limit) -> 0;
* a trader or distributor (sells, does not make) -> 0;
* the first requested process is the part's main process: exact -> fine; sibling -> one real gap;
  parent (general trade only) -> at most 1; none -> 0;
* each further requested process: exact -> fine; sibling/parent -> half a gap; missing -> one gap;
* material family not among those accepted -> one gap; no material stated -> half a gap;
* capacity in the requested unit (kg<->ton converted): >= 100% fine; 50-99% one gap;
  below 50% -> at most 1; a unit that cannot be compared -> one gap (volume unverified);
* farther than 80% of the distance limit -> half a gap (freight, slower visits);
* a repair/service shop -> at most 1;
* grade = 3 - floor(gaps), never below 1 once the main process is there;
* a gap-free supplier that holds none of the preferred certificates (valid on needed_by) and
  has no track record with similar buyers -> 2 (unproven for this buyer).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from benchmarks.judged.gates import cert_key

UNIT_TO_KG = {"kg": 1.0, "ton": 1000.0}


@dataclass
class Truth:
    """What a supplier really is, as the organiser's field visit would find it."""

    processes: list[str]
    materials: list[str]
    capacity: float
    unit: str
    certs: list[tuple[str, date | None]] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    role: str = "maker"  # maker | trader | repair


def capacity_ratio(truth: Truth, volume: float, unit: str) -> float | None:
    if truth.unit == unit:
        return truth.capacity / volume
    if truth.unit in UNIT_TO_KG and unit in UNIT_TO_KG:
        return truth.capacity * UNIT_TO_KG[truth.unit] / (volume * UNIT_TO_KG[unit])
    return None


def match_level(processes: list[str], spec: dict[str, list[str]]) -> str:
    have = set(processes)
    for level in ("exact", "sibling", "parent"):
        if have & set(spec[level]):
            return level
    return "none"


def holds_valid(truth: Truth, wanted: str, needed_by: date) -> bool:
    return any(
        cert_key(name) == cert_key(wanted) and (until is None or until >= needed_by)
        for name, until in truth.certs
    )


def grade(
    truth: Truth,
    requirement: dict[str, Any],
    notes: dict[str, Any],
    distance_km: float | None,
    gate_failures: list[str],
) -> tuple[int, str]:
    """The buyer's grade and a one-line reason."""
    if gate_failures:
        return 0, "GATE: " + "; ".join(gate_failures)
    if truth.role == "trader":
        return 0, "trader/distributor, does not make the part"
    specs: list[dict[str, list[str]]] = notes["processes"]
    asked: list[str] = requirement["processes"]
    main = match_level(truth.processes, specs[0])
    if main == "none":
        return 0, f"no {asked[0]} (nor a close process)"
    gaps = 0.0
    why: list[str] = []
    if main == "sibling":
        gaps += 1
        why.append(f"only a sibling of {asked[0]}")
    elif main == "parent":
        why.append(f"only the general trade, not {asked[0]}")
    else:
        why.append(f"{asked[0]} exact")
    for name, spec in zip(asked[1:], specs[1:], strict=True):
        level = match_level(truth.processes, spec)
        if level == "none":
            gaps += 1
            why.append(f"no {name}")
        elif level == "exact":
            why.append(f"{name} exact")
        else:
            gaps += 0.5
            why.append(f"{name} only {level}")
    accepted = set(notes["materials"])
    if not truth.materials:
        gaps += 0.5
        why.append("material not stated")
    elif not accepted & set(truth.materials):
        gaps += 1
        why.append(f"material {'/'.join(truth.materials)} not {'/'.join(sorted(accepted))}")
    else:
        why.append(f"{'/'.join(sorted(accepted & set(truth.materials)))} ok")
    volume = float(requirement["monthly_volume"])
    unit = str(requirement["volume_unit"])
    ratio = capacity_ratio(truth, volume, unit)
    cap_low = False
    if ratio is None:
        gaps += 1
        why.append(f"capacity in {truth.unit}, cannot check {unit}")
    elif ratio >= 1:
        why.append(f"capacity {ratio:.0%}")
    elif ratio >= 0.5:
        gaps += 1
        why.append(f"capacity only {ratio:.0%}")
    else:
        cap_low = True
        why.append(f"capacity only {ratio:.0%}")
    limit = requirement["delivery"]["max_distance_km"]
    if distance_km is not None and distance_km > 0.8 * float(limit):
        gaps += 0.5
        why.append(f"far ({distance_km:.0f} km)")
    needed_by = date.fromisoformat(str(requirement["needed_by"]))
    preferred = [str(c) for c in requirement.get("certifications_preferred", [])]
    has_pref = [c for c in preferred if holds_valid(truth, c, needed_by)]
    similar = set(notes["similar_buyers"])
    track = [p for p in truth.partners if p in similar]
    if has_pref:
        why.append("holds " + "/".join(has_pref))
    if track:
        why.append("supplies " + track[0])
    result = 3 - math.floor(gaps)
    if main == "parent" or cap_low or truth.role == "repair":
        result = min(result, 1)
    if truth.role == "repair":
        why.insert(0, "repair/service shop")
    result = max(result, 1)
    if result == 3 and preferred and not has_pref and not track:
        result = 2
        why.append("no preferred certificate and no similar buyer yet")
    return result, "; ".join(why)
