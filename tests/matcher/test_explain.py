"""Explanations a buyer reads: matched words, gaps and notes that agree with the score."""

from __future__ import annotations

from matcher.index import SupplierIndex
from matcher.scoring import rank
from matcher.shortlist import ShortlistEntry
from matcher.types import Certification, Delivery, SupplierRecord
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


def test_a_different_trade_of_the_same_family_is_not_offered() -> None:
    painter = _only(
        supplier("S1", name="Bengkel Cat Sumber Warna", processes=("cat semprot", "bubut")),
        processes=("chrome plating", "milling"),
    )
    assert painter.gaps == [
        "required process 'chrome plating' not offered (the main process)",
        "required process 'milling' not offered",
    ]
    assert painter.contributions["capability"] == 0.0
    assert painter.matched == {}


def test_general_trade_names_what_it_counted() -> None:
    entry = _only(supplier("S1", processes=("bengkel mesin",)), processes=("CNC turning",))
    assert entry.matched == {"CNC turning": "bengkel mesin"}
    assert entry.gaps == [
        "'CNC turning': only the general trade 'bengkel mesin' is listed (counts 40%)"
    ]


def test_wrong_material_names_what_the_supplier_works_with() -> None:
    entry = _only(supplier("S1", materials=("SUS304", "kuningan")), materials=("S45C",))
    assert entry.gaps == ["material 'S45C' not listed (works with 'SUS304', 'kuningan')"]
    assert entry.contributions["material"] == 0.0
    silent = _only(supplier("S2"), materials=("S45C",))
    assert silent.gaps == ["no material stated; material fit unknown"]
    assert silent.contributions["material"] > 0.0


def test_trader_and_repair_shop_are_named_and_the_trader_is_listed_last() -> None:
    records = [
        supplier(
            "S1",
            name="KUB Utama Logam",
            processes=("trading",),
            kbli=("46620",),
            certifications=(Certification("IATF 16949"),),
            monthly_capacity=100_000,
        ),
        supplier("S2", name="KUB Andalan Logam", processes=("pres", "reparasi"), kbli=("33119",)),
        supplier("S3", name="UD Logam Kecil", processes=("pres",), monthly_capacity=2_000),
    ]
    shortlist = rank(
        SupplierIndex.build(records),
        requirement(
            processes=("stamping",), certifications_preferred=("IATF 16949",), monthly_volume=20_000
        ),
    )
    by_id = {entry.supplier_id: entry for entry in shortlist.results}
    assert [entry.supplier_id for entry in shortlist.results][-1] == "S1"
    assert by_id["S1"].score > by_id["S3"].score  # certificates and capacity, but no process
    assert (
        "offers none of the required processes; listed after every supplier that does"
        in by_id["S1"].notes
    )
    assert "a trader or distributor, not a maker ('trading', KBLI 46620): " in " ".join(
        by_id["S1"].gaps
    )
    assert (
        "a repair or service shop ('reparasi', KBLI 33119): its process matches count 50%"
        in by_id["S2"].gaps
    )


def test_capacity_note_gives_the_real_share_covered() -> None:
    entry = _only(supplier("S1", monthly_capacity=2_000), monthly_volume=20_000)
    assert entry.capacity_note == "covers 10% of 20,000 pcs/month"
