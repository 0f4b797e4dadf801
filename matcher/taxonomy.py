"""Bilingual process and material taxonomy: synonyms, hierarchy, and mapping free text to concepts.

The data lives in `matcher/data/taxonomy.json` and is loaded once. A concept's `parent`
makes the hierarchy: CNC turning is a kind of turning, which is a kind of machining.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process

from matcher.text import normalise, split_terms, word_ngrams

ConceptKind = Literal["process", "material"]

# Fuzzy cut-offs (rapidfuzz 0–100). A whole term may differ a little ("stampping");
# a single word inside a longer term must be closer, and short words never go fuzzy,
# because "pp" and "pe" or "las" and "las" differ by one letter but mean different things.
WHOLE_TERM_CUTOFF = 85.0
WORD_CUTOFF = 88.0
MIN_FUZZY_WORD_LEN = 5
PARALLEL_FROM = 200  # rapidfuzz threads only pay off on longer lists of terms


def _workers(n_terms: int) -> int:
    return -1 if n_terms >= PARALLEL_FROM else 1


class MatchLevel(Enum):
    """How a supplier's concept relates to the concept a buyer asked for."""

    EXACT = ("exact", 1.0)
    NARROWER = ("a kind of the requested", 1.0)  # supplier does CNC turning, buyer asked turning
    BROADER = ("broader", 0.6)  # supplier says machining, buyer asked CNC turning
    SIBLING = ("related", 0.35)  # same parent: MIG welding for TIG welding
    FAMILY = ("same family", 0.2)  # same wider family: grinding for CNC turning
    NONE = ("none", 0.0)

    def __init__(self, label: str, score: float) -> None:
        self.label = label
        self.score = score


@dataclass(frozen=True)
class Concept:
    id: str
    parent: str | None
    synonyms: tuple[str, ...]


