"""Scored features: each a small named object with its levels spelt out (the splink pattern).

Every feature maps (index, query) to one value in [0, 1] per supplier, all suppliers at once
or only the rows asked for (a shortlist needs only the suppliers that pass the hard gates).
A feature that does not apply to a requirement (no materials asked, no volume given) is left
out of the score; a value unknown for one supplier (unit mismatch, unknown location) gets
`NEUTRAL` and the explanation says it is unknown.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from matcher.constraints import ExclusionReasons, eligible_mask
from matcher.index import SupplierIndex
from matcher.kbli import kbli_fit
from matcher.profile import FEATURE_NAMES
from matcher.query import ROLE_MAKER, PreparedQuery
from matcher.text import normalise
from matcher.track import track_record_scores
from matcher.types import Requirement

# Supplier rows to compute: `ALL` (a view, no copy) or an ascending array of row numbers.
Rows = slice | NDArray[np.intp]
ALL: slice = slice(None)

NEUTRAL = 0.5  # value for "unknown": neither rewarded nor punished against the typical supplier
DISTANCE_SCALE_KM = 150.0  # exp(-d / scale): 0 km → 1.0, 100 km → 0.51, 300 km → 0.14


# Credit a match earns, by closeness (concepts.CLOSENESS): exact 1.0, a kind of the
# requested 0.95, broader 0.6, sibling 0.35, same family 0.2, none 0.
CLOSENESS_POINTS = (0.0, 0.2, 0.35, 0.6, 0.95, 1.0)
# A process named only by its general trade ("machining" for CNC turning) or by a sibling
# (TIG for MIG) is clearly partial: the buyer still has to find out whether it can be done.
PROCESS_CREDIT = (0.0, 0.1, 0.3, 0.4, 0.9, 1.0)
# A broader material ("baja" for SS400) usually includes the one asked for; a sibling grade
# (SPHC for SPCC) is a substitute to discuss.
MATERIAL_CREDIT = (0.0, 0.3, 0.5, 0.8, 1.0, 1.0)
MAIN_PROCESS_WEIGHT = 2.0  # the first process a buyer names is the part's main process
# Traders and repair shops: their process claims count half. A trader whose only business is
# trade is also listed after every maker (matcher/evidence.py).
ROLE_CREDIT = 0.5
CAPACITY_POWER = 1.5  # share covered ** 1.5: 60% → 0.46, 50% → 0.35, 10% → 0.03


def process_credit(levels: NDArray[np.float64]) -> NDArray[np.float64]:
    credit: NDArray[np.float64] = np.interp(levels, CLOSENESS_POINTS, PROCESS_CREDIT)
    return credit


def material_credit(levels: NDArray[np.float64]) -> NDArray[np.float64]:
    credit: NDArray[np.float64] = np.interp(levels, CLOSENESS_POINTS, MATERIAL_CREDIT)
    return credit


def term_weights(n_terms: int) -> NDArray[np.float64]:
    """Weight per required process: the first (main) process counts double."""
    weights = np.ones(n_terms)
    if n_terms > 1:
        weights[0] = MAIN_PROCESS_WEIGHT
    result: NDArray[np.float64] = weights / weights.sum() if n_terms else weights
    return result


def coverage(levels: NDArray[np.float64]) -> NDArray[np.float64]:
    """Capability from per-term closeness (n, n_terms): weighted mean credit per term.

    Every required process matched exactly gives 1.0; a missing process, a general trade or
    a sibling for the main process each cost a visible share. No process at all gives 0.
    """
    if levels.shape[1] == 0:
        return np.zeros(len(levels))
    result: NDArray[np.float64] = process_credit(levels) @ term_weights(levels.shape[1])
    return result


class Feature:
    """Base: a named feature. Subclasses set the class attributes and `compute`."""

    name: ClassVar[str]
    description: ClassVar[str]
    levels: ClassVar[tuple[str, ...]]

    def applies(self, query: PreparedQuery) -> bool:
        return True

    def compute(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows = ALL
    ) -> NDArray[np.float64]:
        """One value per supplier in `rows`. Must not return an array the query caches."""
        raise NotImplementedError

    def unknown(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows = ALL
    ) -> NDArray[np.bool_] | None:
        """Which of `rows` are NEUTRAL because the data needed is missing; None if never."""
        return None


class Capability(Feature):
    name = "capability"
    description = "How fully the supplier's processes cover the required processes."
    levels = (
        "exact process: 1.0 per term; a kind of it (CNC turning for turning): 0.9",
        "only the general trade (machining for CNC turning): 0.4",
        "sibling variant (TIG for MIG welding, manual for CNC turning): 0.3",
        "same wider family (progressive stamping for deep drawing): 0.1",
        "not offered, or a different trade of the same family (painting for plating): 0",
        f"the first process counts {MAIN_PROCESS_WEIGHT:g}x; value = weighted mean over terms",
        f"traders and repair shops without a manufacturing KBLI code: x {ROLE_CREDIT}",
    )

    def compute(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows = ALL
    ) -> NDArray[np.float64]:
        # Scored once per distinct combination of processes, then spread to suppliers.
        per_pattern = coverage(query.process_pattern_levels)
        result: NDArray[np.float64] = per_pattern[index.processes.row_pattern[rows]]
        factor = self._role_factor(index, query)
        if factor is not None:
            result *= factor[rows]
        return result

    def _role_factor(self, index: SupplierIndex, query: PreparedQuery) -> NDArray[Any] | None:
        """Per supplier: 1 for makers, ROLE_CREDIT for traders and repair shops; None when
        all are makers. Depends on the suppliers only, so it is worked out once per index."""
        role = query.supplier_role
        key = ("role_factor", id(role))
        derived = index.processes.derived
        if key not in derived:
            others = role != ROLE_MAKER
            derived[key] = np.where(others, ROLE_CREDIT, 1.0) if others.any() else np.empty(0)
        factor: NDArray[Any] = derived[key]
        return factor if factor.size else None


class MaterialFit(Feature):
    name = "material"
    description = "Mean match of the supplier's materials to the requested materials."
    levels = (
        "exact material or a kind of it: 1.0",
        "broader (baja for SS400): 0.8",
        "sibling grade (SPHC for SPCC): 0.5",
        "same wider family: 0.3",
        "another material family (fruit for cassava, stainless for carbon steel): 0",
        f"no material stated: {NEUTRAL} (unknown)",
    )

    def applies(self, query: PreparedQuery) -> bool:
        return bool(query.material_matches)

    def compute(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows = ALL
    ) -> NDArray[np.float64]:
        per_pattern = material_credit(query.material_pattern_levels).mean(axis=1)
        per_pattern[index.materials.pattern_is_empty()] = NEUTRAL
        result: NDArray[np.float64] = per_pattern[index.materials.row_pattern[rows]]
        return result

    def unknown(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows = ALL
    ) -> NDArray[np.bool_]:
        empty = index.materials.pattern_is_empty()
        unknown: NDArray[np.bool_] = empty[index.materials.row_pattern[rows]]
        return unknown


class KbliFit(Feature):
    name = "kbli"
    description = "Closeness of the supplier's KBLI 2020 codes to the requested ones."
    levels = ("same 5-digit code: 1.0", "same 4-digit class: 0.6", "same division: 0.3", "none: 0")

    def applies(self, query: PreparedQuery) -> bool:
        return bool(query.requirement.kbli)

    def compute(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows = ALL
    ) -> NDArray[np.float64]:
        fit: NDArray[np.float64] = kbli_fit(index.kbli, list(query.requirement.kbli))[rows]
        return fit


class PreferredCertificates(Feature):
    name = "certification"
    description = "Share of the preferred certificates held and valid on needed_by."
    levels = ("all preferred held: 1.0", "some: their share", "none: 0")

    def applies(self, query: PreparedQuery) -> bool:
        return bool(query.preferred_certs)

    def compute(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows = ALL
    ) -> NDArray[np.float64]:
        held = sum(
            query.holds_valid(cert)[rows].astype(np.float64) for cert in query.preferred_certs
        )
        return np.asarray(held, dtype=np.float64) / len(query.preferred_certs)


class CapacityFit(Feature):
    name = "capacity"
    description = "Monthly capacity against the requested monthly volume."
    levels = (
        "capacity covers the volume (same or convertible unit): 1.0",
        f"capacity below the volume: the share covered, to the power {CAPACITY_POWER:g}",
        f"units cannot be compared or unknown: {NEUTRAL} (unknown)",
    )

    def applies(self, query: PreparedQuery) -> bool:
        return query.volume_base is not None

    def _comparable(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows
    ) -> NDArray[np.bool_]:
        dimension = index.capacity_dimension[rows]
        if query.volume_dimension not in index.dimensions:
            return np.zeros(len(dimension), dtype=bool)
        comparable: NDArray[np.bool_] = dimension == index.dimensions.index(query.volume_dimension)
        return comparable

    def compute(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows = ALL
    ) -> NDArray[np.float64]:
        assert query.volume_base is not None
        comparable = self._comparable(index, query, rows)
        if query.volume_base <= 0:
            return np.where(comparable, 1.0, NEUTRAL)
        share = np.clip(index.capacity[rows] / query.volume_base, 0.0, 1.0)
        # A shortfall costs more than its size: the buyer must find and manage the rest.
        return np.where(comparable, np.power(share, CAPACITY_POWER, out=share), NEUTRAL)

    def unknown(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows = ALL
    ) -> NDArray[np.bool_]:
        return ~self._comparable(index, query, rows)


class Distance(Feature):
    name = "distance"
    description = f"Closeness to the delivery point: exp(-km / {DISTANCE_SCALE_KM:g})."
    levels = ("at the delivery point: 1.0", "decays with distance", f"location unknown: {NEUTRAL}")

    def applies(self, query: PreparedQuery) -> bool:
        return query.delivery is not None

    def compute(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows = ALL
    ) -> NDArray[np.float64]:
        closeness = query.distance_km[rows] * (-1.0 / DISTANCE_SCALE_KM)
        np.exp(closeness, out=closeness)
        closeness[query.location_unknown[rows]] = NEUTRAL
        return closeness

    def unknown(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows = ALL
    ) -> NDArray[np.bool_]:
        unknown: NDArray[np.bool_] = query.location_unknown[rows]
        return unknown


class TrackRecord(Feature):
    name = "track_record"
    description = "Existing partners (the buyer or its group), tier and cluster membership."
    levels = (
        "0.5 × partner link: 1.0 supplies the buyer, 0.6 supplies the buyer's group",
        "0.2 × number of partners (3 or more: full)",
        "0.2 × tier: tier 1 1.0, tier 2 0.7, tier 3 0.4, unknown 0",
        "0.1 × member of a cluster (sentra) or cooperative",
    )

    def compute(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows = ALL
    ) -> NDArray[np.float64]:
        scores: NDArray[np.float64] = track_record_scores(index, query.requirement.buyer)[rows]
        return scores


class TextSimilarity(Feature):
    name = "text"
    description = "TF-IDF cosine of product text against the requirement's title and description."
    levels = ("cosine similarity in [0, 1]; a weak signal by design",)

    def applies(self, query: PreparedQuery) -> bool:
        requirement = query.requirement
        return bool(normalise(f"{requirement.title} {requirement.description}"))

    def compute(
        self, index: SupplierIndex, query: PreparedQuery, rows: Rows = ALL
    ) -> NDArray[np.float64]:
        if index.text is None:
            return np.zeros(len(index))[rows]
        requirement = query.requirement
        text = " ".join([requirement.title, requirement.description, *requirement.processes])
        similarity: NDArray[np.float64] = index.text.similarity(text)[rows]
        return similarity


FEATURES: dict[str, Feature] = {
    feature.name: feature
    for feature in (
        Capability(),
        MaterialFit(),
        KbliFit(),
        PreferredCertificates(),
        CapacityFit(),
        Distance(),
        TrackRecord(),
        TextSimilarity(),
    )
}
assert tuple(FEATURES) == FEATURE_NAMES, "register every feature in profile.FEATURE_NAMES order"


class FeatureMatrix:
    """Feature values of suppliers against one requirement (what the learner fits on).

    `values[i, j]` is feature `names[j]` for supplier `rows[i]`, in [0, 1]; by default every
    supplier, so `rows[i] == i`. A shortlist passes `rows` (ascending) to compute only the
    suppliers it may list. Features that do not apply to the requirement (`applicable[j]`
    False) hold zeros and are left out of the score. `unknown[i, j]` marks neutral values
    standing in for missing data. `eligible[i]` is the hard-gate result and
    `reasons[row]` says why supplier `row` is excluded (worked out on demand).
    """

    def __init__(
        self,
        index: SupplierIndex,
        query: PreparedQuery,
        rows: NDArray[np.intp] | None = None,
        *,
        eligible: NDArray[np.bool_] | None = None,
    ) -> None:
        self.index = index
        self.query = query
        self.names: list[str] = list(FEATURES)
        # Every supplier is read through a slice (a view), a subset through its row numbers.
        self.rows: NDArray[np.intp] = (
            np.arange(len(index)) if rows is None else np.asarray(rows, dtype=np.intp)
        )
        self.selection: Rows = ALL if rows is None else self.rows
        n = len(self.rows)
        # Column-major: each feature writes one contiguous column.
        self.values = np.empty((n, len(self.names)), dtype=np.float64, order="F")
        self.unknown = np.zeros((n, len(self.names)), dtype=bool)
        self.applicable = np.zeros(len(self.names), dtype=bool)
        for j, feature in enumerate(FEATURES.values()):
            if not feature.applies(query):
                self.values[:, j] = 0.0
                continue
            self.applicable[j] = True
            self.values[:, j] = feature.compute(index, query, self.selection)
            unknown = feature.unknown(index, query, self.selection)
            if unknown is not None:
                self.unknown[:, j] = unknown
        if eligible is None:  # a caller that chose `rows` by the gates passes what it found
            eligible = eligible_mask(query)
        self.eligible: NDArray[np.bool_] = eligible[self.selection]
        self.reasons = ExclusionReasons(query, eligible)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> NDArray[np.float64]:
        column: NDArray[np.float64] = self.values[:, self.names.index(name)]
        return column

    def positions(self, rows: NDArray[np.intp]) -> tuple[NDArray[np.intp], NDArray[np.bool_]]:
        """Matrix positions of supplier `rows`, and which of them the matrix holds at all."""
        if isinstance(self.selection, slice):
            return rows, np.ones(len(rows), dtype=bool)
        if len(self.rows) == 0:
            return np.zeros(len(rows), dtype=np.intp), np.zeros(len(rows), dtype=bool)
        at = np.minimum(np.searchsorted(self.rows, rows), len(self.rows) - 1)
        held: NDArray[np.bool_] = self.rows[at] == rows
        return at, held

    def position(self, row: int) -> int:
        """Matrix position of supplier `row` (KeyError when the matrix does not hold it)."""
        at, held = self.positions(np.array([row], dtype=np.intp))
        if not held[0]:
            raise KeyError(row)
        return int(at[0])


def feature_matrix(index: SupplierIndex, requirement: Requirement) -> FeatureMatrix:
    """All feature values and gate results for one requirement against every supplier."""
    return FeatureMatrix(index, PreparedQuery(index, requirement))
