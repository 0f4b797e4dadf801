"""Everything about the suppliers that does not depend on the query, computed once.

`SupplierIndex.build(records)` turns supplier records into arrays: concept incidence
(sparse), certificate holders with expiry dates, coordinates (own, else the regency's
centre point, else NaN), capacity in base units, KBLI codes, TF-IDF of product text,
and track-record signals. Queries then only do array arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from matcher.certs import parse_certification
from matcher.concepts import ConceptIncidence
from matcher.geo import resolve_regency, unit_vectors
from matcher.kbli import KbliCodes, kbli_as_int
from matcher.senses import Context
from matcher.taxonomy import load_taxonomy
from matcher.text import company_key
from matcher.textindex import TextIndex
from matcher.track import static_track_record
from matcher.types import SupplierRecord
from matcher.units import unit_info

PROGRESS_EVERY = 10_000
NO_EXPIRY = np.inf  # a certificate without a date is taken as valid (and the explanation says so)

# Where a supplier's coordinates come from.
LOCATION_OWN, LOCATION_CENTROID, LOCATION_UNKNOWN = 0, 1, 2


@dataclass
class CertificateHolders:
    """Every supplier row holding one canonical certificate (a row may appear twice)."""

    rows: NDArray[np.int64]
    expiry: NDArray[np.float64]  # date.toordinal(), or NO_EXPIRY
    percentage: NDArray[np.float64]  # TKDN share, NaN when not stated


@dataclass
class SupplierIndex:
    records: Sequence[SupplierRecord]
    processes: ConceptIncidence
    materials: ConceptIncidence
    certificates: dict[str, CertificateHolders]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    location_vectors: NDArray[np.float64]  # (3, n) unit vectors for fast distances; NaN unknown
    location_source: NDArray[np.int8]
    capacity: NDArray[np.float64]  # in the base unit of its dimension
    capacity_dimension: NDArray[np.int16]  # index into `dimensions`, -1 when the unit is unknown
    dimensions: list[str]
    kbli: KbliCodes
    text: TextIndex | None  # TF-IDF of product text; None when no supplier wrote any
    partner_names: list[str]  # company keys of all partners
    partners: sp.csc_matrix  # n × len(partner_names); by column: who lists each partner
    partner_count: NDArray[np.float64]
    tier: NDArray[np.float64]  # NaN when unknown
    in_cluster: NDArray[np.bool_]  # belongs to a cluster (sentra) or cooperative
    track_static: NDArray[np.float64]  # the buyer-independent part of the track record
    regency_names: list[str] = field(default_factory=list)  # display name per row ("" unknown)

    def __len__(self) -> int:
        return len(self.records)

    @classmethod
    def build(
        cls,
        records: Sequence[SupplierRecord],
        progress: Callable[[int], None] | None = None,
    ) -> SupplierIndex:
        n = len(records)
        processes = ConceptIncidence.build(
            load_taxonomy("process"),
            [r.processes for r in records],
            lambda row, concepts: supplier_context(records[row], concepts),
        )
        materials = ConceptIncidence.build(
            load_taxonomy("material"), [r.materials for r in records]
        )
        lat, lon, source, regency_names = _locations(records)
        capacity, dimension, dimensions = _capacities(records)
        certificates: dict[str, list[tuple[int, float, float]]] = {}
        kbli_rows: list[list[int]] = []
        partner_rows: list[list[str]] = []
        for row, record in enumerate(records):
            for cert in record.certifications:
                parsed = _parse_cert(cert.name)
                if parsed is None:
                    continue
                expiry = float(cert.valid_until.toordinal()) if cert.valid_until else NO_EXPIRY
                share = parsed[1] if parsed[1] is not None else np.nan
                certificates.setdefault(parsed[0], []).append((row, expiry, share))
            kbli_rows.append([c for c in (kbli_as_int(k) for k in record.kbli) if c is not None])
            partner_rows.append([key for p in record.partners if (key := company_key(p))])
            if progress is not None and (row + 1) % PROGRESS_EVERY == 0:
                progress(row + 1)
        partner_names, partners = _incidence(partner_rows)
        partner_count = np.diff(partners.indptr).astype(np.float64)
        tier = np.array([np.nan if r.tier is None else r.tier for r in records], dtype=np.float64)
        in_cluster = np.array([bool(r.cluster or r.cooperative) for r in records], dtype=bool)
        index = cls(
            records=records,
            processes=processes,
            materials=materials,
            certificates={
                name: CertificateHolders(
                    np.array([h[0] for h in held], dtype=np.int64),
                    np.array([h[1] for h in held], dtype=np.float64),
                    np.array([h[2] for h in held], dtype=np.float64),
                )
                for name, held in certificates.items()
            },
            lat=lat,
            lon=lon,
            location_vectors=unit_vectors(lat, lon),
            location_source=source,
            capacity=capacity,
            capacity_dimension=dimension,
            dimensions=dimensions,
            kbli=KbliCodes.from_rows(kbli_rows),
            text=TextIndex.build([r.products for r in records]),
            partner_names=partner_names,
            partners=sp.csc_matrix(partners),
            partner_count=partner_count,
            tier=tier,
            in_cluster=in_cluster,
            track_static=static_track_record(partner_count, tier, in_cluster),
            regency_names=regency_names,
        )
        if progress is not None:
            progress(n)
        return index


def supplier_context(record: SupplierRecord, process_concepts: tuple[str, ...]) -> Context:
    """What a supplier wrote around its process words: materials, products, all processes."""
    return Context.of(
        record.materials, process_concepts, " ".join([record.products, *record.processes])
    )


@lru_cache(maxsize=65_536)
def _parse_cert(text: str) -> tuple[str, float | None] | None:
    # Certificates repeat across thousands of suppliers: parse each spelling once.
    parsed = parse_certification(text)
    return None if parsed is None else (parsed.base, parsed.percentage)


def _locations(
    records: Sequence[SupplierRecord],
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.int8], list[str]]:
    regencies = {
        r.regency: resolve_regency(r.regency) for r in {r.regency: r for r in records}.values()
    }
    n = len(records)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    source = np.full(n, LOCATION_UNKNOWN, dtype=np.int8)
    names: list[str] = []
    for row, record in enumerate(records):
        regency = regencies[record.regency]
        names.append(regency.display_name if regency else record.regency)
        if record.lat is not None and record.lon is not None:
            lat[row], lon[row], source[row] = record.lat, record.lon, LOCATION_OWN
        elif regency is not None:
            lat[row], lon[row], source[row] = regency.lat, regency.lon, LOCATION_CENTROID
    return lat, lon, source, names


def _capacities(
    records: Sequence[SupplierRecord],
) -> tuple[NDArray[np.float64], NDArray[np.int16], list[str]]:
    units = {u: unit_info(u) for u in {r.capacity_unit for r in records}}
    dimensions = sorted({u.dimension for u in units.values() if u is not None})
    dim_code = {d: i for i, d in enumerate(dimensions)}
    capacity = np.zeros(len(records))
    dimension = np.full(len(records), -1, dtype=np.int16)
    for row, record in enumerate(records):
        unit = units[record.capacity_unit]
        if unit is not None:
            capacity[row] = record.monthly_capacity * unit.factor
            dimension[row] = dim_code[unit.dimension]
    return capacity, dimension, dimensions


def _incidence(rows: list[list[str]]) -> tuple[list[str], sp.csr_matrix]:
    names = sorted({name for row in rows for name in row})
    position = {name: i for i, name in enumerate(names)}
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(set(row)) for row in rows])
    indices = np.array([position[x] for row in rows for x in sorted(set(row))], dtype=np.int32)
    matrix = sp.csr_matrix(
        (np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(rows), len(names))
    )
    return names, matrix
