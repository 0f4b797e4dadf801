"""Explanations a buyer reads: matched words, gaps and notes that agree with the score."""

from __future__ import annotations

from matcher.index import SupplierIndex
from matcher.scoring import rank
from matcher.shortlist import ShortlistEntry
from matcher.types import Delivery, SupplierRecord
from tests.matcher.builders import requirement, supplier


def _only(record: SupplierRecord, **asked: object) -> ShortlistEntry:
    return rank(
        SupplierIndex.build([record]), requirement(**asked), include_ineligible=True
    ).results[0]


def test_matched_shows_the_suppliers_own_words() -> None:
    entry = _only(
        supplier("S1", processes=("Bubut CNC", "las MIG/TIG"), materials=("Plat SPCC t=1.2",)),
        processes=("CNC turning", "TIG welding"),
        materials=("SPCC",),
    )
    assert entry.matched == {
        "CNC turning": "Bubut CNC",
        "TIG welding": "las MIG/TIG",
        "SPCC": "Plat SPCC t=1.2",
    }
    assert entry.gaps == []


def test_loose_matches_are_named_as_such() -> None:
    entry = _only(supplier("S1", processes=("las MIG",)), processes=("spot welding",))
    assert entry.matched == {"spot welding": "las MIG"}
    assert entry.gaps == ["'spot welding': only a related variant, 'las MIG' (counts 30%)"]


def test_missing_process_is_a_gap_and_scores_zero_capability() -> None:
    entry = _only(supplier("S1", processes=("penggorengan",)), processes=("stamping",))
    assert entry.gaps == ["required process 'stamping' not offered"]
    assert entry.contributions["capability"] == 0.0


def test_unknown_location_without_a_gate_is_neutral_and_said() -> None:
    entry = _only(
        supplier("S1", regency="Kampung Tak Dikenal"), delivery=Delivery(regency="Kab. Bekasi")
    )
    assert entry.eligible
    assert entry.distance_km is None
    assert "location unknown; distance scored as neutral" in entry.gaps


def test_centre_point_fallback_is_noted() -> None:
    entry = _only(supplier("S1", regency="Kab. Karawang"), delivery=Delivery(regency="Kab. Bekasi"))
    assert "location taken from the Kab. Karawang centre point" in entry.notes
    assert entry.distance_km is not None and 0 < entry.distance_km < 60


def test_missing_preferred_certificate_and_kbli_are_gaps() -> None:
    entry = _only(
        supplier("S1", kbli=("10710",)),
        certifications_preferred=("IATF16949",),
        kbli=("25910",),
    )
    assert "preferred certification IATF 16949 missing" in entry.gaps
    assert "no KBLI code related to 25910" in entry.gaps
    assert entry.contributions["certification"] == 0.0
