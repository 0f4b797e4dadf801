"""Consortium proposals: groups of small suppliers that together serve one buyer."""

from __future__ import annotations

import itertools
from datetime import date

import numpy as np
import pytest

from matcher.consortium import ConsortiumSettingsError, candidate_pool, propose_consortia
from matcher.consortium_greedy import greedy_group
from matcher.consortium_model import best_groups
from matcher.consortium_pool import group_score, is_feasible
from matcher.index import SupplierIndex
from matcher.types import Certification, Delivery, Requirement, SupplierRecord
from tests.matcher.builders import requirement, supplier

ISO_OK = Certification("ISO 9001", date(2028, 1, 31))
ISO_EXPIRED = Certification("ISO 9001", date(2027, 1, 31))  # before needed_by 2027-03-01

# Three neighbours in LIK Takaru (Kab. Tegal) can make the pin together; the others must not
# be chosen: a strong shop in Kendal outside the cluster, a plater near the buyer whose
# ISO 9001 has expired, a big plater in Surabaya beyond 400 km.
PIN_SUPPLIERS = [
    supplier(
        "T01",
        name="Bengkel Bubut Sinar Takaru",
        lat=-6.930,
        lon=109.130,
        cluster="LIK Takaru",
        processes=("bubut CNC", "frais"),
        monthly_capacity=30_000,
        certifications=(ISO_OK,),
    ),
    supplier(
        "T02",
        name="CV Presisi Logam Talang",
        lat=-6.945,
        lon=109.142,
        cluster="LIK Takaru",
        processes=("CNC turning", "milling"),
        monthly_capacity=25_000,
        certifications=(ISO_OK,),
    ),
    supplier(
        "T03",
        name="UD Krom Jaya Takaru",
        lat=-6.921,
        lon=109.151,
        cluster="LIK Takaru",
        processes=("hard chrome", "krom nikel"),
        monthly_capacity=60_000,
        certifications=(ISO_OK,),
    ),
    supplier(
        "K01",
        name="Bengkel Bubut Maju Kendal",
        regency="Kab. Kendal",
        processes=("bubut CNC", "frais CNC"),
        monthly_capacity=30_000,
        certifications=(ISO_OK,),
        partners=("PT Astra Honda Motor", "PT Astra Otoparts", "PT Yamaha Indonesia"),
        tier=2,
    ),
    supplier(
        "B01",
        name="PT Krom Cemerlang Bekasi",
        regency="Kab. Bekasi",
        lat=-6.30,
        lon=107.16,
        processes=("chrome plating",),
        monthly_capacity=80_000,
        certifications=(ISO_EXPIRED,),
        partners=("PT Astra Honda Motor",),
        tier=1,
    ),
    supplier(
        "J01",
        name="PT Krom Prima Surabaya",
        regency="Kota Surabaya",
        processes=("chrome plating", "nickel plating"),
        monthly_capacity=100_000,
        certifications=(ISO_OK,),
        tier=1,
    ),
    supplier(
        "W01",
        name="Bengkel Las Slawi",
        lat=-6.98,
        lon=109.14,
        cluster="LIK Takaru",
        processes=("las MIG",),
        certifications=(ISO_OK,),
    ),
]

CAN_DO = {
    "T01": {"CNC turning", "milling"},
    "T02": {"CNC turning", "milling"},
    "T03": {"chrome plating"},
    "K01": {"CNC turning", "milling"},
    "B01": {"chrome plating"},
    "J01": {"chrome plating"},
}
CAPACITY = {s.supplier_id: s.monthly_capacity for s in PIN_SUPPLIERS}


def pin_requirement(**fields: object) -> Requirement:
    values: dict[str, object] = {
        "buyer": "PT Astra Honda Motor",
        "title": "Pin as step S45C krom keras",
        "processes": ("CNC turning", "milling", "chrome plating"),
        "certifications_required": ("ISO 9001",),
        "monthly_volume": 50_000,
        "volume_unit": "pcs",
        "delivery": Delivery(regency="Kab. Karawang", lat=-6.36, lon=107.29, max_distance_km=400),
    }
    values.update(fields)
    return requirement(**values)


