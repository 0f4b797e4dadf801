"""Builders for small realistic fixtures: IKM suppliers around Tegal, Kendal, Bekasi, Cilegon."""

from __future__ import annotations

from datetime import date

from matcher.types import Certification, Requirement, SupplierRecord


def supplier(supplier_id: str, **fields: object) -> SupplierRecord:
    """A supplier with sensible defaults; override only what the test is about."""
    defaults: dict[str, object] = {
        "name": f"UD Logam {supplier_id}",
        "regency": "Kab. Tegal",
        "processes": ("stamping",),
        "monthly_capacity": 20_000.0,
        "capacity_unit": "pcs",
    }
    defaults.update(fields)
    return SupplierRecord(supplier_id=supplier_id, **defaults)  # type: ignore[arg-type]


def requirement(**fields: object) -> Requirement:
    defaults: dict[str, object] = {
        "requirement_id": "REQ-2027-001",
        "processes": ("stamping",),
        "needed_by": date(2027, 3, 1),
    }
    defaults.update(fields)
    return Requirement(**defaults)  # type: ignore[arg-type]


ISO_OK = Certification("ISO 9001:2015", date(2028, 1, 31))

METAL_SUPPLIERS = [
    supplier(
        "S01",
        name="CV Sinar Presisi Tegal",
        regency="Kab. Tegal",
        lat=-6.93,
        lon=109.13,
        cluster="LIK Takaru",
        processes=("stamping progresif", "las spot"),
        materials=("plat SPCC", "SPHC"),
        kbli=("25910",),
        products="bracket jok motor, stamping plat",
        certifications=(ISO_OK, Certification("IATF16949", date(2027, 12, 31))),
        partners=("PT Astra Otoparts",),
        tier=2,
        monthly_capacity=30_000,
    ),
    supplier(
        "S02",
        name="UD Logam Jaya Kendal",
        regency="kab. kendal",
        processes=("pres", "las MIG/TIG"),
        materials=("SPCC",),
        kbli=("25920",),
        products="komponen pres, engsel pintu",
        certifications=(Certification("iso-9001", None),),
        monthly_capacity=12_000,
    ),
    supplier(
        "S03",
        name="CV Baja Cilegon",
        regency="Kota Cilegon",
        processes=("bubut CNC", "frais"),
        materials=("S45C",),
        kbli=("25920",),
        products="shaft, bushing",
        certifications=(Certification("ISO 9001", date(2026, 5, 31)),),
    ),
    supplier(
        "S04",
        name="PT Karya Bekasi Teknik",
        regency="Kab Bekasi",
        lat=-6.30,
        lon=107.16,
        processes=("stampping", "spot welding"),
        materials=("SPCC",),
        kbli=("29300",),
        products="bracket, reinforcement",
        certifications=(ISO_OK,),
        partners=("PT Astra Honda Motor", "PT Toyota Motor Manufacturing Indonesia"),
        tier=1,
        monthly_capacity=5,
        capacity_unit="ton",
    ),
]
