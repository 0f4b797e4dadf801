"""Regency names as users type them, and distances."""

from __future__ import annotations

import math

import numpy as np
import pytest

from matcher.geo import all_regencies, haversine_km, regency_centroid, resolve_regency


def test_gazetteer_holds_every_kabupaten_and_kota() -> None:
    regencies = all_regencies()
    assert len(regencies) == 514
    assert sum(r.kind == "kota" for r in regencies) == 98


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Kab. Tegal", "Kab. Tegal"),
        ("Kabupaten Tegal", "Kab. Tegal"),
        ("kab. kendal", "Kab. Kendal"),
        ("Kab Bekasi", "Kab. Bekasi"),
        ("Kota Cilegon", "Kota Cilegon"),
        ("Kota Tegal", "Kota Tegal"),
        ("Karawang", "Kab. Karawang"),
        ("Kab. Tegal, Jawa Tengah", "Kab. Tegal"),
        ("Bekasi Regency", "Kab. Bekasi"),
        ("Kota Adm. Jakarta Selatan", "Kota Jakarta Selatan"),
        # typos
        ("Kab. Karawnag", "Kab. Karawang"),
        ("Kendall", "Kab. Kendal"),
        ("Kota Surabya", "Kota Surabaya"),
    ],
)
def test_user_spellings_resolve(written: str, meant: str) -> None:
    regency = resolve_regency(written)
    assert regency is not None
    assert regency.display_name == meant


def test_bare_name_of_both_kabupaten_and_kota_means_the_kabupaten() -> None:
    assert regency_centroid("Tegal") == regency_centroid("Kab. Tegal")
    assert regency_centroid("Tegal") != regency_centroid("Kota Tegal")
    # Only a kota exists: the bare name finds it.
    assert regency_centroid("Cilegon") == regency_centroid("Kota Cilegon")


def test_unknown_place_is_none() -> None:
    assert regency_centroid("Atlantis") is None
    assert regency_centroid("") is None


def test_centroids_are_near_known_towns() -> None:
    lat, lon = regency_centroid("Kab. Tegal") or (math.nan, math.nan)
    # Slawi, seat of Kab. Tegal, lies at about -6.98, 109.14.
    assert haversine_km(lat, lon, -6.98, 109.14) < 15


def test_haversine_known_distance_and_symmetry() -> None:
    # Jakarta (Monas) to Bandung (Gedung Sate): about 116 km in a straight line.
    d = float(haversine_km(-6.1754, 106.8272, -6.9025, 107.6188))
    assert 110 < d < 125
    assert float(haversine_km(-6.9025, 107.6188, -6.1754, 106.8272)) == pytest.approx(d)
    assert float(haversine_km(-6.2, 107.1, -6.2, 107.1)) == 0.0


def test_haversine_is_vectorised_and_keeps_unknown_unknown() -> None:
    lat = np.array([-6.2, np.nan, -7.0])
    lon = np.array([107.1, np.nan, 110.4])
    d = haversine_km(lat, lon, -6.30, 107.15)
    assert d.shape == (3,)
    assert np.isnan(d[1])
    assert d[0] < d[2]
