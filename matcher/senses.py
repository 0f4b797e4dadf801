"""Words whose meaning depends on the trade around them: "heat treatment" of pallets is not
"heat treatment" of gears.

A sense rule in `matcher/data/taxonomy.json` (`senses`) says: a process term that maps to
`concept` means `means` instead when its context names one of `when_materials` (or a kind
of it), one of `when_processes`, or one of `when_words`, and names none of `unless_materials`.
The context is the rest of what the same party wrote: for a requirement its title,
description, materials and processes; for a supplier its materials, products and processes.

Rules are applied once per requirement and once per supplier when the index is built, so
scoring itself stays array arithmetic.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from matcher.taxonomy import Taxonomy, load_taxonomy
from matcher.text import normalise, word_ngrams


@dataclass(frozen=True)
class SenseRule:
    concept: str  # what the words name by default ("heat treatment": metal)
    means: str  # what they name in this context ("wood heat treatment")
    when_materials: frozenset[str]
    when_processes: frozenset[str]
    when_words: frozenset[str]
    unless_materials: frozenset[str]
    why: str

    def holds(self, materials: Iterable[str], processes: Iterable[str], text: str) -> bool:
        """Does a context with these material and process concepts and this free text call
        for this sense?"""
        material_family = _with_ancestors(load_taxonomy("material"), materials)
        if material_family & self.unless_materials:
            return False
        if material_family & self.when_materials:
            return True
        if _with_ancestors(load_taxonomy("process"), processes) & self.when_processes:
            return True
        words = normalise(text).split()
        longest = max((len(w.split()) for w in self.when_words), default=1)
        return any(phrase in self.when_words for _, _, phrase in word_ngrams(words, longest))


def _with_ancestors(taxonomy: Taxonomy, concepts: Iterable[str]) -> set[str]:
    family: set[str] = set()
    for concept in concepts:
        family.add(concept)
        family.update(taxonomy.ancestors.get(concept, ()))
    return family


@cache
def sense_rules() -> tuple[SenseRule, ...]:
    """The process sense rules bundled in taxonomy.json (read once)."""
    raw = json.loads(resources.files("matcher.data").joinpath("taxonomy.json").read_text("utf-8"))
    return tuple(
        SenseRule(
            concept=item["concept"],
            means=item["means"],
            when_materials=frozenset(item.get("when_materials", ())),
            when_processes=frozenset(item.get("when_processes", ())),
            when_words=frozenset(normalise(w) for w in item.get("when_words", ())),
            unless_materials=frozenset(item.get("unless_materials", ())),
            why=item.get("why", ""),
        )
        for item in raw.get("senses", ())
        if item.get("kind", "process") == "process"
    )


def ambiguous_concepts() -> frozenset[str]:
    """Process concepts that some rule may read differently."""
    return frozenset(rule.concept for rule in sense_rules())


@dataclass(frozen=True)
class Context:
    """What one party wrote around its process terms, already mapped to concepts."""

    materials: tuple[str, ...]
    processes: tuple[str, ...]
    text: str

    @classmethod
    def of(cls, materials: Iterable[str], processes: Iterable[str], text: str) -> Context:
        """From free-text material entries, process concepts and other text."""
        taxonomy = load_taxonomy("material")
        material_texts = list(materials)
        mapped = taxonomy.map_terms(material_texts)
        named = [c for m in material_texts for c in mapped[m]]
        # Products and titles name materials too ("palet kayu pinus"); only whole known
        # phrases count there, so "ubi kayu" stays cassava and never reads as wood.
        named += taxonomy.phrases_in(text)
        return cls(tuple(dict.fromkeys(named)), tuple(processes), " ".join([*material_texts, text]))


def readings(concepts: tuple[str, ...], context: Context) -> dict[str, str]:
    """Ambiguous concept → the sense its context calls for, for those read differently."""
    if not ambiguous_concepts().intersection(concepts):
        return {}
    return {
        rule.concept: rule.means
        for rule in sense_rules()
        if rule.concept in concepts
        and rule.holds(context.materials, context.processes, context.text)
    }


def sensed(concepts: tuple[str, ...], context: Context) -> tuple[str, ...]:
    """`concepts` with every ambiguous one read in the sense its context calls for."""
    read = readings(concepts, context)
    return tuple(dict.fromkeys(read.get(c, c) for c in concepts)) if read else concepts
