"""A chosen group in the contract's `consortia` form: who does what, how much, and why."""

from __future__ import annotations

from typing import Any

import numpy as np

from matcher.consortium_model import WorkSplit
from matcher.consortium_pool import CandidatePool, largest_shared_group, shared_groups
from matcher.index import SupplierIndex
from matcher.types import Requirement


def _quantity(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"


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
    """`lead`, `name`, `cluster`, `max_distance_km`, `members` and `why` of one proposal."""
    ordered = _order(pool, split, members)
    ids = {i: index.records[int(pool.rows[i])].supplier_id for i in ordered}
    lead = index.records[int(pool.rows[ordered[0]])]
    common = [pool.group_names[key] for key in shared_groups(pool, ordered)]
    group_key, in_group = largest_shared_group(pool, ordered)
    group = pool.group_names[group_key] if group_key is not None else None
    farthest = _farthest_pair(pool, ordered)
    spread = None if farthest is None else float(pool.spread_km[farthest])
    return {
        "lead": lead.supplier_id,
        "name": f"Konsorsium {common[0] if common else lead.name}",
        "cluster": group,
        "max_distance_km": None if spread is None else round(spread, 1),
        "members": [_member(index, pool, split, i) for i in ordered],
        "why": _why(requirement, pool, split, ordered, ids, common, (group, in_group), farthest),
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
) -> list[str]:
    doers = [
        f"{name} ({', '.join(ids[i] for i in ordered if p in split.processes[i])})"
        for p, name in enumerate(pool.process_names)
    ]
    why = ["together cover every required process: " + "; ".join(doers)]
    if pool.volume is not None:
        unit = pool.volume_unit
        asked = _quantity(pool.volume)
        totals = [
            sum(split.volume[i] for i in ordered if p in split.processes[i]) / pool.volume_scale
            for p in range(len(pool.process_names))
        ]
        if all(abs(total - pool.volume) < 1e-9 for total in totals):
            why.append(f"every process gets the {asked} {unit} a month asked, within capacities")
        else:
            why.append(
                f"every process gets at least the {asked} {unit} a month asked, within capacities"
            )
    group, in_group = largest
    if common:
        everyone = "both members" if len(ordered) == 2 else f"all {len(ordered)} members"
        why.append(f"{everyone} in {' and '.join(common)}")
    elif group is not None:
        why.append(f"{in_group} of {len(ordered)} members in {group}")
    if farthest is None:
        why.append("some members' locations are unknown, so how far apart they are is unknown")
    else:
        a, b = farthest
        why.append(
            f"{ids[a]} and {ids[b]} are {pool.spread_km[a, b]:.0f} km apart"
            + (" (the farthest pair)" if len(ordered) > 2 else "")
        )
    why.extend(_gates(requirement, pool))
    if not pool.single_supplier_suffices:
        enough = " with enough capacity" if pool.volume is not None else ""
        why.append(f"no single eligible supplier covers every process{enough}")
    return why


def _gates(requirement: Requirement, pool: CandidatePool) -> list[str]:
    sentences = []
    certificates = [str(c) for c in pool.query.required_certs]
    if certificates:
        sentences.append(
            f"every member holds {', '.join(certificates)} valid on "
            f"{requirement.needed_by.isoformat()}"
        )
    delivery = pool.query.delivery
    if delivery is not None and delivery.max_distance_km is not None:
        sentences.append(
            f"every member is within {delivery.max_distance_km:g} km of {delivery.name}"
        )
    return sentences