class Taxonomy:
    """All concepts of one kind with their synonyms and hierarchy."""

    def __init__(self, kind: ConceptKind, concepts: Iterable[Concept]) -> None:
        self.kind = kind
        self.concepts = tuple(concepts)
        self.ids: tuple[str, ...] = tuple(concept.id for concept in self.concepts)
        self.position = {concept_id: i for i, concept_id in enumerate(self.ids)}
        self.parent_of = {concept.id: concept.parent for concept in self.concepts}
        self.synonym_to_id: dict[str, str] = {}
        for concept in self.concepts:
            for synonym in (concept.id, *concept.synonyms):
                self.synonym_to_id.setdefault(normalise(synonym), concept.id)
        self.synonym_keys = list(self.synonym_to_id)
        self.single_word_keys = [key for key in self.synonym_keys if " " not in key]
        self.max_words = max(len(key.split()) for key in self.synonym_keys)
        self.ancestors = {concept_id: self._ancestors(concept_id) for concept_id in self.ids}

    def _ancestors(self, concept_id: str) -> tuple[str, ...]:
        chain: list[str] = []
        parent = self.parent_of[concept_id]
        while parent is not None:
            chain.append(parent)
            parent = self.parent_of[parent]
        return tuple(chain)

    def match_level(self, requested: str, offered: str) -> MatchLevel:
        """How well `offered` (a supplier's concept) serves `requested` (the buyer's)."""
        if requested == offered:
            return MatchLevel.EXACT
        if requested not in self.position or offered not in self.position:
            return MatchLevel.NONE
        offered_up = self.ancestors[offered]
        requested_up = self.ancestors[requested]
        if requested in offered_up:
            return MatchLevel.NARROWER
        if offered in requested_up:
            return MatchLevel.BROADER
        if requested_up and requested_up[0] in offered_up:
            return MatchLevel.SIBLING
        if set(requested_up) & set(offered_up):
            return MatchLevel.FAMILY
        return MatchLevel.NONE

    def level_scores(self, requested: Iterable[str]) -> np.ndarray:
        """Score of every concept (in `ids` order) for a term that names `requested` concepts."""
        return _level_scores(self, tuple(requested))

    def map_terms(self, texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Map each free-text entry to the concepts it names; unknown text maps to ().

        Work is done once per unique normalised term: exact synonym, then known phrases
        inside the term, then rapidfuzz over the whole term, then over its single words.
        """
        pieces = {text: self._pieces(text) for text in set(texts)}
        unique_terms = sorted({term for terms in pieces.values() for term in terms})
        resolved = {term: self._exact_concepts(term) for term in unique_terms}
        unresolved = [term for term, found in resolved.items() if not found]
        resolved.update(self._fuzzy_whole(unresolved))
        unresolved = [term for term in unresolved if not resolved[term]]
        resolved.update(self._fuzzy_words(unresolved))
        return {
            text: tuple(dict.fromkeys(c for term in terms for c in resolved[term]))
            for text, terms in pieces.items()
        }

    def phrases_in(self, text: str) -> tuple[str, ...]:
        """Concepts named by known phrases inside free text (no fuzzy matching: the text may
        be a long product description)."""
        return self._exact_concepts(normalise(text))

    def _pieces(self, text: str) -> list[str]:
        # A known phrase stays whole even if it contains "and": "tool and die", "fish and seafood".
        whole = normalise(text)
        return [whole] if whole in self.synonym_to_id else split_terms(text)

    def _exact_concepts(self, term: str) -> tuple[str, ...]:
        if term in self.synonym_to_id:
            return (self.synonym_to_id[term],)
        words = term.split()
        taken = [False] * len(words)
        found: list[str] = []
        # Longest phrase first, so "bubut kayu" wins over "bubut".
        for start, end, phrase in word_ngrams(words, self.max_words):
            if phrase in self.synonym_to_id and not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                found.append(self.synonym_to_id[phrase])
        return tuple(found)

    def _fuzzy_whole(self, terms: list[str]) -> dict[str, tuple[str, ...]]:
        candidates = [term for term in terms if len(term) >= MIN_FUZZY_WORD_LEN]
        if not candidates:
            return {}
        scores = process.cdist(
            candidates,
            self.synonym_keys,
            scorer=fuzz.ratio,
            score_cutoff=WHOLE_TERM_CUTOFF,
            workers=_workers(len(candidates)),
        )
        best = scores.argmax(axis=1)
        return {
            term: (self.synonym_to_id[self.synonym_keys[best[row]]],)
            for row, term in enumerate(candidates)
            if scores[row, best[row]] > 0
        }

    def _fuzzy_words(self, terms: list[str]) -> dict[str, tuple[str, ...]]:
        words = sorted(
            {word for term in terms for word in term.split() if len(word) >= MIN_FUZZY_WORD_LEN}
        )
        if not words:
            return {}
        scores = process.cdist(
            words,
            self.single_word_keys,
            scorer=fuzz.ratio,
            score_cutoff=WORD_CUTOFF,
            workers=_workers(len(words)),
        )
        best = scores.argmax(axis=1)
        word_concept = {
            word: self.synonym_to_id[self.single_word_keys[best[row]]]
            for row, word in enumerate(words)
            if scores[row, best[row]] > 0
        }
        return {
            term: tuple(dict.fromkeys(word_concept[w] for w in term.split() if w in word_concept))
            for term in terms
        }


@lru_cache(maxsize=4_096)
def _level_scores(taxonomy: Taxonomy, requested: tuple[str, ...]) -> np.ndarray:
    scores = np.zeros(len(taxonomy.ids), dtype=np.float64)
    for wanted in requested:
        for i, offered in enumerate(taxonomy.ids):
            scores[i] = max(scores[i], taxonomy.match_level(wanted, offered).score)
    scores.setflags(write=False)
    return scores


@cache
def load_taxonomy(kind: ConceptKind) -> Taxonomy:
    """The bundled taxonomy for processes or materials (read once per process)."""
    raw = json.loads(resources.files("matcher.data").joinpath("taxonomy.json").read_text("utf-8"))
    return Taxonomy(
        kind,
        (Concept(item["id"], item["parent"], tuple(item["synonyms"])) for item in raw[kind]),
    )
