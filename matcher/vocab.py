"""Public vocabulary helpers: one import for certificates, units, concepts and autocompletion.

The taxonomy itself lives in `matcher.taxonomy` (data: `matcher/data/taxonomy.json`),
certificates in `matcher.certs`, units in `matcher.units`.
"""

from __future__ import annotations

from typing import Literal

from rapidfuzz import fuzz, process

from matcher.certs import (
    canonical_certification,
    certification_spellings,
    known_certifications,
)
from matcher.taxonomy import ConceptKind, MatchLevel, Taxonomy, load_taxonomy
from matcher.text import normalise
from matcher.units import convert_quantity, normalise_unit

SUGGEST_FUZZY_CUTOFF = 75.0

__all__ = [
    "ConceptKind",
    "MatchLevel",
    "Taxonomy",
    "canonical_certification",
    "canonical_terms",
    "convert_quantity",
    "load_taxonomy",
    "normalise_unit",
    "suggest_terms",
]


def canonical_terms(texts: list[str], kind: ConceptKind) -> dict[str, tuple[str, ...]]:
    """Free-text entries → canonical concept ids (`bubut CNC` → (`CNC turning`,))."""
    return load_taxonomy(kind).map_terms(texts)


def _vocabulary(kind: Literal["process", "material", "certification"]) -> list[str]:
    """Canonical names first, then synonyms; one spelling per normal form."""
    if kind == "certification":
        words = known_certifications() + certification_spellings()
    else:
        taxonomy = load_taxonomy(kind)
        words = list(taxonomy.ids)
        for concept in taxonomy.concepts:
            words.extend(concept.synonyms)
    unique: dict[str, str] = {}
    for word in words:
        unique.setdefault(normalise(word), word)
    return list(unique.values())


def suggest_terms(
    prefix: str,
    kind: Literal["process", "material", "certification"],
    limit: int = 10,
) -> list[str]:
    """Autocompletion in Indonesian and English: `bub` → `bubut`, `bubut cnc`, …

    Canonical names and synonyms starting with the prefix come first (shortest first), then
    those with a word starting with it, then close spellings for typos.
    """
    wanted = normalise(prefix)
    if not wanted or limit <= 0:
        return []
    vocabulary = _vocabulary(kind)
    canonical = set(known_certifications() if kind == "certification" else load_taxonomy(kind).ids)
    starts = [w for w in vocabulary if normalise(w).startswith(wanted)]
    inside = [
        w
        for w in vocabulary
        if w not in starts and any(part.startswith(wanted) for part in normalise(w).split())
    ]
    found = sorted(starts, key=lambda w: (w not in canonical, len(w))) + sorted(inside, key=len)
    if not found and len(wanted) >= 3:
        fuzzy = process.extract(
            wanted,
            vocabulary,
            scorer=fuzz.partial_ratio,
            processor=normalise,
            score_cutoff=SUGGEST_FUZZY_CUTOFF,
            limit=limit * 2,
        )
        found += [w for w, _, _ in fuzzy if w not in found]
    return list(dict.fromkeys(found))[:limit]
