"""Each scored feature, on small supplier sets where the right answer is obvious."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from matcher.features import CAPACITY_POWER, NEUTRAL, feature_matrix
from matcher.index import SupplierIndex
from matcher.profile import FEATURE_NAMES
from matcher.types import Certification, Delivery, SupplierRecord
from tests.matcher.builders import requirement, supplier


def _column(records: list[SupplierRecord], feature: str, **asked: object) -> np.ndarray:
    matrix = feature_matrix(SupplierIndex.build(records), requirement(**asked))
    return matrix.column(feature)


def test_matrix_shape_names_and_range(metal_index: SupplierIndex, bracket_requirement) -> None:  # type: ignore[no-untyped-def]
    matrix = feature_matrix(metal_index, bracket_requirement)
    assert matrix.names == list(FEATURE_NAMES)
    assert matrix.values.shape == (len(metal_index), len(FEATURE_NAMES))
    assert ((matrix.values >= 0) & (matrix.values <= 1)).all()
    assert matrix.eligible.dtype == bool
    excluded = list(matrix.reasons)
    assert [metal_index.records[i].supplier_id for i in excluded] == ["S03"]
    assert "expired on 2026-05-31" in matrix.reasons[excluded[0]][0]


def test_capability_exact_beats_general_trade_beats_variant_beats_other_trade() -> None:
    records = [
        supplier("exact", processes=("bubut CNC",)),
        supplier("broader", processes=("turning",)),  # asked: CNC turning; has turning
        supplier("sibling", processes=("bubut manual",)),
        supplier("other trade", processes=("gerinda",)),  # grinding: same family, other trade
        supplier("none", processes=("penggorengan",)),
    ]
    values = _column(records, "capability", processes=("CNC turning",))
    assert values[0] == 1.0
    assert values[0] > values[1] > values[2] > values[3]
    assert values[1] <= 0.5, "a general trade for a specific request is clearly partial"
    assert values[3] == values[4] == 0.0


def test_a_more_specific_process_counts_almost_full() -> None:
    values = _column(
        [
            supplier("S1", processes=("bubut",)),
            supplier("S2", processes=("bubut CNC",)),
            supplier("S3", processes=("bengkel mesin",)),
        ],
        "capability",
        processes=("turning",),
    )
    assert values[0] == 1.0
    assert 1.0 > values[1] >= 0.9 > values[2]


def test_painting_is_no_partial_plating_and_turning_no_partial_milling() -> None:
    values = _column(
        [
            supplier("Bengkel Cat Sumber Warna", processes=("cat semprot",)),
            supplier("Bubut Jaya Kendal", processes=("bubut",)),
            supplier("Krom Tegal", processes=("krom",)),
        ],
        "capability",
        processes=("chrome plating", "milling"),
    )
    assert values[0] == values[1] == 0.0
    assert values[2] > 0.0


def test_the_main_process_counts_more_than_a_further_one() -> None:
    records = [
        supplier("stamping only", processes=("pres",)),
        supplier("welding only", processes=("las spot",)),
        supplier("both", processes=("pres", "las spot")),
    ]
    values = _column(records, "capability", processes=("stamping", "spot welding"))
    assert values[2] == 1.0
    assert values[2] > values[0] > values[1] > 0.0


def test_traders_and_repair_shops_get_half_credit_for_their_processes() -> None:
    records = [
        supplier("maker", processes=("pres",), kbli=("25910",)),
        supplier("repair", processes=("pres", "service mesin"), kbli=("33119",)),
        supplier("registered as trader", processes=("pres",), kbli=("46620",)),
        supplier("toko", processes=("toko",), kbli=("46620",)),
        # A registered manufacturer that also services or sells is a maker.
        supplier("maker with service", processes=("pres", "service mesin"), kbli=("25910",)),
        supplier("maker and distributor", processes=("pres", "distributor"), kbli=("25910",)),
    ]
    values = _column(records, "capability", processes=("stamping",))
    assert values.tolist() == [1.0, 0.5, 0.5, 0.0, 1.0, 1.0]


def test_a_repair_job_does_not_count_against_repair_shops() -> None:
    values = _column(
        [supplier("servis", processes=("servis mesin",), kbli=("33119",))],
        "capability",
        processes=("machine repair",),
    )
    assert values[0] == 1.0


def test_material_family_logic() -> None:
    records = [
        supplier("S1", materials=("plat SPCC",)),
        supplier("S2", materials=("SPHC",)),
        supplier("S3", materials=("kayu jati",)),
    ]
    values = _column(records, "material", materials=("SPCC",))
    assert values[0] == 1.0 and 0 < values[1] < 1 and values[2] == 0.0


def test_wrong_material_family_scores_zero_and_no_material_is_unknown() -> None:
    records = [
        supplier("singkong", materials=("singkong",)),
        supplier("buah", materials=("buah segar",)),  # fruit for cassava: another material
        supplier("silent"),  # wrote no material at all
        supplier("stainless", materials=("SUS304",)),
    ]
    matrix = feature_matrix(SupplierIndex.build(records), requirement(materials=("singkong",)))
    values = matrix.column("material")
    assert values[0] == 1.0 and values[1] == 0.0 and values[3] == 0.0
    assert values[2] == NEUTRAL
    assert matrix.unknown[:, matrix.names.index("material")].tolist() == [False, False, True, False]
    steel = _column(records, "material", materials=("S45C",))
    assert steel[3] == 0.0, "stainless is not offered for a carbon steel"


def test_kbli_fit_levels() -> None:
    records = [supplier("a", kbli=("25910",)), supplier("b", kbli=("25920",)), supplier("c")]
    values = _column(records, "kbli", kbli=("25910",))
    assert values[0] == 1.0 and 0 < values[1] < 1 and values[2] == 0


def test_preferred_certificates_share_held_valid() -> None:
    records = [
        supplier("both", certifications=(Certification("IATF16949"), Certification("SNI"))),
        supplier("one", certifications=(Certification("SNI"),)),
        supplier("expired", certifications=(Certification("SNI", date(2027, 2, 28)),)),
    ]
    values = _column(records, "certification", certifications_preferred=("IATF 16949", "SNI"))
    assert list(values) == [1.0, 0.5, 0.0]


def test_capacity_full_partial_converted_and_unknown() -> None:
    records = [
        supplier("full", monthly_capacity=30_000, capacity_unit="pcs"),
        supplier("part", monthly_capacity=12_000, capacity_unit="pcs"),
        supplier("dozens", monthly_capacity=2_000, capacity_unit="lusin"),  # 24,000 pcs
        supplier("sets", monthly_capacity=90_000, capacity_unit="set"),
    ]
    index = SupplierIndex.build(records)
    matrix = feature_matrix(index, requirement(monthly_volume=20_000, volume_unit="pcs"))
    values = matrix.column("capacity")
    assert values[0] == 1.0
    assert values[1] == pytest.approx(0.6**CAPACITY_POWER)
    assert 0.0 < values[1] < 0.6  # a shortfall costs more than its size
    assert values[2] == 1.0
    assert values[3] == NEUTRAL  # a set is not a piece: unknown, not zero
    assert matrix.unknown[:, matrix.names.index("capacity")].tolist() == [False] * 3 + [True]


def test_capacity_converts_kg_and_ton() -> None:
    records = [
        supplier("t", monthly_capacity=2, capacity_unit="ton"),
        supplier("k", monthly_capacity=500, capacity_unit="kg"),
    ]
    values = _column(records, "capacity", monthly_volume=1_000, volume_unit="kg")
    assert values.tolist() == [1.0, pytest.approx(0.5**CAPACITY_POWER)]


def test_features_that_do_not_apply_are_left_out() -> None:
    matrix = feature_matrix(SupplierIndex.build([supplier("S1")]), requirement())
    applicable = dict(zip(matrix.names, matrix.applicable, strict=True))
    assert not applicable["capacity"] and not applicable["distance"]
    assert not applicable["material"] and not applicable["kbli"]
    assert applicable["capability"]


def test_distance_decays_and_unknown_is_neutral() -> None:
    records = [
        supplier("near", regency="Kab. Bekasi"),
        supplier("mid", regency="Kab. Karawang", lat=-6.30, lon=107.60),
        supplier("far", regency="Kota Surabaya"),
        supplier("unknown", regency="Planet Namek"),
    ]
    index = SupplierIndex.build(records)
    matrix = feature_matrix(index, requirement(delivery=Delivery(lat=-6.30, lon=107.15)))
    values = matrix.column("distance")
    assert values[0] > values[1] > values[2] > 0
    assert values[3] == NEUTRAL
    assert matrix.unknown[3, matrix.names.index("distance")]


def test_track_record_rewards_supplying_the_buyer_then_its_group() -> None:
    records = [
        supplier("buyer", partners=("PT Astra Otoparts Tbk",)),
        supplier("group", partners=("PT Astra Honda Motor",)),
        supplier("other", partners=("PT Sido Muncul",)),
        supplier("none"),
    ]
    values = _column(records, "track_record", buyer="PT Astra Otoparts")
    assert values[0] > values[1] > values[2] > values[3] == 0


def test_track_record_counts_tier_and_cluster() -> None:
    records = [
        supplier("t1", tier=1),
        supplier("t3", tier=3),
        supplier("sentra", cluster="LIK Takaru"),
        supplier("none"),
    ]
    values = _column(records, "track_record")
    assert values[0] > values[1] > 0 and values[2] > values[3] == 0


def test_text_similarity_prefers_matching_products() -> None:
    records = [
        supplier("a", products="bracket jok motor dan stay lampu"),
        supplier("b", products="keripik singkong pedas"),
    ]
    values = _column(records, "text", title="Bracket jok motor")
    assert values[0] > values[1] == 0
