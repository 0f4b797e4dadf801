"""Who actually makes the part: ranking tiers from process evidence, before any score.

A buyer asking for a machined part wants makers of it first. Certificates, capacity and
distance order suppliers *within* a tier, never across tiers:

0. offers a required process, and for the main (first) one either the process itself
   (exact, a kind of it, under a wider name such as "bubut" for CNC turning), a close
   variant (TIG for MIG welding), or nothing at all (see below);
1. names the main process only by its general trade (the top of its family: "machining"
   for CNC turning, "las umum" for MIG welding) or by a distant relative;
2. trader only: general trade is its only line of business, so its process words say
   what it sells, not what it makes;
3. offers none of the required processes.

A main process that matches nothing stays in tier 0: the vocabulary may not know the
supplier's words for it ("panel saw" for panel cutting), so absence is weaker evidence than
a supplier naming only the general trade, and it already costs the main process's double
weight in the capability score.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from matcher.concepts import CLOSENESS, TermMatch, row_max
from matcher.features import FeatureMatrix
from matcher.query import PreparedQuery
from matcher.reasons import Reason
from matcher.shortlist import ShortlistEntry
from matcher.taxonomy import MatchLevel, Taxonomy

MAKES_MAIN, PARTIAL, TRADE_ONLY, OFFERS_NONE = 0, 1, 2, 3
OWN_PROCESS_FROM = CLOSENESS[MatchLevel.SIBLING]  # a close variant still shows the shop does it


def general_trades(taxonomy: Taxonomy, match: TermMatch) -> list[int]:
    """Columns of the general trades of a requirement term: the top concept of each requested
    concept's family, when the requested one lies below it."""
    tops = {
        taxonomy.ancestors[concept][-1]
        for concept in match.concepts
        if taxonomy.ancestors.get(concept)
    }
    return [taxonomy.position[top] for top in tops]


def makes_main_process(query: PreparedQuery) -> NDArray[np.bool_]:
    """Per process pattern (`index.processes.patterns`): its own processes include the main
    required process or a close variant, not only the general trade it belongs to."""
    incidence = query.index.processes
    main = query.process_matches[0]
    own = main.scores.copy()
    own[general_trades(incidence.taxonomy, main)] = 0.0
    makes: NDArray[np.bool_] = row_max(incidence.patterns, own[:, None])[:, 0] >= OWN_PROCESS_FROM
    return makes


def ranking_tiers(matrix: FeatureMatrix) -> NDArray[np.int8]:
    """Per supplier of the matrix (`matrix.rows`), its tier (0 first); see the module
    docstring."""
    query = matrix.query
    if not query.process_matches:
        return np.full(len(matrix), OFFERS_NONE, dtype=np.int8)
    # Worked out per distinct combination of processes, then spread to suppliers in one
    # gather. A pattern offers a process when any term's level is above zero, exactly when
    # its capability is (traders' half credit stays above zero).
    levels = query.process_pattern_levels
    per_pattern = np.where(levels[:, 0] > 0.0, PARTIAL, MAKES_MAIN).astype(np.int8)
    per_pattern[makes_main_process(query)] = MAKES_MAIN
    per_pattern[~(levels > 0.0).any(axis=1)] = OFFERS_NONE
    tiers: NDArray[np.int8] = per_pattern[query.index.processes.row_pattern[matrix.selection]]
    traders, held = matrix.positions(query.trade_only_rows)
    traders = traders[held]
    if traders.size:
        offering = tiers[traders] != OFFERS_NONE
        tiers[traders[offering]] = TRADE_ONLY
    return tiers


def tier_note(query: PreparedQuery, tier: int, row: int) -> Reason | None:
    """Why a supplier is listed after the makers of the main process (None for the others)."""
    if tier in (MAKES_MAIN, OFFERS_NONE) or not query.process_matches:
        return None
    if tier == TRADE_ONLY:
        code = "trade_only_main"
    else:
        level = query.process_pattern_levels[query.index.processes.row_pattern[row], 0]
        general = level >= CLOSENESS[MatchLevel.BROADER]
        code = "general_trade_main" if general else "distant_relative_main"
    return Reason(code, {"term": query.process_matches[0].term})


def with_tier_note(
    entry: ShortlistEntry, query: PreparedQuery, tier: int, row: int
) -> ShortlistEntry:
    """`entry` with its tier note first among its notes, as text and as code."""
    note = tier_note(query, tier, row)
    if note is None:
        return entry
    codes = entry.explanation_codes
    return replace(
        entry,
        notes=[note.english(), *entry.notes],
        explanation_codes=None if codes is None else replace(codes, notes=[note, *codes.notes]),
    )
