"""A buyer's requirement file: clear messages naming the field for every kind of mistake."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from matcher.errors import RequirementError
from models.requirement import parse_requirement, requirement_to_json


def astra() -> dict[str, Any]:
    return {
        "requirement_id": "REQ-2027-001",
        "buyer": "PT Astra Otoparts",
        "title": "Bracket stamping SPCC 2 mm",
        "processes": ["stamping", "spot welding"],
        "materials": ["SPCC"],
        "kbli": ["25910"],
        "certifications_required": ["ISO 9001"],
        "certifications_preferred": ["IATF 16949"],
        "monthly_volume": 20000,
        "volume_unit": "pcs",
        "delivery": {"regency": "Kab. Bekasi", "lat": -6.30, "lon": 107.15, "max_distance_km": 400},
        "needed_by": "2027-03-01",
        "budget_note": "ignored: unknown fields are allowed",
    }


def test_full_requirement_round_trips() -> None:
    req = parse_requirement(astra())
    assert req.needed_by == date(2027, 3, 1)
    assert req.delivery is not None and req.delivery.max_distance_km == 400
    assert requirement_to_json(req)["processes"] == ["stamping", "spot welding"]


def test_minimal_requirement_defaults_needed_by_to_today() -> None:
    req = parse_requirement({"requirement_id": "R1", "processes": ["bubut"]})
    assert req.needed_by == date.today() and req.delivery is None and req.monthly_volume is None


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"requirement_id": None}, "requirement_id", "required"),
        ({"requirement_id": 17}, "requirement_id", "string"),
        ({"processes": []}, "processes", "at least 1"),
        ({"processes": "stamping"}, "processes", "list"),
        ({"monthly_volume": "banyak"}, "monthly_volume", "bukan angka"),
        ({"monthly_volume": [5]}, "monthly_volume", "number"),
        ({"needed_by": "2027-02-30"}, "needed_by", "2027-02-30"),
        ({"certifications_required": ["ISO 9999x"]}, "certifications_required", "ISO 9999x"),
        ({"volume_unit": "karung"}, "volume_unit", "karung"),
        ({"kbli": ["2591"]}, "kbli", "5-digit"),
        ({"kbli": ["99999"]}, "kbli", "99999"),
        ({"delivery": {"lat": -6.3}}, "delivery", "lat and lon"),
        ({"delivery": {"max_distance_km": -5}}, "delivery.max_distance_km", "greater than 0"),
    ],
)
def test_bad_field_is_named(change: dict[str, Any], field: str, words: str) -> None:
    data = astra()
    for key, value in change.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    with pytest.raises(RequirementError) as caught:
        parse_requirement(data)
    assert caught.value.field == field
    assert words in str(caught.value)


def test_missing_required_field_says_required() -> None:
    data = astra()
    del data["processes"]
    with pytest.raises(RequirementError, match="processes: this field is required"):
        parse_requirement(data)


def test_certification_spellings_are_accepted() -> None:
    data = astra() | {
        "certifications_required": ["ISO9001:2015", "iso-9001", "SNI", "Halal"],
        "certifications_preferred": ["IATF16949", "TKDN 40%"],
    }
    assert parse_requirement(data).certifications_required[0] == "ISO9001:2015"


def test_misspelled_field_is_refused_not_ignored() -> None:
    data = astra()
    data["certifications_requried"] = data.pop("certifications_required")
    with pytest.raises(RequirementError, match="did you mean 'certifications_required'"):
        parse_requirement(data)
    data = astra()
    data["delivery"] = {"regency": "Kab. Bekasi", "max_distance": 400}
    with pytest.raises(RequirementError, match="did you mean 'max_distance_km'"):
        parse_requirement(data)


def test_volume_written_as_in_the_sheet() -> None:
    assert parse_requirement(astra() | {"monthly_volume": "5.000"}).monthly_volume == 5000
    assert parse_requirement(astra() | {"monthly_volume": "12,5"}).monthly_volume == 12.5
    with pytest.raises(RequirementError, match="'lima ribu' bukan angka"):
        parse_requirement(astra() | {"monthly_volume": "lima ribu"})
