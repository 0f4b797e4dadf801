"""Explanations for one shortlisted supplier: contributions, matched words, gaps, notes.

Explanations read the same arrays the score was computed from (match levels, distances,
certificate validity), so what they say always agrees with the numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from matcher.certs import parse_certification
from matcher.concepts import CLOSENESS, ConceptIncidence, TermMatch, taxonomy_traits
from matcher.constraints import exclusion_reasons
from matcher.features import ROLE_CREDIT, FeatureMatrix, material_credit, process_credit
from matcher.index import LOCATION_CENTROID
from matcher.query import ROLE_MAKER, ROLE_NAMES, ROLE_TRADE, PreparedQuery
from matcher.shortlist import ShortlistEntry
from matcher.taxonomy import MatchLevel
from matcher.units import unit_info

DECIMALS = 4


def _number(value: float) -> str:
    """20000 → "20,000"; 2.5 → "2.5"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


# How a loose match reads, per kind and level: "{term}", "{entry}" and "{share}" are filled in.
LOOSE_MATCH_WORDING = {
    "process": {
        MatchLevel.BROADER: "'{term}': only the general trade '{entry}' is listed (counts {share})",
        MatchLevel.SIBLING: "'{term}': only a related variant, '{entry}' (counts {share})",
        MatchLevel.FAMILY: "'{term}': only a distant relative, '{entry}' (counts {share})",
    },
    "material": {
        MatchLevel.BROADER: "'{term}': listed only as '{entry}' (counts {share})",
        MatchLevel.SIBLING: "'{term}' not listed; the nearest is '{entry}' (counts {share})",
        MatchLevel.FAMILY: "'{term}' not listed; only the more distant '{entry}' (counts {share})",
    },
}


def _share(credit: float) -> str:
    return f"{round(credit * 100)}%"


def _term_explanations(
    incidence: ConceptIncidence,
    matches: list[TermMatch],
    entries: Sequence[str],
    missing: Callable[[str], str],
) -> tuple[dict[str, str], list[str]]:
    """Requirement term → the supplier's own words that served it best; gaps for the rest.

    Uses the same match levels and credits as the score, so a term reported missing scored
    zero and a loose match says how much it counted.
    """
    kind = incidence.taxonomy.kind
    credit = process_credit if kind == "process" else material_credit
    matched: dict[str, str] = {}
    gaps: list[str] = []
    for position, match in enumerate(matches):
        entry, level = incidence.best_entry(entries, match)
        if entry is None or level is MatchLevel.NONE:
            main = kind == "process" and position == 0 and len(matches) > 1
            gaps.append(missing(match.term) + (" (the main process)" if main else ""))
            continue
        matched[match.term] = entry
        wording = LOOSE_MATCH_WORDING[kind].get(level)
        if wording is not None:
            share = _share(float(credit(np.array(CLOSENESS[level]))))
            gaps.append(wording.format(term=match.term, entry=entry, share=share))
    return matched, gaps


def _material_explanations(
    query: PreparedQuery, matrix: FeatureMatrix, row: int
) -> tuple[dict[str, str], list[str]]:
    record = query.index.records[row]
    if not query.material_matches:
        return {}, []
    if matrix.unknown[row, matrix.names.index("material")]:
        return {}, ["no material stated; material fit unknown"]
    listed = ", ".join(f"'{m}'" for m in record.materials)
    return _term_explanations(
        query.index.materials,
        query.material_matches,
        record.materials,
        lambda term: f"material '{term}' not listed (works with {listed})",
    )


def _role_gap(query: PreparedQuery, row: int) -> list[str]:
    """Why a trader's or repair shop's process claims count half, in its own words."""
    role = int(query.supplier_role[row])
    if role == ROLE_MAKER:
        return []
    record = query.index.records[row]
    roles = taxonomy_traits("process").roles
    words = [
        f"'{entry}'"
        for entry in record.processes
        if any(
            roles.get(c) == ROLE_NAMES[role] for c in query.index.processes.entry_concepts[entry]
        )
    ]
    words += [f"KBLI {code}" for code in record.kbli]
    what = (
        "a trader or distributor, not a maker" if role == ROLE_TRADE else "a repair or service shop"
    )
    return [f"{what} ({', '.join(words)}): its process matches count {_share(ROLE_CREDIT)}"]


