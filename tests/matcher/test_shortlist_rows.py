"""A shortlist computes features only for the suppliers it may list; the result must be the
one a full computation over the whole catalogue gives, for every kind of requirement."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime

import numpy as np
import pytest

from benchmarks.shortlist_speed import CLUSTERS, PARTNERS, QUERIES, REGENCIES, make_suppliers
from matcher.evidence import ranking_tiers, with_tier_note
from matcher.explain import explain_row
from matcher.features import FeatureMatrix
from matcher.geo import resolve_regency
from matcher.index import SupplierIndex
from matcher.profile import WeightsProfile
from matcher.query import PreparedQuery
from matcher.scoring import normalised_weights, rank, weighted_sum
from matcher.shortlist import ShortlistEntry
from matcher.types import Delivery, Requirement, SupplierRecord

GENERATED = datetime(2026, 11, 1, 9, 0)
CERTIFICATES = ("ISO 9001", "SNI", "Halal", "TKDN 30%", "SVLK", "IATF 16949")
UNITS = ("pcs", "kg", "ton", "unit", "set", "m3", "liter")


def _catalogue() -> list[SupplierRecord]:
    """The benchmark's synthetic IKM catalogue, with traders and repair shops mixed in."""
    records = make_suppliers(2_400, seed=11)
    for i in range(0, len(records), 9):
        records[i] = replace(
            records[i], kbli=("46699",), processes=(*records[i].processes, "toko besi")
        )
    for i in range(4, len(records), 23):
        records[i] = replace(records[i], kbli=("33121",), processes=("servis mesin",))
    return records


def _requirements(count: int, seed: int) -> list[Requirement]:
    """Varied requirements: strict and loose gates, units, delivery points, buyers, KBLI."""
    rng = random.Random(seed)
    clusters = list(CLUSTERS.values())
    requirements = list(QUERIES)
    for number in range(count):
        cluster = rng.choice(clusters)
        processes = rng.sample(cluster["processes"], rng.randint(1, 3))
        if rng.random() < 0.2:  # a process from another trade, or none the vocabulary knows
            processes.append(rng.choice([rng.choice(clusters)["processes"][0], "anyaman"]))
        delivery = None
        if rng.random() < 0.7:
            regency = rng.choice(REGENCIES)
            # A distance limit needs a place the gazetteer knows.
            limit = rng.choice([None, 60, 150, 400]) if resolve_regency(regency) else None
            delivery = Delivery(regency, max_distance_km=limit)
        requirements.append(
            Requirement(
                f"REQ-{number:03d}",
                tuple(processes),
                date(2026, 1, 1) + (date(2029, 1, 1) - date(2026, 1, 1)) * rng.random(),
                buyer=rng.choice(["", *PARTNERS]),
                title=" ".join(rng.sample(cluster["words"], 2)),
                materials=tuple(rng.sample(cluster["materials"], rng.randint(0, 2))),
                kbli=tuple(rng.sample(cluster["kbli"], rng.randint(0, 1))),
                certifications_required=tuple(rng.sample(CERTIFICATES, rng.choice([0, 0, 1, 2]))),
                certifications_preferred=tuple(rng.sample(CERTIFICATES, rng.randint(0, 2))),
                monthly_volume=rng.choice([None, 0, 300, 5_000, 40_000]),
                volume_unit=rng.choice(UNITS),
                delivery=delivery,
            )
        )
    return requirements


@pytest.fixture(scope="module")
def index() -> SupplierIndex:
    return SupplierIndex.build(_catalogue())


def _full_shortlist(
    index: SupplierIndex, requirement: Requirement, profile: WeightsProfile, top: int
) -> list[ShortlistEntry]:
    """Reference: every supplier scored, then ordered by evidence tier and score with a
    plain sort (ties by catalogue row), the eligible ones first, then the excluded ones."""
    matrix = FeatureMatrix(index, PreparedQuery(index, requirement))
    weights = normalised_weights(matrix, profile)
    score, tiers = weighted_sum(matrix, weights), ranking_tiers(matrix)
    entries = []
    for eligible in (True, False):
        rows = [int(r) for r in np.flatnonzero(matrix.eligible == eligible)]
        best = sorted(rows, key=lambda r: (int(tiers[r]), -float(score[r]), r))[:top]
        for row in best:
            entry = explain_row(matrix, row, len(entries) + 1, weights)
            entries.append(with_tier_note(entry, matrix.query, int(tiers[row]), row))
    return entries


def test_shortlists_match_a_full_computation(index: SupplierIndex) -> None:
    profile = WeightsProfile.load_default()
    listed_few = listed_none = 0
    for requirement in _requirements(60, seed=5):
        expected = _full_shortlist(index, requirement, profile, top=10)
        eligible_only = [entry for entry in expected if entry.eligible]
        fast = rank(index, requirement, profile, top=10, generated_at=GENERATED)
        both = rank(
            index, requirement, profile, top=10, include_ineligible=True, generated_at=GENERATED
        )
        assert fast.results == eligible_only, requirement.requirement_id
        assert both.results == expected, requirement.requirement_id
        assert fast.to_json()["results"] == [e.to_json() for e in eligible_only]
        listed_few += 0 < len(eligible_only) < 10
        listed_none += not eligible_only
    # The requirements cover strict gates too: short lists and nobody eligible at all.
    assert listed_few and listed_none


def test_a_matrix_of_some_suppliers_holds_their_full_rows(index: SupplierIndex) -> None:
    rng = np.random.default_rng(3)
    for requirement in _requirements(25, seed=8):
        query = PreparedQuery(index, requirement)
        full = FeatureMatrix(index, query)
        for rows in (
            np.flatnonzero(full.eligible),
            np.sort(rng.choice(len(index), size=300, replace=False)),
            np.array([], dtype=np.intp),
        ):
            part = FeatureMatrix(index, query, rows)
            assert np.array_equal(part.values, full.values[rows])
            assert np.array_equal(part.unknown, full.unknown[rows])
            assert np.array_equal(part.eligible, full.eligible[rows])
            assert np.array_equal(ranking_tiers(part), ranking_tiers(full)[rows])


def test_a_matrix_of_some_suppliers_finds_them_by_catalogue_row(index: SupplierIndex) -> None:
    query = PreparedQuery(index, QUERIES[0])
    part = FeatureMatrix(index, query, np.array([3, 40, 41, 900]))
    assert part.position(41) == 2
    with pytest.raises(KeyError):
        part.position(42)
    full = FeatureMatrix(index, query)
    weights = normalised_weights(full, WeightsProfile.load_default())
    for row in (3, 900):
        assert explain_row(part, row, 1, weights) == explain_row(full, row, 1, weights)
