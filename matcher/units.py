"""Capacity units: `kg`, `ton`, `pcs`, `lusin`, `m²`, … and conversions inside one dimension.

Mass converts (g ↔ kg ↔ ton), volume converts (ml ↔ liter ↔ m3), and a dozen is 12 pieces.
`pcs`, `set`, `unit`, `pair`, `box`… are deliberately separate dimensions: a set or a unit
is often several pieces, so converting between them would invent numbers. A buyer asking
for pcs from a supplier counting sets gets "unknown capacity fit", not a guess.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from matcher.text import normalise

# "pcs/bulan", "kg per month", "ton/bln": the period is always monthly in Mitra.
_PER_PERIOD = re.compile(
    r"\s*(?:/|\bper\b|\bse)\s*(?:bulan|bln|month|mo|mth)\b.*$|\s*\b(?:perbulan|sebulan)\b.*$"
)


@dataclass(frozen=True)
class Unit:
    id: str
    dimension: str
    factor: float  # how many base units of the dimension one of this unit is


@cache
def _units() -> dict[str, Unit]:
    raw = json.loads(resources.files("matcher.data").joinpath("units.json").read_text("utf-8"))
    by_synonym: dict[str, Unit] = {}
    for item in raw["unit"]:
        unit = Unit(item["id"], item["dimension"], float(item["factor"]))
        for synonym in (item["id"], *item["synonyms"]):
            by_synonym.setdefault(normalise(synonym), unit)
    return by_synonym


def unit_info(text: str) -> Unit | None:
    """The canonical unit for `text` ("Pcs/bulan", "Kg", "m²"), or None if unknown."""
    lowered = _PER_PERIOD.sub("", text.strip().lower())
    return _units().get(normalise(lowered))


def normalise_unit(text: str) -> str | None:
    """Canonical unit name: `PCS` → `pcs`, `Kilogram` → `kg`, `m²` → `m2`; None if unknown."""
    unit = unit_info(text)
    return None if unit is None else unit.id


def convert_quantity(value: float, from_unit: str, to_unit: str) -> float | None:
    """`value` in `from_unit` expressed in `to_unit`; None when they do not convert (pcs → kg)."""
    source, target = unit_info(from_unit), unit_info(to_unit)
    if source is None or target is None or source.dimension != target.dimension:
        return None
    return float(value) * source.factor / target.factor


def known_units() -> list[str]:
    return sorted({unit.id for unit in _units().values()})
