"""A chosen group in the contract's `consortia` form: who does what, how much, and why."""

from __future__ import annotations

from typing import Any

import numpy as np

from matcher.consortium_model import WorkSplit
from matcher.consortium_pool import CandidatePool, largest_shared_group, shared_groups
from matcher.index import SupplierIndex
from matcher.reasons import Param, Reason
from matcher.types import Requirement


def _volume(pool: CandidatePool, units: int) -> int | float:
    value = units / pool.volume_scale
    return int(value) if value.is_integer() else round(value, 3)


def _order(pool: CandidatePool, split: WorkSplit, members: tuple[int, ...]) -> list[int]:
    """Lead first: the member taking most processes, then most volume, then the best score."""
    return sorted(
        members,
        key=lambda i: (-len(split.processes[i]), -split.volume.get(i, 0), -pool.score[i], i),
    )


def describe_group(
    index: SupplierIndex,
    requirement: Requirement,
    pool: CandidatePool,
    members: tuple[int, ...],
    split: WorkSplit,
) -> dict[str, Any]:
    """`lead`, `name`, `cluster`, `max_distance_km`, `members`, `why` and `why_codes` (the code
    and parameters of each `why` sentence, matcher/reasons.py) of one proposal."""
    ordered = _order(pool, split, members)
    ids = {i: index.records[int(pool.rows[i])].supplier_id for i in ordered}
    lead = index.records[int(pool.rows[ordered[0]])]
    common = [pool.group_names[key] for key in shared_groups(pool, ordered)]
    group_key, in_group = largest_shared_group(pool, ordered)
    group = pool.group_names[group_key] if group_key is not None else None
    farthest = _farthest_pair(pool, ordered)
    spread = None if farthest is None else float(pool.spread_km[farthest])
    why = _why(requirement, pool, split, ordered, ids, common, (group, in_group), farthest)
    return {
        "lead": lead.supplier_id,
        "name": f"Konsorsium {common[0] if common else lead.name}",
        "cluster": group,
        "max_distance_km": None if spread is None else round(spread, 1),
        "members": [_member(index, pool, split, i) for i in ordered],
        "why": [reason.english() for reason in why],
        "why_codes": [reason.to_json() for reason in why],
    }


def _member(index: SupplierIndex, pool: CandidatePool, split: WorkSplit, i: int) -> dict[str, Any]:
    record = index.records[int(pool.rows[i])]
    matches = pool.query.process_matches
    matched = {}
    for p in split.processes[i]:
        entry, _ = index.processes.best_entry(record.processes, matches[p])
        if entry is not None:
            matched[pool.process_names[p]] = entry
    return {
        "supplier_id": record.supplier_id,
        "name": record.name,
        "processes": [pool.process_names[p] for p in split.processes[i]],
        "monthly_volume": _volume(pool, split.volume[i]) if i in split.volume else None,
        "matched": matched,
        "score": round(float(pool.score[i]), 3),
        "regency": index.regency_names[int(pool.rows[i])] if index.regency_names else "",
        "cluster": record.cluster,
        "cooperative": record.cooperative,
    }


def _farthest_pair(pool: CandidatePool, members: list[int]) -> tuple[int, int] | None:
    """The two members farthest apart; None when some distance is unknown."""
    block = pool.spread_km[np.ix_(members, members)]
    if np.isnan(block).any():
        return None
    a, b = np.unravel_index(int(np.argmax(block)), block.shape)
    return members[int(min(a, b))], members[int(max(a, b))]


def _why(
    requirement: Requirement,
    pool: CandidatePool,
    split: WorkSplit,
    ordered: list[int],
    ids: dict[int, str],
    common: list[str],
    largest: tuple[str | None, int],
    farthest: tuple[int, int] | None,
) -> list[Reason]:
    doers: list[dict[str, Any]] = [
        {"process": name, "members": [ids[i] for i in ordered if p in split.processes[i]]}
        for p, name in enumerate(pool.process_names)
    ]
    why = [Reason("consortium_covers", {"doers": doers})]
    if pool.volume is not None:
        totals = [
            sum(split.volume[i] for i in ordered if p in split.processes[i]) / pool.volume_scale
            for p in range(len(pool.process_names))
        ]
        exact = all(abs(total - pool.volume) < 1e-9 for total in totals)
        volume: dict[str, Param] = {"volume": pool.volume, "volume_unit": pool.volume_unit}
        why.append(
            Reason("consortium_volume_exact" if exact else "consortium_volume_at_least", volume)
        )
    group, in_group = largest
    count = len(ordered)
    if common:
        if count == 2:
            why.append(Reason("consortium_both_in", {"groups": common}))
        else:
            why.append(Reason("consortium_all_in", {"count": count, "groups": common}))
    elif group is not None:
        why.append(
            Reason("consortium_some_in", {"in_group": in_group, "count": count, "group": group})
        )
    if farthest is None:
        why.append(Reason("consortium_spread_unknown"))
    else:
        a, b = farthest
        pair: dict[str, Param] = {
            "first": ids[a],
            "second": ids[b],
            "distance": float(pool.spread_km[a, b]),
        }
        why.append(
            Reason("consortium_farthest_pair" if count > 2 else "consortium_pair_apart", pair)
        )
    why.extend(_gates(requirement, pool))
    if not pool.single_supplier_suffices:
        code = (
            "consortium_no_single_capacity" if pool.volume is not None else "consortium_no_single"
        )
        why.append(Reason(code))
    return why


def _gates(requirement: Requirement, pool: CandidatePool) -> list[Reason]:
    reasons = []
    certificates = [str(c) for c in pool.query.required_certs]
    if certificates:
        reasons.append(
            Reason(
                "consortium_certs_valid",
                {"certs": certificates, "date": requirement.needed_by.isoformat()},
            )
        )
    delivery = pool.query.delivery
    if delivery is not None and delivery.max_distance_km is not None:
        reasons.append(
            Reason(
                "consortium_within",
                {"max_km": delivery.max_distance_km, "place": delivery.name},
            )
        )
    return reasons
