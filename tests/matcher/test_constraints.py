"""Hard gates: certificates valid on needed_by, and the distance limit."""

from __future__ import annotations

from datetime import date

from matcher.index import SupplierIndex
from matcher.scoring import rank
from matcher.types import Certification, Delivery
from tests.matcher.builders import requirement, supplier

NEEDED_BY = date(2027, 3, 1)


def _gate(*suppliers_: object, **asked: object) -> dict[str, list[str]]:
    """supplier_id → excluded_because, for every supplier (eligible ones have [])."""
    index = SupplierIndex.build(list(suppliers_))  # type: ignore[arg-type]
    shortlist = rank(index, requirement(needed_by=NEEDED_BY, **asked), include_ineligible=True)
    return {entry.supplier_id: entry.excluded_because for entry in shortlist.results}


def test_certificate_expiring_the_day_before_needed_by_fails() -> None:
    reasons = _gate(
        supplier("S1", certifications=(Certification("ISO 9001", date(2027, 2, 28)),)),
        certifications_required=("ISO 9001",),
    )
    assert reasons["S1"] == ["ISO 9001 expired on 2027-02-28, before needed_by 2027-03-01"]


def test_certificate_expiring_on_needed_by_passes() -> None:
    reasons = _gate(
        supplier("S1", certifications=(Certification("ISO9001", date(2027, 3, 1)),)),
        certifications_required=("ISO 9001",),
    )
    assert reasons["S1"] == []


def test_certificate_without_date_passes_and_the_explanation_says_so() -> None:
    index = SupplierIndex.build([supplier("S1", certifications=(Certification("iso-9001"),))])
    entry = rank(index, requirement(certifications_required=("ISO 9001",))).results[0]
    assert entry.eligible
    assert any("no expiry date" in note for note in entry.notes)


def test_missing_certificate_is_named() -> None:
    reasons = _gate(
        supplier("S1", certifications=(Certification("SNI"),)),
        certifications_required=("ISO 9001", "SNI"),
    )
    assert reasons["S1"] == ["no valid ISO 9001"]


def test_every_failed_gate_is_reported() -> None:
    reasons = _gate(
        supplier("S1", regency="Kota Surabaya", certifications=()),
        certifications_required=("Halal",),
        delivery=Delivery(regency="Kab. Bekasi", max_distance_km=400),
    )
    assert reasons["S1"][0] == "no valid Halal"
    assert reasons["S1"][1].endswith("km from Kab. Bekasi, beyond 400 km")


def test_one_valid_copy_is_enough_when_an_old_one_expired() -> None:
    reasons = _gate(
        supplier(
            "S1",
            certifications=(
                Certification("ISO 9001", date(2024, 1, 1)),
                Certification("ISO 9001:2015", date(2029, 1, 1)),
            ),
        ),
        certifications_required=("ISO 9001",),
    )
    assert reasons["S1"] == []


def test_tkdn_share_must_reach_the_asked_percentage() -> None:
    reasons = _gate(
        supplier("S1", certifications=(Certification("TKDN 45%"),)),
        supplier("S2", certifications=(Certification("TKDN 25%"),)),
        supplier("S3", certifications=(Certification("TKDN"),)),
        certifications_required=("TKDN 40%",),
    )
    assert reasons["S1"] == []
    assert reasons["S2"] == ["TKDN 25% is below the required 40%"]
    assert reasons["S3"] == ["TKDN share not stated; TKDN 40% required"]


def test_distance_gate_uses_own_coordinates_then_regency_centre() -> None:
    # Kab. Tegal's centre is ~250 km from Kab. Bekasi; this workshop sits in Karawang.
    near_by_coordinates = supplier("S1", regency="Kab. Tegal", lat=-6.30, lon=107.30)
    far_by_centroid = supplier("S2", regency="Kab. Tegal")
    reasons = _gate(
        near_by_coordinates,
        far_by_centroid,
        delivery=Delivery(regency="Kab. Bekasi", max_distance_km=100),
    )
    assert reasons["S1"] == []
    assert reasons["S2"] and "beyond 100 km" in reasons["S2"][0]


def test_unknown_location_fails_only_a_distance_gate() -> None:
    nowhere = supplier("S1", regency="Desa Entah Berantah")
    assert _gate(nowhere, delivery=Delivery(regency="Kab. Bekasi", max_distance_km=2000)) == {
        "S1": ["location unknown"]
    }
    assert _gate(nowhere, delivery=Delivery(regency="Kab. Bekasi")) == {"S1": []}


def test_gated_suppliers_never_appear_among_eligible_results() -> None:
    index = SupplierIndex.build(
        [
            supplier("S1", certifications=(Certification("ISO 9001", date(2026, 5, 31)),)),
            supplier("S2", processes=("bubut",), certifications=(Certification("ISO 9001"),)),
        ]
    )
    req = requirement(certifications_required=("ISO 9001",))
    plain = rank(index, req)
    assert [e.supplier_id for e in plain.results] == ["S2"]
    full = rank(index, req, include_ineligible=True)
    assert [(e.supplier_id, e.eligible) for e in full.results] == [("S2", True), ("S1", False)]
    assert full.results[1].excluded_because == [
        "ISO 9001 expired on 2026-05-31, before needed_by 2027-03-01"
    ]