@pytest.fixture(scope="module")
def pin_index() -> SupplierIndex:
    return SupplierIndex.build(PIN_SUPPLIERS)


def member_ids(proposal: dict[str, object]) -> set[str]:
    members = proposal["members"]
    assert isinstance(members, list)
    return {m["supplier_id"] for m in members}


def test_three_neighbours_in_one_cluster_are_proposed(pin_index: SupplierIndex) -> None:
    proposals = propose_consortia(pin_index, pin_requirement(), n=3)
    assert proposals[0]["rank"] == 1
    assert member_ids(proposals[0]) == {"T01", "T02", "T03"}
    assert proposals[0]["lead"] in {"T01", "T02"}  # a lathe shop takes two of the processes
    assert proposals[0]["cluster"] == "LIK Takaru"
    assert "all 3 members in LIK Takaru" in proposals[0]["why"]
    assert any("km apart" in sentence for sentence in proposals[0]["why"])


def test_expired_certificate_and_far_supplier_are_never_members(pin_index: SupplierIndex) -> None:
    proposals = propose_consortia(pin_index, pin_requirement(), n=5)
    assert proposals
    for proposal in proposals:
        assert not member_ids(proposal) & {"B01", "J01"}


def test_members_only_take_processes_they_do_within_capacity(pin_index: SupplierIndex) -> None:
    for proposal in propose_consortia(pin_index, pin_requirement(), n=5):
        for member in proposal["members"]:
            assert member["processes"], f"{member['supplier_id']} takes no work"
            assert set(member["processes"]) <= CAN_DO[member["supplier_id"]]
            assert 0 < member["monthly_volume"] <= CAPACITY[member["supplier_id"]]


def test_every_process_gets_the_whole_monthly_volume(pin_index: SupplierIndex) -> None:
    for proposal in propose_consortia(pin_index, pin_requirement(), n=5):
        for process in ("CNC turning", "milling", "chrome plating"):
            made = sum(
                m["monthly_volume"] for m in proposal["members"] if process in m["processes"]
            )
            assert made >= 50_000, f"{process} short in proposal {proposal['rank']}"


def test_later_proposals_are_different_groups_and_score_lower(pin_index: SupplierIndex) -> None:
    proposals = propose_consortia(pin_index, pin_requirement(), n=5)
    groups = [member_ids(p) for p in proposals]
    assert len(groups) >= 2  # T01 or T02 can be swapped for the Kendal shop
    assert [p["rank"] for p in proposals] == list(range(1, len(proposals) + 1))
    assert [p["score"] for p in proposals] == sorted((p["score"] for p in proposals), reverse=True)
    for earlier, later in itertools.combinations(groups, 2):
        assert not earlier <= later, "a later proposal repeats an earlier group plus extras"


def test_no_group_can_make_ten_times_the_volume(pin_index: SupplierIndex) -> None:
    assert propose_consortia(pin_index, pin_requirement(monthly_volume=500_000)) == []


def test_no_group_when_nobody_does_a_required_process(pin_index: SupplierIndex) -> None:
    processes = ("CNC turning", "powder coating")
    assert propose_consortia(pin_index, pin_requirement(processes=processes)) == []


def test_group_size_stays_within_the_bounds_asked(pin_index: SupplierIndex) -> None:
    assert propose_consortia(pin_index, pin_requirement(), max_members=2) == []
    for proposal in propose_consortia(pin_index, pin_requirement(), n=5, max_members=3):
        assert 2 <= len(proposal["members"]) <= 3


def test_volume_is_pooled_between_shops_doing_the_same_process() -> None:
    shops = [
        supplier(
            f"L{i}",
            name=f"Bengkel Bubut Takaru {i}",
            lat=-6.93 - i / 200,
            lon=109.13,
            cluster="LIK Takaru",
            processes=("bubut",),
            monthly_capacity=20_000,
        )
        for i in range(1, 6)
    ]
    index = SupplierIndex.build(shops)
    bushing = requirement(processes=("turning",), monthly_volume=50_000, volume_unit="pcs")
    proposals = propose_consortia(index, bushing, n=2)
    assert proposals
    for proposal in proposals:
        assert len(proposal["members"]) == 3  # 2 make 40,000; a 4th would not be needed
        assert sum(m["monthly_volume"] for m in proposal["members"]) == 50_000
    assert propose_consortia(index, bushing, max_members=2) == []


