"""Makers first: traders and general-trade-only suppliers are listed after those who make it."""

from __future__ import annotations

from datetime import date

from matcher.index import SupplierIndex
from matcher.scoring import rank
from matcher.types import Certification, Delivery, Requirement, SupplierRecord
from tests.matcher.builders import requirement, supplier

IATF = Certification("IATF 16949", date(2029, 1, 31))


def _shaft_catalogue(trader: SupplierRecord) -> list[SupplierRecord]:
    """A strong trader and two modest makers of turned shafts around Bekasi."""
    return [
        trader,
        supplier(
            "MAKER-1",
            name="CV Presisi Bubut Cikarang",
            processes=("bubut CNC",),
            materials=("S45C",),
            kbli=("25920",),
            regency="Kab. Bekasi",
            lat=-6.30,
            lon=107.16,
            monthly_capacity=6_000,  # covers 60% of the volume
        ),
        supplier(
            "MAKER-2",
            name="UD Logam Karawang",
            processes=("bubut CNC", "frais"),
            materials=("S45C",),
            regency="Kab. Karawang",
            lat=-6.30,
            lon=107.30,
            monthly_capacity=5_000,
        ),
    ]


def _shaft_request() -> Requirement:
    return requirement(
        processes=("CNC turning",),
        materials=("S45C",),
        certifications_preferred=("IATF 16949",),
        monthly_volume=10_000,
        volume_unit="pcs",
        delivery=Delivery(regency="Kab. Bekasi", lat=-6.24, lon=107.11),
    )


def _strong(supplier_id: str, **fields: object) -> SupplierRecord:
    """Certified, large and next door: everything but the right business."""
    defaults: dict[str, object] = {
        "name": "PT Sumber Teknik Jaya",
        "materials": ("S45C",),
        "regency": "Kab. Bekasi",
        "lat": -6.24,
        "lon": 107.11,
        "monthly_capacity": 100_000,
        "certifications": (IATF,),
        "partners": ("PT Astra Otoparts",),
        "tier": 1,
    }
    defaults.update(fields)
    return supplier(supplier_id, **defaults)


def test_a_wholesaler_claiming_the_process_is_listed_after_both_makers() -> None:
    trader = _strong("TRADER", processes=("bubut CNC",), kbli=("46620",))  # wholesale only
    shortlist = rank(SupplierIndex.build(_shaft_catalogue(trader)), _shaft_request())
    ids = [entry.supplier_id for entry in shortlist.results]
    assert ids == ["MAKER-1", "MAKER-2", "TRADER"]
    last = shortlist.results[-1]
    assert last.score > shortlist.results[0].score  # it would have won on score alone
    assert (
        "trader only: no own production of 'CNC turning'; listed after every supplier that "
        "makes it" in last.notes
    )


def test_a_shop_whose_line_of_business_is_trade_is_listed_after_the_makers() -> None:
    trader = _strong("TOKO", processes=("perdagangan umum", "bubut CNC"))  # no KBLI at all
    ids = [
        e.supplier_id
        for e in rank(SupplierIndex.build(_shaft_catalogue(trader)), _shaft_request()).results
    ]
    assert ids[-1] == "TOKO"


def test_a_manufacturer_that_also_sells_stays_among_the_makers() -> None:
    maker = _strong("PABRIK", processes=("bubut CNC", "distributor"), kbli=("25920", "46620"))
    shortlist = rank(SupplierIndex.build(_shaft_catalogue(maker)), _shaft_request())
    assert shortlist.results[0].supplier_id == "PABRIK"
    assert not any("trader" in note for note in shortlist.results[0].notes)


def test_selling_words_inside_a_production_entry_do_not_make_a_trader_only() -> None:
    # "produksi dan penjualan" names selling, but not as the line of business: half credit,
    # and still ranked among the makers by score.
    seller = _strong("PRODUSEN", processes=("produksi dan penjualan bubut CNC",))
    shortlist = rank(SupplierIndex.build(_shaft_catalogue(seller)), _shaft_request())
    entry = next(e for e in shortlist.results if e.supplier_id == "PRODUSEN")
    assert not any(note.startswith("trader only") for note in entry.notes)


def test_naming_only_the_general_trade_ranks_after_the_makers_of_the_main_process() -> None:
    general = _strong("UMUM", processes=("machining", "perlakuan panas"), kbli=("25920",))
    records = [
        general,
        supplier(
            "BUBUT",
            processes=("bubut CNC",),  # no heat treatment at all, small
            materials=("S45C",),
            monthly_capacity=4_000,
            regency="Kab. Karawang",
        ),
    ]
    shortlist = rank(
        SupplierIndex.build(records),
        requirement(
            processes=("CNC turning", "heat treatment"),
            materials=("S45C",),
            certifications_preferred=("IATF 16949",),
            monthly_volume=10_000,
        ),
    )
    assert [e.supplier_id for e in shortlist.results] == ["BUBUT", "UMUM"]
    assert (
        "only the general trade of the main process 'CNC turning'; listed after every "
        "supplier that does it" in shortlist.results[1].notes
    )


def test_the_process_under_a_wider_name_is_not_the_general_trade() -> None:
    # "bubut" (turning) for CNC turning is the process itself, not the machining trade.
    records = [
        _strong("BUBUT", processes=("bubut",)),
        supplier("CNC", processes=("bubut CNC",), materials=("S45C",), monthly_capacity=2_000),
    ]
    shortlist = rank(
        SupplierIndex.build(records),
        requirement(processes=("CNC turning",), materials=("S45C",), monthly_volume=10_000),
    )
    assert shortlist.results[0].supplier_id == "BUBUT"
    assert all("general trade" not in note for note in shortlist.results[0].notes)
