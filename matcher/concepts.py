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

from matcher.taxonomy import LEVEL_SCORES, MatchLevel, Taxonomy
from matcher.text import normalise

UNMAPPED_CUTOFF = 90.0


@dataclass(frozen=True)
class TermMatch:
    """What one requirement term resolved to."""

    term: str
    concepts: tuple[str, ...]  # taxonomy concepts, or ("text:<words>",) for an unmapped match
    scores: NDArray[np.float64]  # level score per incidence column


@dataclass
class ConceptIncidence:
    taxonomy: Taxonomy
    columns: list[str]  # taxonomy ids, then "text:<normalised entry>" for unmapped entries
    matrix: sp.csr_matrix  # n_suppliers × n_columns, 1.0 where the supplier offers the concept
    entry_concepts: dict[str, tuple[str, ...]]  # supplier's own entry → columns it stands for

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
        indptr = [0]
        indices: list[int] = []
        for entries in entries_per_supplier:
            row = sorted({col for entry in entries for col in entry_columns[entry]})
            indices.extend(row)
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float32)
        matrix = sp.csr_matrix(
            (data, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
            shape=(len(entries_per_supplier), len(columns)),
        )
        return cls(taxonomy, columns, matrix, entry_concepts)

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

    def best_levels(self, matches: Sequence[TermMatch]) -> NDArray[np.float64]:
        """(n_suppliers, n_terms): the best level score each supplier reaches for each term.

        One sparse product answers "does the supplier offer anything at level ≥ L" for every
        term and level at once; the best level is the highest L answered yes.
        """
        n_levels = len(LEVEL_SCORES)
        if not matches:
            return np.zeros((self.matrix.shape[0], 0))
        thresholds = np.stack(
            [m.scores >= level - 1e-9 for m in matches for level in LEVEL_SCORES], axis=1
        ).astype(np.float32)
        hits = np.asarray(self.matrix @ thresholds) > 0  # (n, n_terms * n_levels)
        hits = hits.reshape(self.matrix.shape[0], len(matches), n_levels)
        # argmax finds the first (best) level that hits; rows with no hit score 0.
        first = hits.argmax(axis=2)
        levels = np.asarray(LEVEL_SCORES)[first]
        result: NDArray[np.float64] = np.where(hits.any(axis=2), levels, 0.0)
        return result

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
