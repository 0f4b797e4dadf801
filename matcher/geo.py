"""Great-circle distances and the kabupaten/kota gazetteer (514 centre points; see data/README).

People write regencies many ways: `Kab. Tegal`, `Kabupaten Tegal`, `kab tegal`, `Tegal`,
`Kota Cilegon`, `Bekasi Regency`, with typos. A bare name that is both a kabupaten and a kota
(`Tegal`, `Bekasi`, `Semarang`) resolves to the **kabupaten**: that is where most industrial
clusters (sentra, LIK) lie, and the kota usually sits inside or beside it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import numpy as np
from numpy.typing import ArrayLike, NDArray
from rapidfuzz import fuzz, process

from matcher.text import normalise

EARTH_RADIUS_KM = 6371.0088
FUZZY_CUTOFF = 85.0

_KAB_WORDS = re.compile(r"^(?:kabupaten administrasi|kabupaten|kab adm|kab|kabu)\s+|\s+regency$")
_KOTA_WORDS = re.compile(r"^(?:kota administrasi|kotamadya|kodya|kota adm|kota|kot)\s+|\s+city$")


@dataclass(frozen=True)
class Regency:
    code: str  # Kemendagri code, e.g. "33.28"
    kind: str  # "kab" or "kota"
    name: str  # bare name in title case, e.g. "Tegal"
    province: str
    lat: float
    lon: float

    @property
    def display_name(self) -> str:
        return f"Kab. {self.name}" if self.kind == "kab" else f"Kota {self.name}"


def haversine_km(
    lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike
) -> NDArray[np.float64]:
    """Great-circle distance in km; broadcasts like numpy. NaN in gives NaN out (stays unknown)."""
    phi1, lam1, phi2, lam2 = (
        np.radians(np.asarray(v, dtype=np.float64)) for v in (lat1, lon1, lat2, lon2)
    )
    a = (
        np.sin((phi2 - phi1) / 2) ** 2
        + np.cos(phi1) * np.cos(phi2) * np.sin((lam2 - lam1) / 2) ** 2
    )
    result: NDArray[np.float64] = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return result


def unit_vectors(lat: ArrayLike, lon: ArrayLike) -> NDArray[np.float64]:
    """Points on the unit sphere, shape (3, n): one contiguous row per axis; NaN stays NaN."""
    phi = np.radians(np.atleast_1d(np.asarray(lat, dtype=np.float64)))
    lam = np.radians(np.atleast_1d(np.asarray(lon, dtype=np.float64)))
    cos_phi = np.cos(phi)
    return np.stack([cos_phi * np.cos(lam), cos_phi * np.sin(lam), np.sin(phi)])


def distances_from(vectors: NDArray[np.float64], lat: float, lon: float) -> NDArray[np.float64]:
    """Great-circle km from each unit vector (3, n) to (lat, lon); same numbers as haversine_km.

    With precomputed unit vectors a query needs one arcsin per supplier instead of four trig
    calls: for unit vectors |a - b|² = 2 - 2 a·b and the angle is 2·arcsin(|a - b| / 2).
    Work is done in place because at a million suppliers fresh arrays cost more than the math.
    """
    target = unit_vectors(lat, lon)[:, 0]
    out: NDArray[np.float64] = vectors[0] * target[0]
    scratch = np.empty_like(out)
    for axis in (1, 2):
        np.multiply(vectors[axis], target[axis], out=scratch)
        out += scratch
    out *= -2.0
    out += 2.0
    np.clip(out, 0.0, 4.0, out=out)
    np.sqrt(out, out=out)
    out *= 0.5
    np.arcsin(out, out=out)
    out *= 2 * EARTH_RADIUS_KM
    return out


def _split_kind(text: str) -> tuple[str | None, str]:
    name = normalise(text.split(",")[0])
    if _KAB_WORDS.search(name):
        return "kab", _KAB_WORDS.sub("", name).strip()
    if _KOTA_WORDS.search(name):
        return "kota", _KOTA_WORDS.sub("", name).strip()
    return None, name


@dataclass(frozen=True)
class _Gazetteer:
    regencies: tuple[Regency, ...]
    by_kind_name: dict[tuple[str, str], Regency]
    bare_names: list[str]


@cache
def _gazetteer() -> _Gazetteer:
    text = resources.files("matcher.data").joinpath("regency_coords.csv").read_text("utf-8")
    regencies = []
    for row in csv.DictReader(io.StringIO(text)):
        kind, bare = _split_kind(row["nama"])
        regencies.append(
            Regency(
                row["kode_kemendagri"],
                kind or "kab",
                bare.title(),
                row["provinsi"],
                float(row["latitude"]),
                float(row["longitude"]),
            )
        )
    by_kind_name = {(r.kind, normalise(r.name)): r for r in regencies}
    bare_names = sorted({normalise(r.name) for r in regencies})
    return _Gazetteer(tuple(regencies), by_kind_name, bare_names)


def _pick(gazetteer: _Gazetteer, kind: str | None, bare: str) -> Regency | None:
    if kind is not None:
        return gazetteer.by_kind_name.get((kind, bare))
    # Documented rule: a bare name shared by a kabupaten and a kota means the kabupaten.
    return gazetteer.by_kind_name.get(("kab", bare)) or gazetteer.by_kind_name.get(("kota", bare))


@lru_cache(maxsize=65_536)  # user spellings repeat; bounded for long-running services
def resolve_regency(text: str) -> Regency | None:
    """The regency a user meant, or None when nothing is close enough."""
    gazetteer = _gazetteer()
    kind, bare = _split_kind(text)
    if not bare:
        return None
    found = _pick(gazetteer, kind, bare)
    if found is None:
        best = process.extractOne(
            bare, gazetteer.bare_names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if best is not None:
            found = _pick(gazetteer, kind, best[0]) or _pick(gazetteer, None, best[0])
    return found


def regency_centroid(name: str) -> tuple[float, float] | None:
    """(lat, lon) of the regency's centre point, or None when the name is not recognised."""
    regency = resolve_regency(name)
    return None if regency is None else (regency.lat, regency.lon)


def all_regencies() -> tuple[Regency, ...]:
    return _gazetteer().regencies
