"""Candidates for consortium proposals, and the group score that ranks member sets.

Everything here is plain numpy over the whole catalogue (pre-selection) or over the few dozen
candidates kept (pairwise distances, groups). The CP-SAT model in `consortium_model` and the
brute-force check in the benchmark both judge a member set with `group_score` and
`is_feasible` from this module, so they optimise the same thing.

Modelling assumptions, stated once:
* A supplier *can do* a required process when its best match is the process itself, a kind
  of it, or the broader process (says "bubut" for "CNC turning"); related and same-family
  matches (grinding for turning) do not count.
* Capacity is per process line: a member taking turning and milling puts its share of pieces
  through both, within its one monthly capacity (a workshop's capacity is pieces finished per
  month, whatever route they take through it).
* With a monthly volume, only suppliers whose capacity unit converts to the requirement's unit
  can take a share: an unknown capacity cannot be promised to a buyer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from matcher.features import FeatureMatrix
from matcher.geo import haversine_km
from matcher.profile import WeightsProfile
from matcher.query import PreparedQuery
from matcher.scoring import normalised_weights, weighted_sum
from matcher.taxonomy import MatchLevel
from matcher.text import normalise

CAN_DO_LEVEL = MatchLevel.BROADER.score
# A group's spread (farthest pair) counts as the next of these: 12 km is "within 20 km".
SPREAD_LEVELS_KM = (0.0, 2.0, 5.0, 10.0, 20.0, 35.0, 50.0, 75.0, 100.0, 150.0, 200.0, 250.0)
VOLUME_STEPS = 1000  # volumes are whole numbers of 1/VOLUME_STEPS of a small volume, at least


@dataclass(frozen=True)
class GroupWeights:
    """What a group's score is made of (see `group_score`)."""

    member_score: float = 0.6  # × mean engine score of the members
    one_group: float = 0.2  # when every member belongs to one cluster or cooperative
    closeness: float = 0.2  # × (1 − spread / spread_cap_km)
    extra_member: float = 0.05  # − per member beyond two
    spread_cap_km: float = 300.0  # groups spread this far or more get no closeness credit


@dataclass
class CandidatePool:
    """The few suppliers a consortium may be drawn from, with what the model needs to know.

    Positions 0..k-1 index every array; `rows` maps them back to the supplier index.
    """

    rows: NDArray[np.intp]
    score: NDArray[np.float64]  # engine score of each candidate
    can: NDArray[np.bool_]  # (k, n_processes) can do required process p
    capacity: NDArray[np.float64]  # in the requirement's unit; inf without a volume
    volume: float | None  # monthly volume in the requirement's unit
    volume_unit: str
    spread_km: NDArray[np.float64]  # (k, k) distance between candidates, NaN when unknown
    groups: list[frozenset[str]]  # per candidate: normalised cluster / cooperative keys
    group_names: dict[str, str]  # key → name as the first supplier wrote it
    cluster_keys: frozenset[str]  # keys that are clusters (sentra), not cooperatives
    process_names: list[str]
    single_supplier_suffices: bool  # one eligible supplier covers every process and the volume
    weights: GroupWeights
    query: PreparedQuery  # for explanations: the terms as matched, gates, delivery point

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def volume_scale(self) -> int:
        """Model volumes are integers in 1/scale of the requirement's unit (6 ton → 6000)."""
        if self.volume is None or self.volume <= 0:
            return 1
        return int(10 ** max(0, math.ceil(math.log10(VOLUME_STEPS / self.volume))))

    def model_volume(self) -> int:
        assert self.volume is not None
        return math.ceil(self.volume * self.volume_scale - 1e-9)

    @cached_property
    def model_capacity(self) -> NDArray[np.int64]:
        """Capacity in model units, never above the volume (more cannot be used) nor rounded up."""
        volume = self.model_volume()
        scaled = np.floor(np.minimum(self.capacity * self.volume_scale, volume) + 1e-9)
        return scaled.astype(np.int64)

    @cached_property
    def spread_units(self) -> NDArray[np.int64]:
        """Pairwise spread in thousandths of the cap, rounded up to the next `SPREAD_LEVELS_KM`.

        Unknown distances count as the full cap. A dozen levels instead of every kilometre
        let the solver reason about "farther than 20 km" rather than 300 separate values
        (measured: about a third of the search effort).
        """
        cap = self.weights.spread_cap_km
        levels = np.array([level for level in SPREAD_LEVELS_KM if level < cap] + [cap])
        known = np.nan_to_num(self.spread_km, nan=cap)
        rounded = levels[np.minimum(np.searchsorted(levels, known - 1e-9), len(levels) - 1)]
        return np.ceil(rounded / cap * 1000 - 1e-9).astype(np.int64)


