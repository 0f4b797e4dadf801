"""Explanation codes: every sentence of an entry has a code that says exactly that sentence."""

from __future__ import annotations

from datetime import date

import pytest

from matcher.index import SupplierIndex
from matcher.reasons import ENGLISH, Reason, render, render_json
from matcher.scoring import rank
from matcher.shortlist import ShortlistEntry
from matcher.types import Certification, Delivery
from tests.matcher.builders import requirement, supplier


def _entries(*records: object, **asked: object) -> list[ShortlistEntry]:
    index = SupplierIndex.build(list(records))  # type: ignore[arg-type]
    return rank(index, requirement(**asked), include_ineligible=True).results


def _said(reasons: list[dict[str, object]]) -> list[str]:
    return [render(str(r["code"]), r["params"], ENGLISH, "en") for r in reasons]  # type: ignore[arg-type]


EXCLUDED_AND_GAPPY = supplier(
    "S7",
    name="UD Maju Jaya Kendal",
    regency="Kab. Kendal",
    processes=("bengkel mesin", "jual besi"),
    materials=("SUS304",),
    kbli=("46620",),
    certifications=(
        Certification("ISO 9001", date(2027, 2, 28)),
        Certification("TKDN 25%", date(2028, 1, 1)),
        Certification("Halal"),
    ),
    monthly_capacity=2_000,
)
ASKED: dict[str, object] = {
    "processes": ("CNC turning", "spot welding"),
    "materials": ("S45C",),
    "kbli": ("25920",),
    "certifications_required": ("ISO 9001", "TKDN 40%"),
    "certifications_preferred": ("IATF 16949", "Halal"),
    "monthly_volume": 5_000,
    "delivery": Delivery(regency="Kab. Bekasi", max_distance_km=100),
}


def test_every_sentence_of_an_entry_has_a_code_saying_exactly_it() -> None:
    (entry,) = _entries(EXCLUDED_AND_GAPPY, **ASKED)
    document = entry.to_json()
    codes = document["explanation_codes"]
    assert not entry.eligible
    for field in ("gaps", "notes", "excluded_because"):
        assert document[field], field  # the fixture exercises every list
        assert _said(codes[field]) == document[field]
        assert all(r["code"] != "uncoded" for r in codes[field]), codes[field]
    assert _said([codes["capacity_note"]]) == [document["capacity_note"]]
    assert {r["code"] for r in codes["excluded_because"]} == {
        "cert_expired",
        "cert_share_below",
        "too_far",
    }


def test_codes_carry_the_numbers_a_page_needs() -> None:
    (entry,) = _entries(EXCLUDED_AND_GAPPY, **ASKED)
    codes = entry.to_json()["explanation_codes"]
    assert codes["capacity_note"] == {
        "code": "capacity_partial",
        "params": {
            "share": 40,
            "volume": 5_000,
            "volume_unit": "pcs",
            "capacity": 2_000,
            "capacity_unit": "pcs",
        },
    }
    share = next(r for r in codes["excluded_because"] if r["code"] == "cert_share_below")
    assert share["params"] == {"base": "TKDN", "share": 25, "required": 40}
    expired = next(r for r in codes["excluded_because"] if r["code"] == "cert_expired")
    assert expired["params"] == {
        "base": "ISO 9001",
        "expired": "2027-02-28",
        "needed_by": "2027-03-01",
    }


def test_existing_fields_are_unchanged_beside_the_codes() -> None:
    (entry,) = _entries(supplier("S1", processes=("las MIG",)), processes=("spot welding",))
    document = entry.to_json()
    assert document["gaps"] == ["'spot welding': only a related variant, 'las MIG' (counts 30%)"]
    assert document["explanation_codes"]["gaps"] == [
        {
            "code": "process_sibling",
            "params": {"term": "spot welding", "entry": "las MIG", "share": 30},
        }
    ]


def test_indonesian_style_numbers_and_dates() -> None:
    templates = {"x": "{volume:n} / {share:g}% / {km:.0f} km / {day:date}"}
    params = {"volume": 20_000.5, "share": 2.5, "km": 1234.4, "day": "2027-02-28"}
    assert render("x", params, templates, "en") == "20,000.5 / 2.5% / 1234 km / 2027-02-28"
    assert render("x", params, templates, "id") == "20.000,5 / 2,5% / 1234 km / 28 Februari 2027"


def test_an_unknown_or_broken_code_renders_as_nothing_so_the_page_keeps_the_english() -> None:
    assert render_json({"code": "brand_new_code", "params": {}}, ENGLISH, "en") is None
    assert render_json({"code": "process_missing", "params": {}}, ENGLISH, "en") is None
    assert render_json({"code": "process_missing", "params": {"term": "bubut"}}, ENGLISH, "en") == (
        "required process 'bubut' not offered"
    )


def test_a_code_outside_the_registry_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown explanation code"):
        Reason("missing_cert")


def test_a_ranking_note_added_after_explaining_gets_its_code_too() -> None:
    entries = _entries(
        supplier("S1", name="UD Logam Jaya", processes=("stamping",)),
        supplier("S2", name="Toko Besi Makmur", processes=("jual besi", "pres"), kbli=("46620",)),
        supplier("S3", name="Bengkel Mesin Sari", processes=("bengkel mesin",)),
        processes=("stamping",),
    )
    trader = next(entry for entry in entries if entry.supplier_id == "S2")
    notes = trader.to_json()["explanation_codes"]["notes"]
    assert _said(notes) == trader.notes
    assert notes[0] == {"code": "trade_only_main", "params": {"term": "stamping"}}
    general = _entries(supplier("S3", processes=("bengkel mesin",)), processes=("CNC turning",))
    assert general[0].to_json()["explanation_codes"]["notes"][0] == {
        "code": "general_trade_main",
        "params": {"term": "CNC turning"},
    }
