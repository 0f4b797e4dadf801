"""Documents the API tests send."""

from __future__ import annotations

from typing import Any


def requirement(requirement_id: str = "REQ-AOP-001", **changes: Any) -> dict[str, Any]:
    """A buyer's stamping requirement, delivered to Kab. Bekasi."""
    document: dict[str, Any] = {
        "requirement_id": requirement_id,
        "buyer": "PT Astra Otoparts",
        "title": "Bracket stamping SPCC 2 mm",
        "processes": ["stamping", "bubut"],
        "materials": ["SPCC"],
        "certifications_required": [],
        "monthly_volume": 5000,
        "volume_unit": "pcs",
        "delivery": {"regency": "Kab. Bekasi", "lat": -6.30, "lon": 107.15},
        "needed_by": "2027-03-01",
    }
    document.update(changes)
    return document
