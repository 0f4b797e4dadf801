"""rank(): order, contributions, the JSON document, and explanations that agree with scores."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.errors import RequirementError
from matcher.index import SupplierIndex
from matcher.profile import WeightsProfile
from matcher.scoring import rank
from matcher.types import Delivery, Requirement
from tests.matcher.builders import requirement, supplier


def test_bracket_request_ranks_the_capable_certified_supplier_first(
    metal_index: SupplierIndex, bracket_requirement: Requirement
) -> None:
    shortlist = rank(metal_index, bracket_requirement)
    ids = [entry.supplier_id for entry in shortlist.results]
    assert ids[0] == "S01"
    assert "S03" not in ids  # its ISO 9001 expired before needed_by
    first = shortlist.results[0]
    assert first.matched["stamping"] == "stamping progresif"
    assert first.matched["spot welding"] == "las spot"
    assert first.matched["SPCC"] == "plat SPCC"
    assert first.gaps == []


def test_contributions_add_up_to_the_score(
    metal_index: SupplierIndex, bracket_requirement: Requirement
) -> None:
    for entry in rank(metal_index, bracket_requirement, include_ineligible=True).results:
        assert sum(entry.contributions.values()) == pytest.approx(entry.score, abs=1e-9)


def test_scores_descend_and_ranks_count_up(
    metal_index: SupplierIndex, bracket_requirement: Requirement
) -> None:
    results = rank(metal_index, bracket_requirement).results
    assert [e.rank for e in results] == list(range(1, len(results) + 1))
    assert [e.score for e in results] == sorted((e.score for e in results), reverse=True)


def test_json_document_follows_the_contract(
    metal_index: SupplierIndex, bracket_requirement: Requirement
) -> None:
    when = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    doc = rank(metal_index, bracket_requirement, top=2, generated_at=when).to_json()
    assert doc["requirement_id"] == "REQ-2027-001"
    default = WeightsProfile.load_default()
    assert doc["weights"] == {"profile": "default", "version": default.version}
    assert doc["generated_at"] == "2026-11-22T10:00:00Z"
    assert len(doc["results"]) == 2
    for key in (
        "rank",
        "supplier_id",
        "name",
        "score",
        "eligible",
        "contributions",
        "matched",
        "gaps",
        "excluded_because",
    ):
        assert key in doc["results"][0]


def test_capacity_below_volume_is_explained(
    metal_index: SupplierIndex, bracket_requirement: Requirement
) -> None:
    by_id = {e.supplier_id: e for e in rank(metal_index, bracket_requirement).results}
    assert by_id["S02"].capacity_note == "covers 60% of 20,000 pcs/month"
    assert "covers 60% of 20,000 pcs/month" in by_id["S02"].gaps
    assert by_id["S04"].capacity_note == "capacity unknown for 20,000 pcs/month"  # counts in ton


def test_profile_name_and_weights_change_the_ranking(
    metal_index: SupplierIndex, bracket_requirement: Requirement
) -> None:
    nearest = WeightsProfile("nearest-first", 2, {"distance": 1.0})
    shortlist = rank(metal_index, bracket_requirement, nearest)
    assert shortlist.results[0].supplier_id == "S04"  # 1 km from the Bekasi delivery point
    assert shortlist.to_json()["weights"] == {"profile": "nearest-first", "version": 2}
    assert list(shortlist.results[0].contributions) == ["distance"]


def test_top_limits_results() -> None:
    index = SupplierIndex.build([supplier(f"S{i:02}") for i in range(30)])
    assert len(rank(index, requirement(), top=5).results) == 5


def test_unknown_certificate_in_requirement_names_the_field() -> None:
    index = SupplierIndex.build([supplier("S1")])
    with pytest.raises(RequirementError) as caught:
        rank(index, requirement(certifications_required=("ISO 9001", "Sertifikat Kampung")))
    assert caught.value.field == "certifications_required[1]"


def test_unknown_delivery_location_with_a_distance_gate_is_refused() -> None:
    index = SupplierIndex.build([supplier("S1")])
    with pytest.raises(RequirementError) as caught:
        rank(index, requirement(delivery=Delivery(regency="Negeri Antah", max_distance_km=100)))
    assert caught.value.field == "delivery"


def test_unusual_words_match_when_both_sides_use_them() -> None:
    index = SupplierIndex.build(
        [supplier("S1", processes=("pembuatan gamelan",)), supplier("S2", processes=("bubut",))]
    )
    shortlist = rank(index, requirement(processes=("pembuatan gamelan",)))
    first = shortlist.results[0]
    assert first.supplier_id == "S1"
    assert first.matched == {"pembuatan gamelan": "pembuatan gamelan"}
    assert "matched on the words only" in shortlist.warnings[0]


def test_unrecognised_requirement_terms_are_warned_about() -> None:
    index = SupplierIndex.build([supplier("S1")])
    shortlist = rank(index, requirement(processes=("stamping", "qwzx")))
    assert shortlist.to_json()["warnings"] == [
        "process 'qwzx' is not recognised and no supplier uses these words"
    ]


POOL = [
    "stamping",
    "pres",
    "las spot",
    "las MIG",
    "las TIG",
    "bubut CNC",
    "bubut",
    "frais",
    "gerinda",
    "cor logam",
    "tempa",
    "krom",
    "galvanis",
    "penggorengan",
    "bending",
]


@settings(max_examples=40, deadline=None)
@given(
    offered=st.lists(
        st.lists(st.sampled_from(POOL), min_size=1, max_size=4), min_size=2, max_size=8
    ),
    asked=st.lists(
        st.sampled_from(
            ["stamping", "spot welding", "CNC turning", "casting", "chrome plating", "milling"]
        ),
        min_size=1,
        max_size=3,
        unique=True,
    ),
)
def test_explanations_agree_with_capability(offered: list[list[str]], asked: list[str]) -> None:
    """What the explanation says about processes and the capability score never disagree.

    A supplier said to lack every required process scores zero on capability and is listed
    after every supplier that offers one; a supplier with no process gap is not out-scored on
    capability by one with a gap; with one required process, lacking it scores lower than
    having it; and offering more processes never lowers capability.
    """
    records = [supplier(f"S{i}", processes=tuple(p)) for i, p in enumerate(offered)]
    records += [
        supplier(f"T{i}", processes=tuple(p) + tuple(offered[0])) for i, p in enumerate(offered)
    ]
    index = SupplierIndex.build(records)
    results = rank(index, requirement(processes=tuple(asked)), top=len(records)).results
    by_id = {entry.supplier_id: entry for entry in results}
    process_gaps = {
        entry.supplier_id: [g for g in entry.gaps if g.startswith(("'", "required process"))]
        for entry in results
    }
    lacks_all = {
        e.supplier_id
        for e in results
        if sum("not offered" in g for g in process_gaps[e.supplier_id]) == len(asked)
    }
    for position, entry in enumerate(results):
        capability = entry.contributions["capability"]
        if entry.supplier_id in lacks_all:
            assert capability == 0.0
            assert all(later.supplier_id in lacks_all for later in results[position:])
        if not process_gaps[entry.supplier_id]:
            assert all(capability >= other.contributions["capability"] for other in results)
        if len(asked) == 1 and entry.supplier_id not in lacks_all:
            assert capability > 0.0
    for i in range(len(offered)):
        grown, alone = by_id[f"T{i}"], by_id[f"S{i}"]
        assert grown.contributions["capability"] >= alone.contributions["capability"] - 1e-12


def test_an_empty_supplier_list_gives_an_empty_shortlist() -> None:
    index = SupplierIndex.build([])
    req = requirement(monthly_volume=500, delivery=Delivery(regency="Kab. Tegal"), title="rak")
    assert rank(index, req).to_json()["results"] == []


def test_unrecognised_delivery_place_without_a_gate_is_warned_about() -> None:
    index = SupplierIndex.build([supplier("S1")])
    shortlist = rank(index, requirement(delivery=Delivery(regency="Negeri Antah")))
    assert shortlist.warnings == [
        "delivery regency 'Negeri Antah' not recognised; distance not scored"
    ]
    assert "distance" not in shortlist.results[0].contributions
