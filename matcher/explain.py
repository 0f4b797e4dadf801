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
from matcher.features import ROLE_CREDIT, FeatureMatrix, material_credit, process_credit
from matcher.gate_reasons import gate_reasons
from matcher.index import LOCATION_CENTROID
from matcher.query import ROLE_MAKER, ROLE_NAMES, ROLE_TRADE, PreparedQuery
from matcher.reasons import ExplanationCodes, Param, Reason
from matcher.shortlist import ShortlistEntry
from matcher.taxonomy import MatchLevel
from matcher.units import unit_info

DECIMALS = 4

# The reason code of a loose match, per kind and level (wording in matcher/reasons.py).
LOOSE_MATCH_CODES = {
    kind: {
        MatchLevel.BROADER: f"{kind}_broader",
        MatchLevel.SIBLING: f"{kind}_sibling",
        MatchLevel.FAMILY: f"{kind}_family",
    }
    for kind in ("process", "material")
}


def _share(credit: float) -> int:
    """A credit as the whole percent the explanation shows: 0.3 → 30."""
    return round(credit * 100)


def _term_explanations(
    incidence: ConceptIncidence,
    matches: list[TermMatch],
    entries: Sequence[str],
    missing: Callable[[str], Reason],
    row: int,
) -> tuple[dict[str, str], list[Reason]]:
    """Requirement term → the supplier's own words that served it best; gaps for the rest.

    Uses the same match levels and credits as the score, so a term reported missing scored
    zero and a loose match says how much it counted. Words with several senses are read in
    the sense the index gave them for this supplier (`row`), as the score did.
    """
    kind = incidence.taxonomy.kind
    credit = process_credit if kind == "process" else material_credit
    matched: dict[str, str] = {}
    gaps: list[Reason] = []
    for position, match in enumerate(matches):
        entry, level = incidence.best_entry(entries, match, row)
        if entry is None or level is MatchLevel.NONE:
            main = kind == "process" and position == 0 and len(matches) > 1
            gap = missing(match.term)
            gaps.append(Reason("process_missing_main", gap.params) if main else gap)
            continue
        matched[match.term] = entry
        code = LOOSE_MATCH_CODES[kind].get(level)
        if code is not None:
            share = _share(float(credit(np.array(CLOSENESS[level]))))
            gaps.append(Reason(code, {"term": match.term, "entry": entry, "share": share}))
    return matched, gaps


def _material_explanations(
    query: PreparedQuery, row: int, unstated: bool
) -> tuple[dict[str, str], list[Reason]]:
    record = query.index.records[row]
    if not query.material_matches:
        return {}, []
    if unstated:
        return {}, [Reason("material_unstated")]
    listed = list(record.materials)
    return _term_explanations(
        query.index.materials,
        query.material_matches,
        record.materials,
        lambda term: Reason("material_missing", {"term": term, "listed": listed}),
        row,
    )


def _role_gap(query: PreparedQuery, row: int) -> list[Reason]:
    """Why a trader's or repair shop's process claims count half, in its own words."""
    role = int(query.supplier_role[row])
    if role == ROLE_MAKER:
        return []
    record = query.index.records[row]
    roles = taxonomy_traits("process").roles
    entries = [
        entry
        for entry in record.processes
        if any(
            roles.get(c) == ROLE_NAMES[role] for c in query.index.processes.entry_concepts[entry]
        )
    ]
    claims = {"entries": entries, "kbli": list(record.kbli)}
    code = "role_trade" if role == ROLE_TRADE else "role_repair"
    return [Reason(code, {"claims": claims, "share": _share(ROLE_CREDIT)})]


def _certificate_explanations(
    query: PreparedQuery, row: int
) -> tuple[dict[str, str], list[Reason], list[Reason]]:
    record = query.index.records[row]
    matched: dict[str, str] = {}
    gaps: list[Reason] = []
    notes: list[Reason] = []
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
                gaps.append(Reason("preferred_cert_missing", {"cert": str(wanted)}))
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
            taken: dict[str, Param] = {"cert": wanted.base, "date": query.needed_by.isoformat()}
            notes.append(Reason("cert_undated", taken))
    return matched, gaps, notes


