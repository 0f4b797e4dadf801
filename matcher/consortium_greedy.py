"""A quick greedy group: the solver's starting point, and the answer if it runs out of time.

From each of the best few candidates as a seed, keep adding the candidate that covers most of
the capacity still missing, weighted by its appeal (same cluster or cooperative as the seed,
close to it, high score), first among the seed's neighbours only, then among everybody; then
drop members that are not needed. The best of these groups by `group_score` is
handed to CP-SAT as a hint, so the solver has a good group from its first moment.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
from numpy.typing import NDArray

from matcher.consortium_pool import CandidatePool, group_score, is_feasible

SEEDS = 12
LOCAL_KM = 50.0


def _need(pool: CandidatePool) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """What each process needs and what each candidate brings to it, in the same units."""
    if pool.volume is None:
        return np.ones(pool.can.shape[1]), pool.can.astype(np.float64)
    capacity = pool.model_capacity.astype(np.float64)
    return np.full(pool.can.shape[1], float(pool.model_volume())), pool.can * capacity[:, None]


def _grow(pool: CandidatePool, seed: int, max_members: int, local: bool) -> list[int] | None:
    """Add members to `seed` until every process has its volume; None if that fails.

    `local`: only candidates sharing a cluster or cooperative with the seed, or close to it.
    """
    need, brings = _need(pool)
    shares_group = np.array([bool(pool.groups[i] & pool.groups[seed]) for i in range(len(pool))])
    closeness = 1 - pool.spread_units[seed] / 1000
    allowed = (
        shares_group | (closeness >= 1 - LOCAL_KM / pool.weights.spread_cap_km)
        if local
        else (np.ones(len(pool), dtype=bool))
    )
    appeal = 0.5 + 0.2 * shares_group + 0.2 * closeness + 0.6 * pool.score
    missing = need - brings[seed]
    members = [seed]
    while np.any(missing > 0) and len(members) < max_members:
        gain = np.minimum(brings, np.maximum(missing, 0)).sum(axis=1) / need.sum()
        gain[members] = 0
        gain[~allowed] = 0
        if gain.max() <= 0:
            return None
        pick = int(np.argmax(gain * appeal))
        members.append(pick)
        missing = missing - brings[pick]
    if np.any(missing > 0):
        return None
    # Drop members that are not needed, weakest first.
    for member in sorted(members, key=lambda i: pool.score[i]):
        rest = [i for i in members if i != member]
        if rest and np.all(brings[rest].sum(axis=0) >= need):
            members = rest
    return members


def greedy_group(
    pool: CandidatePool,
    *,
    min_members: int,
    max_members: int,
    excluded: Collection[frozenset[int]] = (),
) -> tuple[int, ...] | None:
    """A feasible group not containing any `excluded` group, or None if none was found."""
    best: tuple[float, tuple[int, ...]] | None = None
    for seed in np.argsort(-pool.score, kind="stable")[:SEEDS]:
        for local in (True, False):
            grown = _grow(pool, int(seed), max_members, local)
            if grown is None or not min_members <= len(grown) <= max_members:
                continue
            group = tuple(sorted(grown))
            if any(old <= set(group) for old in excluded) or not is_feasible(pool, group):
                continue
            score = group_score(pool, group)
            if best is None or score > best[0]:
                best = (score, group)
    return None if best is None else best[1]