def member_scores(matrix: FeatureMatrix, profile: WeightsProfile) -> NDArray[np.float64]:
    """The engine's score for every supplier, exactly as the shortlist ranks them."""
    return weighted_sum(matrix, normalised_weights(matrix, profile))


def _best_rows(score: NDArray[np.float64], rows: NDArray[np.intp], top: int) -> NDArray[np.intp]:
    if rows.size > top:
        rows = rows[np.argpartition(-score[rows], top - 1)[:top]]
    return rows[np.lexsort((rows, -score[rows]))]


def select_candidates(
    matrix: FeatureMatrix,
    profile: WeightsProfile,
    *,
    candidates: int,
    weights: GroupWeights | None = None,
) -> CandidatePool:
    """Eligible suppliers that can do at least one required process, best first.

    Each required process gets an equal quota of the best suppliers that can do it (so a rare
    process such as chrome plating is not crowded out by many turning shops); the rest of the
    `candidates` places go to the best remaining suppliers. Vectorised over the catalogue.
    """
    index, query = matrix.index, matrix.query
    score = member_scores(matrix, profile)
    can_all = query.process_levels >= CAN_DO_LEVEL - 1e-9
    capacity_all = np.full(len(index), np.inf)
    usable = matrix.eligible & can_all.any(axis=1)
    volume = query.requirement.monthly_volume
    if volume is not None and volume > 0 and query.volume_base is not None:
        unit_factor = query.volume_base / volume
        comparable = np.zeros(len(index), dtype=bool)
        if query.volume_dimension in index.dimensions:
            code = index.dimensions.index(query.volume_dimension)
            comparable = index.capacity_dimension == code
        capacity_all = np.where(comparable, index.capacity / unit_factor, 0.0)
        usable &= capacity_all > 0
    else:  # no volume (or zero): groups only need to cover the processes
        volume = None
    enough = capacity_all >= volume if volume is not None else np.ones(len(index), dtype=bool)
    suffices = bool(np.any(usable & can_all.all(axis=1) & enough))

    quota = max(candidates // max(can_all.shape[1], 1), 1)
    chosen = [
        _best_rows(score, np.flatnonzero(usable & can_all[:, p]), quota)
        for p in range(can_all.shape[1])
    ]
    picked = np.unique(np.concatenate([*chosen, np.zeros(0, dtype=np.intp)]))
    rest = np.setdiff1d(np.flatnonzero(usable), picked)
    fill = _best_rows(score, rest, max(candidates - picked.size, 0)) if rest.size else rest
    rows = _best_rows(score, np.concatenate([picked, fill]), candidates)
    return _pool(matrix, rows, score, can_all, capacity_all, volume, suffices, weights)


def _pool(
    matrix: FeatureMatrix,
    rows: NDArray[np.intp],
    score: NDArray[np.float64],
    can_all: NDArray[np.bool_],
    capacity_all: NDArray[np.float64],
    volume: float | None,
    suffices: bool,
    weights: GroupWeights | None,
) -> CandidatePool:
    index, query = matrix.index, matrix.query
    lat, lon = index.lat[rows], index.lon[rows]
    spread = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    groups: list[frozenset[str]] = []
    group_names: dict[str, str] = {}
    cluster_keys: set[str] = set()
    for row in rows:  # only the few candidates, not the catalogue
        record = index.records[int(row)]
        keys = set()
        for name, is_cluster in ((record.cluster, True), (record.cooperative, False)):
            if name and normalise(name):
                keys.add(normalise(name))
                group_names.setdefault(normalise(name), name.strip())
                if is_cluster:
                    cluster_keys.add(normalise(name))
        groups.append(frozenset(keys))
    return CandidatePool(
        rows=rows,
        score=score[rows],
        can=can_all[rows],
        capacity=capacity_all[rows],
        volume=volume,
        volume_unit=query.requirement.volume_unit or "pcs",
        spread_km=spread,
        groups=groups,
        group_names=group_names,
        cluster_keys=frozenset(cluster_keys),
        process_names=[
            process_name(term, m.concepts)
            for term, m in zip(query.requirement.processes, query.process_matches, strict=True)
        ],
        single_supplier_suffices=suffices,
        weights=weights or GroupWeights(),
        query=query,
    )


def process_name(term: str, concepts: Sequence[str]) -> str:
    """The taxonomy's name when the term means one known process ("bubut" → "turning")."""
    if len(concepts) == 1 and not concepts[0].startswith("text:"):
        return concepts[0]
    return term


def shared_groups(pool: CandidatePool, members: Sequence[int]) -> list[str]:
    """Clusters, then cooperatives, that every member belongs to (normalised keys)."""
    common = frozenset.intersection(*(pool.groups[i] for i in members)) if members else frozenset()
    return sorted(common, key=lambda key: (key not in pool.cluster_keys, key))


def largest_shared_group(pool: CandidatePool, members: Sequence[int]) -> tuple[str | None, int]:
    """The cluster or cooperative most members share, and how many; (None, 0) if no two share."""
    counts: dict[str, int] = {}
    for member in members:
        for key in pool.groups[member]:
            counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts, key=lambda key: (-counts[key], key not in pool.cluster_keys, key))
    if not ranked or counts[ranked[0]] < 2:
        return None, 0
    return ranked[0], counts[ranked[0]]


