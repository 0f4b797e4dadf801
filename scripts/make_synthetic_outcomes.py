"""Synthetic event outcomes from hidden true weights plus noise, to check that learning works.

For each requirement the buyer meets the suppliers a profile shortlisted plus a few random
eligible ones (so the data also says something about suppliers the old profile ranked low).
How far each meeting goes is decided by a hidden utility, `true weights · features + noise`:
the best met supplier signs a purchase order, the next an MoU, the next two show interest
or ask for samples, the rest only met (a few did not show up).

    python scripts/make_synthetic_outcomes.py --out outcomes.csv --truth truth.json
    python scripts/make_synthetic_outcomes.py --variants 4 --out outcomes.csv  # more requirements

`synthetic_cases` builds the same kind of data without the engine, for tests.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from matcher.evaluate import ReplayCase
from matcher.profile import FEATURE_NAMES, WeightsProfile
from matcher.types import SupplierRecord

# The hidden truth: all different, so their order is well defined.
TRUE_WEIGHTS: dict[str, float] = {
    "capability": 0.30,
    "capacity": 0.20,
    "distance": 0.15,
    "certification": 0.12,
    "material": 0.09,
    "track_record": 0.07,
    "kbli": 0.045,
    "text": 0.025,
}
# A profile that believes the product text most and capability least.
WRONG_WEIGHTS: dict[str, float] = {
    "text": 0.40,
    "kbli": 0.20,
    "track_record": 0.15,
    "material": 0.10,
    "certification": 0.05,
    "distance": 0.05,
    "capacity": 0.03,
    "capability": 0.02,
}
TIERS = ("purchase_order", "mou", "interested", "sample_requested")
GRADE_OF_TIER = (3, 2, 1, 1)
EVENT_DAY = date(2026, 9, 16)


def true_profile() -> WeightsProfile:
    return WeightsProfile("truth", 1, dict(TRUE_WEIGHTS), "hidden synthetic truth").validate()


def wrong_profile() -> WeightsProfile:
    return WeightsProfile("wrong", 1, dict(WRONG_WEIGHTS), "deliberately wrong").validate()


def meeting_outcomes(
    values: NDArray[np.float64],
    weights: NDArray[np.float64],
    met_rows: NDArray[np.intp],
    rng: np.random.Generator,
    noise: float,
) -> dict[int, str]:
    """Outcome per met row: utility order decides PO, MoU, interest; others met or no-show."""
    utility = values[met_rows] @ weights + noise * rng.standard_normal(met_rows.size)
    outcomes: dict[int, str] = {}
    for position, index in enumerate(np.argsort(-utility, kind="stable")):
        row = int(met_rows[index])
        if position < len(TIERS):
            outcomes[row] = TIERS[position]
        else:
            outcomes[row] = "no_show" if rng.random() < 0.15 else "met"
    return outcomes


def synthetic_cases(
    n_requirements: int = 60,
    n_suppliers: int = 40,
    n_met: int = 12,
    noise: float = 0.03,
    seed: int = 0,
    true_weights: Mapping[str, float] = TRUE_WEIGHTS,
) -> list[ReplayCase]:
    """Requirements with random feature values in [0, 1]; no engine needed."""
    rng = np.random.default_rng(seed)
    weights = np.array([true_weights.get(name, 0.0) for name in FEATURE_NAMES])
    weights = weights / weights.sum()
    cases: list[ReplayCase] = []
    for number in range(n_requirements):
        values = rng.beta(1.2, 1.2, size=(n_suppliers, len(FEATURE_NAMES)))
        met = rng.choice(n_suppliers, size=n_met, replace=False)
        outcomes = meeting_outcomes(values, weights, met, rng, noise)
        ids = [f"S{number:03d}-{row:03d}" for row in range(n_suppliers)]
        grades = {ids[row]: _grade(outcome) for row, outcome in outcomes.items()}
        cases.append(
            ReplayCase.build(
                f"REQ-SYN-{number:03d}",
                ids,
                FEATURE_NAMES,
                values,
                np.ones(len(FEATURE_NAMES), dtype=bool),
                np.ones(n_suppliers, dtype=bool),
                grades,
            )
        )
    return cases


def _grade(outcome: str) -> int:
    return GRADE_OF_TIER[TIERS.index(outcome)] if outcome in TIERS else 0


def variants(requirements: Sequence[dict[str, object]], copies: int) -> list[dict[str, object]]:
    """More requirements from the demo ones: the same need delivered to a nearby plant."""
    out = list(requirements)
    rng = np.random.default_rng(1234)
    for copy in range(1, copies + 1):
        for data in requirements:
            twin = json.loads(json.dumps(data))
            twin["requirement_id"] = f"{data['requirement_id']}-V{copy}"
            delivery = twin.get("delivery")
            if isinstance(delivery, dict) and "lat" in delivery:
                delivery["lat"] = round(float(delivery["lat"]) + rng.normal(0, 0.4), 3)
                delivery["lon"] = round(float(delivery["lon"]) + rng.normal(0, 0.6), 3)
                delivery.pop("regency", None)
            out.append(twin)
    return out


def engine_outcomes(
    records: Sequence[SupplierRecord],
    documents: Sequence[dict[str, object]],
    *,
    shown: int = 8,
    wildcards: int = 4,
    noise: float = 0.03,
    seed: int = 7,
) -> list[list[str]]:
    """Outcome rows (requirement_id, supplier_id, outcome, value_idr, date) using the real
    engine's features; the buyers met the default profile's shortlist plus wildcards."""
    from matcher.features import feature_matrix
    from matcher.index import SupplierIndex
    from models.requirement import parse_requirement

    index = SupplierIndex.build(records)
    shown_by = WeightsProfile.load_default()
    truth = np.array([TRUE_WEIGHTS[name] for name in FEATURE_NAMES])
    rng = np.random.default_rng(seed)
    rows_out: list[list[str]] = []
    for document in documents:
        requirement = parse_requirement(document, today=date(2000, 1, 1))
        matrix = feature_matrix(index, requirement)
        case = ReplayCase.build(
            requirement.requirement_id,
            [r.supplier_id for r in records],
            matrix.names,
            matrix.values,
            matrix.applicable,
            matrix.eligible,
            {},
        )
        shortlist = case.ranked_rows(shown_by)[:shown]
        others = np.setdiff1d(np.flatnonzero(case.eligible), shortlist)
        extra = rng.choice(others, size=min(wildcards, others.size), replace=False)
        met = np.concatenate([shortlist, extra]).astype(np.intp)
        weights = truth * matrix.applicable
        outcomes = meeting_outcomes(matrix.values, weights / weights.sum(), met, rng, noise)
        for row, outcome in sorted(outcomes.items()):
            value = str(int(rng.integers(20, 400)) * 1_000_000) if outcome == TIERS[0] else ""
            when = EVENT_DAY + timedelta(days=int(rng.integers(20, 60))) if value else EVENT_DAY
            rows_out.append(
                [requirement.requirement_id, records[row].supplier_id, outcome, value, str(when)]
            )
    return rows_out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    data = Path(__file__).resolve().parents[1] / "mitra" / "data"
    parser.add_argument("--suppliers", type=Path, default=data / "demo_suppliers.csv")
    parser.add_argument("--requirements", type=Path, default=data / "demo_requirements.json")
    parser.add_argument("--out", type=Path, required=True, help="outcomes CSV to write")
    parser.add_argument("--truth", type=Path, help="also write the hidden true profile here")
    parser.add_argument("--requirements-out", type=Path, help="write the requirements used")
    parser.add_argument("--variants", type=int, default=0, help="extra copies per requirement")
    parser.add_argument("--shown", type=int, default=8, help="suppliers shortlisted and met")
    parser.add_argument("--wildcards", type=int, default=4, help="random extra meetings")
    parser.add_argument("--noise", type=float, default=0.03)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from service.sheets import read_supplier_sheet

    documents = variants(json.loads(args.requirements.read_text("utf-8")), args.variants)
    rows_out = engine_outcomes(
        read_supplier_sheet(args.suppliers),
        documents,
        shown=args.shown,
        wildcards=args.wildcards,
        noise=args.noise,
        seed=args.seed,
    )
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["requirement_id", "supplier_id", "outcome", "value_idr", "date"])
        writer.writerows(rows_out)
    if args.truth:
        args.truth.write_text(json.dumps(true_profile().to_json(), indent=2), encoding="utf-8")
    if args.requirements_out:
        args.requirements_out.write_text(
            json.dumps(documents, indent=2, ensure_ascii=False), encoding="utf-8"
        )
    print(f"{len(rows_out)} outcomes for {len(documents)} requirements written to {args.out}")


if __name__ == "__main__":
    main()
