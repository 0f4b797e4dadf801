"""'heat treatment' of wooden pallets (ISPM 15) is not the hardening of steel parts."""

from __future__ import annotations

from matcher.index import SupplierIndex
from matcher.query import requirement_context
from matcher.scoring import rank
from matcher.senses import Context
from matcher.types import Requirement
from tests.matcher.builders import requirement, supplier

CATALOGUE = [
    supplier(
        "PALET",
        name="UD Palet Jaya Sengon",
        processes=("heat treatment", "fumigasi"),
        materials=("kayu sengon",),
        products="palet kayu ekspor, stempel HT",
        capacity_unit="pcs",
        monthly_capacity=3_000,
    ),
    supplier(
        "PALET-HT",
        name="CV Kemas Kayu",
        processes=("HT", "pembuatan palet"),  # "HT" alone, read in its wood context
        materials=("kayu pinus",),
        monthly_capacity=2_000,
    ),
    supplier(
        "KERAS",
        name="PT Sinar Heat Treatment",
        processes=("heat treatment", "pengerasan", "tempering"),
        materials=("S45C", "SKD11"),
        products="pengerasan roda gigi, poros; rak pallet besi",
        monthly_capacity=50_000,
    ),
]


def _pallet_request() -> Requirement:
    return requirement(
        title="Palet kayu ekspor ISPM 15",
        processes=("heat treatment",),
        materials=("kayu",),
        monthly_volume=2_000,
    )


def test_pallet_heat_treatment_finds_the_wood_suppliers_not_the_metal_shop() -> None:
    shortlist = rank(SupplierIndex.build(CATALOGUE), _pallet_request())
    by_id = {entry.supplier_id: entry for entry in shortlist.results}
    assert [e.supplier_id for e in shortlist.results][-1] == "KERAS"
    assert by_id["KERAS"].contributions["capability"] == 0.0
    assert by_id["PALET"].matched["heat treatment"] == "heat treatment"
    assert by_id["PALET-HT"].matched["heat treatment"] == "HT"
    assert by_id["PALET"].contributions["capability"] > 0.0


def test_the_metal_shop_is_explained_as_missing_the_wood_heat_treatment() -> None:
    # The explanation reads the shop's own words in the sense its score did: metal.
    shortlist = rank(SupplierIndex.build(CATALOGUE), _pallet_request())
    shop = next(e for e in shortlist.results if e.supplier_id == "KERAS")
    assert "heat treatment" not in shop.matched
    assert any("heat treatment" in gap for gap in shop.gaps)


def test_ispm_words_alone_call_for_the_wood_sense() -> None:
    # No material named: "pallet" and "ISPM 15" in the title are enough.
    request = requirement(title="Pallet ISPM 15 untuk ekspor mesin", processes=("HT",))
    ids = [e.supplier_id for e in rank(SupplierIndex.build(CATALOGUE), request).results]
    assert ids.index("KERAS") > max(ids.index("PALET"), ids.index("PALET-HT"))


def test_steel_heat_treatment_finds_the_metal_shop_not_the_pallet_makers() -> None:
    request = requirement(
        title="Poros S45C dikeraskan",
        processes=("heat treatment",),
        materials=("S45C",),
        monthly_volume=2_000,
    )
    shortlist = rank(SupplierIndex.build(CATALOGUE), request)
    assert shortlist.results[0].supplier_id == "KERAS"
    for entry in shortlist.results[1:]:
        assert entry.contributions["capability"] == 0.0


def test_fumigation_counts_as_a_related_ispm_treatment() -> None:
    only_fumigation = supplier(
        "FUMI", processes=("fumigasi",), materials=("kayu",), products="fumigasi palet"
    )
    shortlist = rank(SupplierIndex.build([*CATALOGUE, only_fumigation]), _pallet_request())
    by_id = {entry.supplier_id: entry for entry in shortlist.results}
    assert 0.0 < by_id["FUMI"].contributions["capability"]
    assert by_id["FUMI"].contributions["capability"] < by_id["PALET-HT"].contributions["capability"]
    assert by_id["FUMI"].score > by_id["KERAS"].score


def test_cassava_is_no_wood_context() -> None:
    # "ubi kayu" is cassava: a food dryer's "heat treatment" keeps its usual sense.
    food = supplier("UBI", processes=("heat treatment",), materials=("ubi kayu",))
    index = SupplierIndex.build([food])
    assert index.processes.row_senses == {}


def test_each_supplier_own_words_are_read_in_its_own_sense() -> None:
    index = SupplierIndex.build(CATALOGUE)
    wood_request = index.processes.resolve("heat treatment", _context_of_pallets)
    assert wood_request.concepts == ("wood heat treatment",)
    pallet_maker, metal_shop = 0, 2
    entries = CATALOGUE[pallet_maker].processes
    assert index.processes.best_entry(entries, wood_request, pallet_maker)[0] == "heat treatment"
    _, level = index.processes.best_entry(CATALOGUE[metal_shop].processes, wood_request, metal_shop)
    assert level.label == "none"


def _context_of_pallets() -> Context:
    return requirement_context(_pallet_request())


def test_moulding_next_to_wood_is_profile_milling_not_plastic_moulding() -> None:
    catalogue = [
        supplier(
            "JATI",
            name="CV Ukir Jati Jepara",
            processes=("moulding", "amplas"),
            materials=("kayu jati",),
            products="list profil kayu, kusen",
            monthly_capacity=5_000,
        ),
        supplier(
            "PLASTIK",
            name="PT Cikarang Injeksi Plastik",
            processes=("moulding", "injeksi"),
            materials=("PP", "ABS"),
            monthly_capacity=200_000,
        ),
    ]
    wood_trim = requirement(
        title="List profil kayu jati untuk interior bus",
        processes=("moulding kayu",),
        materials=("kayu jati",),
        monthly_volume=2_000,
    )
    shortlist = rank(SupplierIndex.build(catalogue), wood_trim)
    by_id = {entry.supplier_id: entry for entry in shortlist.results}
    assert shortlist.results[0].supplier_id == "JATI"
    assert by_id["JATI"].matched["moulding kayu"] == "moulding"
    assert by_id["PLASTIK"].contributions["capability"] == 0.0
    # The plastic moulder is still found for plastic parts.
    plastic = requirement(
        title="Cover lampu PP", processes=("moulding",), materials=("PP",), monthly_volume=2_000
    )
    assert rank(SupplierIndex.build(catalogue), plastic).results[0].supplier_id == "PLASTIK"
