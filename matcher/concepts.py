"""Supplier × concept incidence (processes or materials) and scoring requirement terms on it.

Free text is mapped once per unique entry. Entries that name no known concept become
columns of their own, so a buyer typing the same unusual word still finds the supplier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from matcher.taxonomy import MatchLevel, Taxonomy
from matcher.text import normalise

UNMAPPED_CUTOFF = 90.0


def row_max(matrix: sp.csr_matrix, table: NDArray[np.float64]) -> NDArray[np.float64]:
    """Per row of a 0/1 CSR matrix, the maximum of `table[column]` over its stored columns.

    `table` is (n_columns, k); the result is (n_rows, k), 0 for rows with no entries. Each
    stored entry looks up its value and one `maximum.reduceat` takes the row maxima.
    """
    k = table.shape[1]
    # A trailing zero row keeps reduceat in bounds for empty rows at the end.
    per_entry = np.vstack([table[matrix.indices], np.zeros((1, k))])
    starts = matrix.indptr[:-1]
    best = np.maximum.reduceat(per_entry, starts, axis=0)
    best[starts == matrix.indptr[1:]] = 0.0
    result: NDArray[np.float64] = best
    return result


@dataclass(frozen=True)
class TermMatch:
    """What one requirement term resolved to."""

    term: str
    concepts: tuple[str, ...]  # taxonomy concepts, or ("text:<words>",) for an unmapped match
    scores: NDArray[np.float64]  # level score per incidence column


@dataclass
class ConceptIncidence:
    """Which supplier offers which concept, stored once per distinct set of concepts.

    Many suppliers write the same combination ("bubut; frais"), so the matrix holds one row
    per distinct combination (`patterns`) and `row_pattern` says which one each supplier has.
    Queries score the patterns, then gather per supplier.
    """

    taxonomy: Taxonomy
    columns: list[str]  # taxonomy ids, then "text:<normalised entry>" for unmapped entries
    patterns: sp.csr_matrix  # n_patterns × n_columns, 1.0 where the combination has the concept
    row_pattern: NDArray[np.int32]  # per supplier, its row in `patterns`
    entry_concepts: dict[str, tuple[str, ...]]  # supplier's own entry → columns it stands for

    @property
    def matrix(self) -> sp.csr_matrix:
        """n_suppliers × n_columns incidence (built on demand; queries use `patterns`)."""
        return sp.csr_matrix(self.patterns[self.row_pattern])

    @classmethod
    def build(
        cls, taxonomy: Taxonomy, entries_per_supplier: Sequence[Sequence[str]]
    ) -> ConceptIncidence:
        unique_entries = {entry for entries in entries_per_supplier for entry in entries}
        mapped = taxonomy.map_terms(unique_entries)
        columns = list(taxonomy.ids)
        position = dict(taxonomy.position)
        entry_concepts: dict[str, tuple[str, ...]] = {}
        for entry in sorted(unique_entries):
            concepts = mapped[entry]
            if not concepts:
                key = normalise(entry)
                if not key:
                    entry_concepts[entry] = ()
                    continue
                concepts = (f"text:{key}",)
                if concepts[0] not in position:
                    position[concepts[0]] = len(columns)
                    columns.append(concepts[0])
            entry_concepts[entry] = concepts
        entry_columns = {e: [position[c] for c in cs] for e, cs in entry_concepts.items()}
        pattern_of: dict[tuple[int, ...], int] = {}
        row_pattern = np.empty(len(entries_per_supplier), dtype=np.int32)
        for row, entries in enumerate(entries_per_supplier):
            combination = tuple(sorted({c for entry in entries for c in entry_columns[entry]}))
            row_pattern[row] = pattern_of.setdefault(combination, len(pattern_of))
        indptr = np.zeros(len(pattern_of) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(combination) for combination in pattern_of])
        indices = np.fromiter((c for comb in pattern_of for c in comb), dtype=np.int32)
        patterns = sp.csr_matrix(
            (np.ones(len(indices), dtype=np.float32), indices, indptr),
            shape=(len(pattern_of), len(columns)),
        )
        return cls(taxonomy, columns, patterns, row_pattern, entry_concepts)

    def resolve(self, term: str) -> TermMatch:
        """Map a requirement term to level scores over this incidence's columns."""
        concepts = self.taxonomy.map_terms([term])[term]
        scores = np.zeros(len(self.columns), dtype=np.float64)
        if concepts:
            scores[: len(self.taxonomy.ids)] = self.taxonomy.level_scores(concepts)
            return TermMatch(term, concepts, scores)
        unmapped = self.columns[len(self.taxonomy.ids) :]
        key = f"text:{normalise(term)}"
        if key not in unmapped and unmapped:
            best = process.extractOne(
                key, unmapped, scorer=fuzz.ratio, score_cutoff=UNMAPPED_CUTOFF
            )
            key = best[0] if best is not None else key
        if key in unmapped:
            scores[len(self.taxonomy.ids) + unmapped.index(key)] = MatchLevel.EXACT.score
            return TermMatch(term, (key,), scores)
        return TermMatch(term, (), scores)

    def pattern_levels(self, matches: Sequence[TermMatch]) -> NDArray[np.float64]:
        """(n_patterns, n_terms): the best level each concept combination reaches per term."""
        if not matches:
            return np.zeros((self.patterns.shape[0], 0))
        table = np.stack([m.scores for m in matches], axis=1)  # n_columns × n_terms
        return row_max(self.patterns, table)

    def best_levels(self, matches: Sequence[TermMatch]) -> NDArray[np.float64]:
        """(n_suppliers, n_terms): the best level score each supplier reaches for each term."""
        levels: NDArray[np.float64] = self.pattern_levels(matches)[self.row_pattern]
        return levels

    def best_entry(self, entries: Sequence[str], match: TermMatch) -> tuple[str | None, MatchLevel]:
        """The supplier's own words that best serve a requirement term, with the match level."""
        best_entry: str | None = None
        best_level = MatchLevel.NONE
        for entry in entries:
            for concept in self.entry_concepts.get(entry, ()):
                level = self._level(match, concept)
                if level.score > best_level.score:
                    best_entry, best_level = entry, level
        return best_entry, best_level

    def _level(self, match: TermMatch, offered: str) -> MatchLevel:
        if offered.startswith("text:"):
            return MatchLevel.EXACT if offered in match.concepts else MatchLevel.NONE
        levels = [self.taxonomy.match_level(wanted, offered) for wanted in match.concepts]
        return max(levels, key=lambda level: level.score, default=MatchLevel.NONE)