def _certificate_explanations(
    query: PreparedQuery, row: int
) -> tuple[dict[str, str], list[str], list[str]]:
    record = query.index.records[row]
    matched: dict[str, str] = {}
    gaps: list[str] = []
    notes: list[str] = []
    asked = [
        (t, c, True)
        for t, c in zip(
            query.requirement.certifications_required, query.required_certs, strict=True
        )
    ]
    asked += [
        (t, c, False)
        for t, c in zip(
            query.requirement.certifications_preferred, query.preferred_certs, strict=True
        )
    ]
    for text, wanted, required in asked:
        if not query.holds_valid(wanted)[row]:
            if not required:
                gaps.append(f"preferred certification {wanted} missing")
            continue
        held = [
            c
            for c in record.certifications
            if (p := parse_certification(c.name)) is not None and p.base == wanted.base
        ]
        undated = [c for c in held if c.valid_until is None]
        dated = [c for c in held if c.valid_until is not None and c.valid_until >= query.needed_by]
        shown = dated[0] if dated else (undated[0] if undated else None)
        if shown is not None:
            matched[text] = shown.name
        if not dated and undated:
            notes.append(
                f"{wanted.base} has no expiry date; taken as valid on {query.needed_by.isoformat()}"
            )
    return matched, gaps, notes


def _capacity_note(
    query: PreparedQuery, matrix: FeatureMatrix, row: int
) -> tuple[str | None, list[str]]:
    requirement = query.requirement
    if query.volume_base is None or requirement.monthly_volume is None:
        return None, []
    record = query.index.records[row]
    asked = f"{_number(requirement.monthly_volume)} {requirement.volume_unit or 'pcs'}/month"
    if matrix.unknown[row, matrix.names.index("capacity")]:
        supplier_unit = unit_info(record.capacity_unit)
        why = (
            f"capacity counted in '{record.capacity_unit}', which cannot be compared with "
            f"'{requirement.volume_unit}'"
            if supplier_unit is not None
            else f"capacity unit '{record.capacity_unit}' is not known"
        )
        return f"capacity unknown for {asked}", [f"{why}; capacity fit unknown"]
    share = float(query.index.capacity[row]) / query.volume_base if query.volume_base > 0 else 1.0
    if share >= 1.0:
        return (
            f"covers {asked} (capacity {_number(record.monthly_capacity)} "
            f"{record.capacity_unit}/month)",
            [],
        )
    note = f"covers {math.floor(share * 100)}% of {asked}"
    return note, [note]


def explain_row(
    matrix: FeatureMatrix, row: int, rank: int, weights: NDArray[np.float64]
) -> ShortlistEntry:
    """The shortlist entry for supplier `row` at position `rank`."""
    query = matrix.query
    record = query.index.records[row]
    contributions = {
        name: round(float(matrix.values[row, j] * weights[j]), DECIMALS)
        for j, name in enumerate(matrix.names)
        if matrix.applicable[j] and weights[j] > 0
    }
    matched, gaps = _term_explanations(
        query.index.processes,
        query.process_matches,
        record.processes,
        lambda term: f"required process '{term}' not offered",
    )
    material_matched, material_gaps = _material_explanations(query, matrix, row)
    gaps += _role_gap(query, row)
    cert_matched, cert_gaps, notes = _certificate_explanations(query, row)
    matched |= material_matched | cert_matched
    gaps += material_gaps + cert_gaps
    if matrix.applicable[matrix.names.index("kbli")] and matrix.column("kbli")[row] == 0:
        gaps.append(f"no KBLI code related to {', '.join(query.requirement.kbli)}")
    capacity_note, capacity_gaps = _capacity_note(query, matrix, row)
    gaps += capacity_gaps
    distance = float(query.distance_km[row])
    if query.delivery is not None and math.isnan(distance):
        gaps.append("location unknown; distance scored as neutral")
    if matrix.column("capability")[row] <= 0.0:
        notes.append("offers none of the required processes; listed after every supplier that does")
    if query.index.location_source[row] == LOCATION_CENTROID:
        notes.append(f"location taken from the {query.index.regency_names[row]} centre point")
    return ShortlistEntry(
        rank=rank,
        supplier_id=record.supplier_id,
        name=record.name,
        score=round(sum(contributions.values()), DECIMALS),
        eligible=bool(matrix.eligible[row]),
        contributions=contributions,
        matched=matched,
        gaps=gaps,
        excluded_because=[] if matrix.eligible[row] else exclusion_reasons(query, row),
        regency=query.index.regency_names[row],
        distance_km=None if math.isnan(distance) else round(distance, 1),
        capacity_note=capacity_note,
        notes=notes,
    )
