"""Plain data the engine works on: no database, no HTTP.

`service` and `mitra.cli` turn rows and JSON into these; `matcher` turns them into numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Certification:
    """A certificate as the supplier wrote it, with its expiry date when known."""

    name: str
    valid_until: date | None = None


@dataclass(frozen=True)
class SupplierRecord:
    """One supplier as the engine sees it (contract section 1, already validated)."""

    supplier_id: str
    name: str
    regency: str
    processes: tuple[str, ...]
    monthly_capacity: float
    capacity_unit: str
    lat: float | None = None
    lon: float | None = None
    cluster: str | None = None
    kbli: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    products: str = ""
    certifications: tuple[Certification, ...] = ()
    employees: int | None = None
    machines: int | None = None
    partners: tuple[str, ...] = ()
    tier: int | None = None
    cooperative: str | None = None


@dataclass(frozen=True)
class Delivery:
    regency: str | None = None
    lat: float | None = None
    lon: float | None = None
    max_distance_km: float | None = None


@dataclass(frozen=True)
class Requirement:
    """A buyer's request (contract section 2, already validated)."""

    requirement_id: str
    processes: tuple[str, ...]
    needed_by: date
    buyer: str = ""
    title: str = ""
    description: str = ""
    materials: tuple[str, ...] = ()
    kbli: tuple[str, ...] = ()
    certifications_required: tuple[str, ...] = ()
    certifications_preferred: tuple[str, ...] = ()
    monthly_volume: float | None = None
    volume_unit: str | None = None
    delivery: Delivery | None = None
    extra: dict[str, object] = field(default_factory=dict)