def test_no_proposal_when_one_supplier_already_does_everything(pin_index: SupplierIndex) -> None:
    complete = supplier(
        "C01",
        name="PT Presisi Lengkap Tegal",
        lat=-6.93,
        lon=109.12,
        processes=("bubut CNC", "frais", "hard chrome"),
        monthly_capacity=60_000,
        certifications=(ISO_OK,),
    )
    index = SupplierIndex.build([*PIN_SUPPLIERS, complete])
    assert propose_consortia(index, pin_requirement()) == []
    anyway = propose_consortia(index, pin_requirement(), n=5, only_when_needed=False)
    assert anyway, "groups are still proposed when asked for"
    assert all("C01" not in member_ids(p) for p in anyway), "C01 needs no partner"


@pytest.mark.parametrize("volume", [None, 0])
def test_without_a_volume_groups_cover_processes_and_shares_are_empty(
    pin_index: SupplierIndex, volume: float | None
) -> None:
    proposals = propose_consortia(pin_index, pin_requirement(monthly_volume=volume))
    assert proposals
    best = proposals[0]
    covered = {p for m in best["members"] for p in m["processes"]}
    assert covered == {"CNC turning", "milling", "chrome plating"}
    assert all(m["monthly_volume"] is None for m in best["members"])
    assert len(best["members"]) == 2  # one turning/milling shop and the plater suffice
    assert "both members in LIK Takaru" in best["why"]
    assert "no single eligible supplier covers every process" in best["why"]


def test_impossible_settings_are_explained(pin_index: SupplierIndex) -> None:
    with pytest.raises(ConsortiumSettingsError, match="max_members"):
        propose_consortia(pin_index, pin_requirement(), min_members=4, max_members=3)


def _cluster_catalogue(seed: int, size: int) -> list[SupplierRecord]:
    """Small shops in three clusters around Tegal, Kendal and Bekasi, random processes."""
    rng = np.random.default_rng(seed)
    centres = [
        ("LIK Takaru", "Kab. Tegal", -6.93, 109.13),
        ("Sentra Logam Kendal", "Kab. Kendal", -6.95, 110.20),
        ("Sentra Bekasi", "Kab. Bekasi", -6.30, 107.15),
    ]
    processes = ["bubut", "frais", "krom", "las MIG"]
    records = []
    for i in range(size):
        cluster, regency, lat, lon = centres[i % 3]
        offered = tuple(p for p in processes if rng.random() < 0.4) or ("bubut",)
        records.append(
            supplier(
                f"R{i:02d}",
                regency=regency,
                lat=lat + rng.normal(0, 0.05),
                lon=lon + rng.normal(0, 0.05),
                cluster=cluster if rng.random() < 0.8 else None,
                processes=offered,
                monthly_capacity=float(rng.integers(5, 30) * 1000),
                tier=int(rng.integers(1, 4)),
            )
        )
    return records


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_optimiser_finds_the_best_group_a_full_search_finds(seed: int) -> None:
    index = SupplierIndex.build(_cluster_catalogue(seed, 14))
    need = requirement(
        processes=("turning", "milling", "chrome plating"), monthly_volume=40_000, volume_unit="pcs"
    )
    pool = candidate_pool(index, need, candidates=14)
    subsets = (c for size in range(2, 5) for c in itertools.combinations(range(len(pool)), size))
    feasible = [group_score(pool, c) for c in subsets if is_feasible(pool, c)]
    found = best_groups(pool, n=1, min_members=2, max_members=4, time_limit=10.0)
    if not feasible:
        assert found == []
        return
    assert found and found[0].proven_best
    assert found[0].score == pytest.approx(max(feasible), abs=1e-3)
    start = greedy_group(pool, min_members=2, max_members=4)  # the solver's hint and fallback
    assert start is None or (
        is_feasible(pool, start) and group_score(pool, start) <= found[0].score
    )
