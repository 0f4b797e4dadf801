"""Assemble the bundled demo set: every area's suppliers plus the designed consortium."""

from __future__ import annotations

import random
from typing import Any

from demodata.consortium import consortium_members
from demodata.outcomes import coverage, passes_gates
from demodata.places import AREAS, TAKARU, TOWNS
from demodata.processes import PROCESS_SPELLINGS
from demodata.requirements import CONSORTIUM_REQUIREMENT_ID, REQUIREMENTS
from demodata.suppliers import DemoSupplier, area_trades, make_supplier
from demodata.trades import TRADES

# every ordinary requirement gets at least this many eligible suppliers that do all it asks
FULL_MATCHES_WANTED = 2


def unique_name(rng: random.Random, supplier: DemoSupplier, taken: set[str]) -> str:
    """Tell apart two workshops with the same name the way locals do: by town."""
    name = supplier.name
    towns = list(TOWNS[supplier.regency])
    rng.shuffle(towns)
    for town in towns:
        if name not in taken:
            break
        name = f"{supplier.name} {town}"
    suffix = 2
    while name in taken:
        name = f"{supplier.name} {suffix}"
        suffix += 1
    return name


def demo_suppliers(seed: int) -> list[DemoSupplier]:
    """All demo suppliers, ids S0001… in area order; names are unique."""
    rng = random.Random(seed)
    members = consortium_members()
    taken = {m.name for m in members}
    suppliers: list[DemoSupplier] = []
    for area in AREAS:
        names, weights = area_trades(area)
        group: list[DemoSupplier] = []
        generated = area.count - (len(members) if area.cluster == TAKARU else 0)
        for _ in range(generated):
            trade = rng.choices(names, weights=weights)[0]
            supplier = make_supplier(rng, "", area, trade)
            supplier.name = unique_name(rng, supplier, taken)
            taken.add(supplier.name)
            group.append(supplier)
        if area.cluster == TAKARU:
            # scattered through the cluster, not the first three rows of the sheet
            for member in members:
                group.insert(rng.randint(0, len(group)), member)
        suppliers.extend(group)
    for number, supplier in enumerate(suppliers, start=1):
        supplier.supplier_id = f"S{number:04d}"
    for requirement in REQUIREMENTS:
        if requirement["requirement_id"] != CONSORTIUM_REQUIREMENT_ID:
            ensure_full_matches(rng, suppliers, requirement)
    return suppliers


def trade_allows(supplier: DemoSupplier, processes: list[str]) -> bool:
    trade = TRADES[supplier.trade]
    return all(p in trade.core + trade.common + trade.extra for p in processes)


def ensure_full_matches(
    rng: random.Random, suppliers: list[DemoSupplier], requirement: dict[str, Any]
) -> None:
    """Let the closest partial matches also do the missing steps, as integrated shops do.

    Without this a buyer asking for three processes at once may, by the luck of the seed,
    find nobody doing all three, and the demo would show only half-fitting shortlists.
    """
    wanted = requirement["processes"]
    eligible = [s for s in suppliers if passes_gates(s, requirement)]
    full = [s for s in eligible if coverage(s, wanted) >= 1.0]
    partial = sorted(
        (s for s in eligible if 0.5 <= coverage(s, wanted) < 1.0 and trade_allows(s, wanted)),
        key=lambda s: (-coverage(s, wanted), s.supplier_id),
    )
    for supplier in partial[: max(0, FULL_MATCHES_WANTED - len(full))]:
        does = {canonical for canonical, _ in supplier.processes}
        for process in wanted:
            if process not in does:
                supplier.processes.append((process, rng.choice(PROCESS_SPELLINGS[process])))
