"""Certificate names and capacity units as suppliers and buyers write them."""

from __future__ import annotations

import pytest

from matcher.certs import canonical_certification
from matcher.units import convert_quantity, normalise_unit


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("ISO9001", "ISO 9001"),
        ("ISO 9001:2015", "ISO 9001"),
        ("iso-9001", "ISO 9001"),
        ("ISO 9001 2015", "ISO 9001"),
        ("IATF16949", "IATF 16949"),
        ("ISO/TS 16949", "IATF 16949"),
        ("SNI", "SNI"),
        ("Halal", "Halal"),
        ("Sertifikat Halal MUI", "Halal"),
        ("TKDN 40%", "TKDN 40%"),
        ("tkdn 40 %", "TKDN 40%"),
        ("TKDN: 42,5%", "TKDN 42.5%"),
        ("TKDN", "TKDN"),
        ("SVLK", "SVLK"),
        ("P-IRT", "PIRT"),
    ],
)
def test_certificate_spellings(written: str, canonical: str) -> None:
    assert canonical_certification(written) == canonical


def test_unknown_certificate_is_none() -> None:
    assert canonical_certification("Sertifikat Juara Kampung") is None
    assert canonical_certification("") is None


def test_different_iso_standards_stay_different() -> None:
    assert canonical_certification("ISO 14001") == "ISO 14001"
    assert canonical_certification("ISO 9002") is None


@pytest.mark.parametrize(
    ("written", "unit"),
    [
        ("PCS", "pcs"),
        ("pcs/bulan", "pcs"),
        ("buah", "pcs"),
        ("Kilogram", "kg"),
        ("ton per bulan", "ton"),
        ("m²", "m2"),
        ("M3", "m3"),
        ("liter", "liter"),
        ("spool", "spool"),
        ("lusin", "dozen"),
        ("set", "set"),
        ("unit", "unit"),
    ],
)
def test_unit_spellings(written: str, unit: str) -> None:
    assert normalise_unit(written) == unit


def test_unknown_unit_is_none() -> None:
    assert normalise_unit("gentong") is None


def test_mass_converts_both_ways() -> None:
    assert convert_quantity(2, "ton", "kg") == 2000
    assert convert_quantity(500, "kg", "ton") == 0.5
    assert convert_quantity(1500, "g", "kg") == 1.5


def test_dozen_is_twelve_pieces_and_volume_converts() -> None:
    assert convert_quantity(3, "lusin", "pcs") == 36
    assert convert_quantity(2, "m3", "liter") == 2000


@pytest.mark.parametrize(
    ("a", "b"), [("pcs", "set"), ("unit", "pcs"), ("kg", "pcs"), ("m2", "m3"), ("pcs", "gentong")]
)
def test_units_that_do_not_convert(a: str, b: str) -> None:
    assert convert_quantity(10, a, b) is None