def _capacity_note(
    query: PreparedQuery, row: int, incomparable: bool
) -> tuple[Reason | None, list[Reason]]:
    requirement = query.requirement
    if query.volume_base is None or requirement.monthly_volume is None:
        return None, []
    record = query.index.records[row]
    asked: dict[str, Param] = {
        "volume": requirement.monthly_volume,
        "volume_unit": requirement.volume_unit or "pcs",
    }
    if incomparable:
        why = (
            Reason(
                "capacity_unit_incomparable",
                {"unit": record.capacity_unit, "volume_unit": requirement.volume_unit},
            )
            if unit_info(record.capacity_unit) is not None
            else Reason("capacity_unit_unknown", {"unit": record.capacity_unit})
        )
        return Reason("capacity_unknown", asked), [why]
    share = float(query.index.capacity[row]) / query.volume_base if query.volume_base > 0 else 1.0
    held: dict[str, Param] = {
        "capacity": record.monthly_capacity,
        "capacity_unit": record.capacity_unit,
    }
    if share >= 1.0:
        return Reason("capacity_covers", asked | held), []
    # The supplier's own capacity rides along: a page may say "2,000 of 5,000".
    note = Reason("capacity_partial", {"share": math.floor(share * 100)} | asked | held)
    return note, [note]


def _reasons(
    query: PreparedQuery, matrix: FeatureMatrix, row: int, at: int
) -> tuple[dict[str, str], list[Reason], list[Reason], Reason | None]:
    """What matched, the gaps, the notes and the capacity note of supplier `row`, which is
    row `at` of the matrix."""
    unknown = dict(zip(matrix.names, matrix.unknown[at].tolist(), strict=True))
    record = query.index.records[row]
    matched, gaps = _term_explanations(
        query.index.processes,
        query.process_matches,
        record.processes,
        lambda term: Reason("process_missing", {"term": term}),
        row,
    )
    material_matched, material_gaps = _material_explanations(query, row, unknown["material"])
    gaps += _role_gap(query, row)
    cert_matched, cert_gaps, notes = _certificate_explanations(query, row)
    matched |= material_matched | cert_matched
    gaps += material_gaps + cert_gaps
    if matrix.applicable[matrix.names.index("kbli")] and matrix.column("kbli")[at] == 0:
        gaps.append(Reason("kbli_unrelated", {"kbli": list(query.requirement.kbli)}))
    capacity_note, capacity_gaps = _capacity_note(query, row, unknown["capacity"])
    gaps += capacity_gaps
    if query.delivery is not None and math.isnan(float(query.distance_km[row])):
        gaps.append(Reason("location_unknown_neutral"))
    if matrix.column("capability")[at] <= 0.0:
        notes.append(Reason("no_required_process"))
    if query.index.location_source[row] == LOCATION_CENTROID:
        notes.append(Reason("location_centre_point", {"regency": query.index.regency_names[row]}))
    return matched, gaps, notes, capacity_note


def explain_row(
    matrix: FeatureMatrix, row: int, rank: int, weights: NDArray[np.float64]
) -> ShortlistEntry:
    """The shortlist entry for supplier `row` (an index row the matrix holds) at `rank`."""
    query = matrix.query
    record = query.index.records[row]
    at = matrix.position(row)
    contributions = {
        name: round(float(matrix.values[at, j] * weights[j]), DECIMALS)
        for j, name in enumerate(matrix.names)
        if matrix.applicable[j] and weights[j] > 0
    }
    matched, gaps, notes, capacity_note = _reasons(query, matrix, row, at)
    eligible = bool(matrix.eligible[at])
    excluded = [] if eligible else gate_reasons(query, row)
    distance = float(query.distance_km[row])
    return ShortlistEntry(
        rank=rank,
        supplier_id=record.supplier_id,
        name=record.name,
        score=round(sum(contributions.values()), DECIMALS),
        eligible=eligible,
        contributions=contributions,
        matched=matched,
        gaps=[reason.english() for reason in gaps],
        excluded_because=[reason.english() for reason in excluded],
        regency=query.index.regency_names[row],
        distance_km=None if math.isnan(distance) else round(distance, 1),
        capacity_note=None if capacity_note is None else capacity_note.english(),
        notes=[reason.english() for reason in notes],
        explanation_codes=ExplanationCodes(gaps, notes, excluded, capacity_note),
    )