def group_score(pool: CandidatePool, members: Sequence[int]) -> float:
    """The score the model maximises, for a member set (positions in the pool).

    0.6 × mean member score + 0.2 if every member belongs to one cluster or cooperative
    + 0.2 × (1 − farthest pair distance / 300 km, rounded up to the next of 2, 5, 10, 20, 35,
    50, 75, 100, 150, 200, 250 km; unknown or farther counted as 300 km)
    − 0.05 per member beyond two (default `GroupWeights`).
    """
    w = pool.weights
    chosen = list(members)
    spread = int(pool.spread_units[np.ix_(chosen, chosen)].max()) if chosen else 0
    return (
        w.member_score * float(np.mean(pool.score[chosen]))
        + w.one_group * bool(shared_groups(pool, chosen))
        + w.closeness * (1 - spread / 1000)
        - w.extra_member * (len(chosen) - 2)
    )


def is_feasible(pool: CandidatePool, members: Sequence[int]) -> bool:
    """Can these members serve the requirement together, each of them needed?

    Every process has members who can do it with enough capacity between them, and every
    member is essential: without it some process it can do would fall short.
    """
    chosen = list(members)
    can = pool.can[chosen]
    if pool.volume is None:
        covered = can.sum(axis=0)
        return bool(np.all(covered >= 1)) and all(
            np.any(can[i] & (covered == 1)) for i in range(len(chosen))
        )
    capacity = pool.model_capacity[chosen][:, None] * can
    total = capacity.sum(axis=0)
    need = pool.model_volume()
    if np.any(total < need):
        return False
    return all(np.any(can[i] & (total - capacity[i] < need)) for i in range(len(chosen)))
