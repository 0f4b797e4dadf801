"""Supplier × concept incidence (processes or materials) and scoring requirement terms on it.

Free text is mapped once per unique entry. Entries that name no known concept become
columns of their own, so a buyer typing the same unusual word still finds the supplier.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from matcher.senses import Context, ambiguous_concepts, readings, sense_rules, sensed
from matcher.taxonomy import ConceptKind, MatchLevel, Taxonomy
from matcher.text import normalise

UNMAPPED_CUTOFF = 90.0

# How close an offered concept is to the requested one, per level. The same numbers as
# MatchLevel.score, except that "a kind of the requested" sits just below an exact match:
# a buyer asking for turning is served by CNC turning, but the exact words serve best.
# Callers that test "can do" against MatchLevel.BROADER.score keep working.
CLOSENESS = {
    MatchLevel.EXACT: 1.0,
    MatchLevel.NARROWER: 0.95,
    MatchLevel.BROADER: MatchLevel.BROADER.score,
    MatchLevel.SIBLING: MatchLevel.SIBLING.score,
    MatchLevel.FAMILY: MatchLevel.FAMILY.score,
    MatchLevel.NONE: 0.0,
}


@dataclass(frozen=True)
class TaxonomyTraits:
    """What taxonomy.json says beyond synonyms and parents.

    `distinct_kinds`: concepts whose kinds are different trades, not variants of one
    (turning and milling under machining; cassava and fruit under food ingredients), so two
    of its kinds do not stand in for each other. `roles`: concepts that name what a business
    is rather than what it makes ("trade", "repair").
    """

    distinct_kinds: frozenset[str]
    roles: dict[str, str]


@cache
def taxonomy_traits(kind: ConceptKind) -> TaxonomyTraits:
    raw = json.loads(resources.files("matcher.data").joinpath("taxonomy.json").read_text("utf-8"))
    items = raw[kind]
    return TaxonomyTraits(
        frozenset(item["id"] for item in items if item.get("distinct_kinds")),
        {item["id"]: item["role"] for item in items if item.get("role")},
    )


@lru_cache(maxsize=65_536)  # explanations ask for the same concept pairs over and over
def effective_level(taxonomy: Taxonomy, requested: str, offered: str) -> MatchLevel:
    """The taxonomy's level, except that kinds of a distinct-kinds concept do not match.

    Spray painting is no partial chrome plating, and turning is no partial milling, even
    though each pair shares a family in the hierarchy.
    """
    level = taxonomy.match_level(requested, offered)
    if level not in (MatchLevel.SIBLING, MatchLevel.FAMILY):
        return level
    offered_up = taxonomy.ancestors[offered]
    shared = next(a for a in taxonomy.ancestors[requested] if a in offered_up)
    if shared in taxonomy_traits(taxonomy.kind).distinct_kinds:
        return MatchLevel.NONE
    return level


@lru_cache(maxsize=4_096)
def closeness_scores(taxonomy: Taxonomy, requested: tuple[str, ...]) -> NDArray[np.float64]:
    """Closeness of every concept (in `ids` order) to a term naming `requested` concepts."""
    scores = np.zeros(len(taxonomy.ids), dtype=np.float64)
    for wanted in requested:
        for i, offered in enumerate(taxonomy.ids):
            scores[i] = max(scores[i], CLOSENESS[effective_level(taxonomy, wanted, offered)])
    scores.setflags(write=False)
    return scores


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
    # Supplier rows whose ambiguous words were read in another sense (row → {concept: means}),
    # and every other sense an entry may have, for explanations that do not know the row.
    row_senses: dict[int, dict[str, str]] = field(default_factory=dict)
    entry_other_senses: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Per role ("trade"), the suppliers with an entry naming that role and nothing else
    # ("toko", "perdagangan umum"): a line of business, not a word inside "produksi dan penjualan".
    declares_role: dict[str, NDArray[np.bool_]] = field(default_factory=dict)
    # Arrays derived from the suppliers alone (roles, role factors), worked out by the first
    # query that needs them and reused; keys are few and fixed, so this stays small.
    derived: dict[object, NDArray[Any]] = field(default_factory=dict, repr=False)

    @property
    def matrix(self) -> sp.csr_matrix:
        """n_suppliers × n_columns incidence (built on demand; queries use `patterns`)."""
        return sp.csr_matrix(self.patterns[self.row_pattern])

    @classmethod
    def build(
        cls,
        taxonomy: Taxonomy,
        entries_per_supplier: Sequence[Sequence[str]],
        context_of: Callable[[int, tuple[str, ...]], Context] | None = None,
    ) -> ConceptIncidence:
        """Incidence of suppliers' entries. `context_of(row, concepts)` gives what supplier
        `row` wrote around its process words; it is asked only for suppliers whose words
        name an ambiguous concept ("heat treatment"), to read them in the right sense."""
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
        ambiguous = {e for e, cs in entry_concepts.items() if ambiguous_concepts().intersection(cs)}
        if context_of is None or taxonomy.kind != "process":
            ambiguous = set()
        row_senses: dict[int, dict[str, str]] = {}
        roles = taxonomy_traits(taxonomy.kind).roles
        role_entries = {
            entry: roles[concepts[0]]
            for entry, concepts in entry_concepts.items()
            if concepts and len({roles.get(c) for c in concepts}) == 1 and concepts[0] in roles
        }
        declares_role = {
            role: np.zeros(len(entries_per_supplier), dtype=bool)
            for role in set(role_entries.values())
        }
        pattern_of: dict[tuple[int, ...], int] = {}
        row_pattern = np.empty(len(entries_per_supplier), dtype=np.int32)
        for row, entries in enumerate(entries_per_supplier):
            chosen = {c for entry in entries for c in entry_columns[entry]}
            if context_of is not None and ambiguous.intersection(entries):
                named = tuple(dict.fromkeys(c for e in entries for c in entry_concepts[e]))
                read = readings(named, context_of(row, named))
                if read:
                    row_senses[row] = read
                    chosen = {position[read.get(c, c)] for c in named}
            for entry in entries:
                if entry in role_entries:
                    declares_role[role_entries[entry]][row] = True
            combination = tuple(sorted(chosen))
            row_pattern[row] = pattern_of.setdefault(combination, len(pattern_of))
        indptr = np.zeros(len(pattern_of) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(combination) for combination in pattern_of])
        indices = np.fromiter((c for comb in pattern_of for c in comb), dtype=np.int32)
        patterns = sp.csr_matrix(
            (np.ones(len(indices), dtype=np.float32), indices, indptr),
            shape=(len(pattern_of), len(columns)),
        )
        other_senses = {
            entry: tuple(r.means for r in sense_rules() if r.concept in entry_concepts[entry])
            for entry in ambiguous
        }
        return cls(
            taxonomy,
            columns,
            patterns,
            row_pattern,
            entry_concepts,
            row_senses,
            other_senses,
            declares_role,
        )

    def resolve(self, term: str, context: Callable[[], Context] | None = None) -> TermMatch:
        """Map a requirement term to level scores over this incidence's columns, reading
        ambiguous words in the sense the requirement's `context()` calls for (asked for only
        when the term names an ambiguous concept)."""
        concepts = self.taxonomy.map_terms([term])[term]
        if context is not None and ambiguous_concepts().intersection(concepts):
            concepts = sensed(concepts, context())
        scores = np.zeros(len(self.columns), dtype=np.float64)
        if concepts:
            scores[: len(self.taxonomy.ids)] = closeness_scores(self.taxonomy, concepts)
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

    def pattern_has_role(self, role: str) -> NDArray[np.bool_]:
        """Per pattern: does the combination name a concept with this role ("trade", "repair")?"""
        key = ("pattern_has_role", role)
        if key not in self.derived:
            roles = taxonomy_traits(self.taxonomy.kind).roles
            columns = [self.taxonomy.position[c] for c, r in roles.items() if r == role]
            has_role = np.zeros(self.patterns.shape[0], dtype=bool)
            if columns:
                has_role = np.asarray(self.patterns[:, columns].getnnz(axis=1)) > 0
            self.derived[key] = has_role
        cached: NDArray[np.bool_] = self.derived[key]
        return cached

    def pattern_is_empty(self) -> NDArray[np.bool_]:
        """Per pattern: the suppliers wrote nothing this taxonomy can read or keep."""
        empty: NDArray[np.bool_] = np.diff(self.patterns.indptr) == 0
        return empty

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

    def best_entry(
        self, entries: Sequence[str], match: TermMatch, row: int | None = None
    ) -> tuple[str | None, MatchLevel]:
        """The supplier's own words that best serve a requirement term, with the match level.

        With the supplier's `row`, ambiguous words are read in the sense the index gave them;
        without it, in every sense they may have.
        """
        best_entry: str | None = None
        best_level = MatchLevel.NONE
        for entry in entries:
            for concept in self._entry_readings(entry, row):
                level = self._level(match, concept)
                if CLOSENESS[level] > CLOSENESS[best_level]:
                    best_entry, best_level = entry, level
        return best_entry, best_level

    def _entry_readings(self, entry: str, row: int | None) -> tuple[str, ...]:
        concepts = self.entry_concepts.get(entry, ())
        if entry not in self.entry_other_senses:
            return concepts
        if row is None:
            return concepts + self.entry_other_senses[entry]
        read = self.row_senses.get(row, {})
        return tuple(read.get(concept, concept) for concept in concepts)

    def _level(self, match: TermMatch, offered: str) -> MatchLevel:
        if offered.startswith("text:"):
            return MatchLevel.EXACT if offered in match.concepts else MatchLevel.NONE
        levels = [effective_level(self.taxonomy, wanted, offered) for wanted in match.concepts]
        return max(levels, key=lambda level: CLOSENESS[level], default=MatchLevel.NONE)
