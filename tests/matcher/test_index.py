"""SupplierIndex.build: what is precomputed, and that free text is mapped once per unique term."""

from __future__ import annotations

import math

import numpy as np
import pytest

from matcher.geo import regency_centroid
from matcher.index import LOCATION_CENTROID, LOCATION_OWN, LOCATION_UNKNOWN, SupplierIndex
from matcher.taxonomy import Taxonomy
from matcher.types import Certification
from tests.matcher.builders import supplier


def test_records_and_length_are_kept() -> None:
    records = [supplier("S1"), supplier("S2")]
    index = SupplierIndex.build(records)
    assert len(index) == 2
    assert [r.supplier_id for r in index.records] == ["S1", "S2"]


def test_location_prefers_own_coordinates_then_centroid_then_unknown() -> None:
    index = SupplierIndex.build(
        [
            supplier("own", regency="Kab. Tegal", lat=-6.93, lon=109.13),
            supplier("centroid", regency="kab tegal"),
            supplier("unknown", regency="Kampung Tak Dikenal"),
        ]
    )
    assert index.location_source.tolist() == [LOCATION_OWN, LOCATION_CENTROID, LOCATION_UNKNOWN]
    assert (index.lat[0], index.lon[0]) == (-6.93, 109.13)
    assert (index.lat[1], index.lon[1]) == regency_centroid("Kab. Tegal")
    assert math.isnan(index.lat[2]) and math.isnan(index.lon[2])  # never zero
    assert index.regency_names[:2] == ["Kab. Tegal", "Kab. Tegal"]


def test_capacity_is_kept_in_base_units_per_dimension() -> None:
    index = SupplierIndex.build(
        [
            supplier("t", monthly_capacity=2, capacity_unit="ton"),
            supplier("k", monthly_capacity=2000, capacity_unit="Kg"),
            supplier("x", monthly_capacity=5, capacity_unit="gentong"),
        ]
    )
    assert index.capacity[0] == index.capacity[1]
    assert index.capacity_dimension[0] == index.capacity_dimension[1] >= 0
    assert index.capacity_dimension[2] == -1  # unknown unit: capacity fit will be "unknown"


def test_certificates_are_grouped_by_canonical_name() -> None:
    index = SupplierIndex.build(
        [
            supplier("a", certifications=(Certification("ISO9001:2015"),)),
            supplier("b", certifications=(Certification("iso-9001"), Certification("Piala RT"))),
        ]
    )
    assert index.certificates["ISO 9001"].rows.tolist() == [0, 1]
    assert "Piala RT" in [c.name for c in index.records[1].certifications]


def test_each_unique_entry_is_mapped_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    original = Taxonomy.map_terms

    def counting(self: Taxonomy, texts):  # type: ignore[no-untyped-def]
        texts = list(texts)
        seen.append(len(texts))
        return original(self, texts)

    monkeypatch.setattr(Taxonomy, "map_terms", counting)
    records = [supplier(f"S{i}", processes=("bubut CNC", "frais")) for i in range(500)]
    SupplierIndex.build(records)
    assert seen[0] == 2  # processes: two unique entries for 500 suppliers


def test_same_combination_of_processes_is_stored_once() -> None:
    records = [supplier(f"S{i}", processes=("bubut", "frais")) for i in range(50)]
    records.append(supplier("odd", processes=("las MIG",)))
    index = SupplierIndex.build(records)
    assert index.processes.patterns.shape[0] == 2
    assert np.unique(index.processes.row_pattern).size == 2


def test_progress_reports_the_final_count() -> None:
    calls: list[int] = []
    SupplierIndex.build([supplier(f"S{i}") for i in range(3)], progress=calls.append)
    assert calls[-1] == 3
