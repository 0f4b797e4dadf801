"""Fixtures for the matcher tests (builders live in tests/matcher/builders.py)."""

from __future__ import annotations

import pytest

from matcher.index import SupplierIndex
from matcher.types import Delivery, Requirement
from tests.matcher.builders import METAL_SUPPLIERS, requirement


@pytest.fixture
def metal_index() -> SupplierIndex:
    return SupplierIndex.build(METAL_SUPPLIERS)


@pytest.fixture
def bracket_requirement() -> Requirement:
    return requirement(
        buyer="PT Astra Otoparts",
        title="Bracket stamping SPCC 2 mm",
        processes=("stamping", "spot welding"),
        materials=("SPCC",),
        kbli=("25910",),
        certifications_required=("ISO 9001",),
        certifications_preferred=("IATF 16949",),
        monthly_volume=20_000,
        volume_unit="pcs",
        delivery=Delivery(regency="Kab. Bekasi", lat=-6.30, lon=107.15, max_distance_km=400),
    )
