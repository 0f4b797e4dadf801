"""Free-text clean-up shared by the taxonomy, certifications, units and the gazetteer.

Suppliers type `Las MIG/TIG`, `bubut-CNC`, `Stampping (progresif)`; buyers type
`CNC turning, milling`. Everything is compared in one normal form: lowercase ASCII
words separated by single spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z%]+")
_SPACES = re.compile(r"\s+")
# Separators between several processes written in one cell ("bubut, frais & las").
_LIST_SEPARATORS = re.compile(r"\s*(?:[;,+&]|\bdan\b|\band\b|\bserta\b)\s*")


@lru_cache(maxsize=65_536)
def normalise(text: str) -> str:
    """Lowercase, strip accents and punctuation, collapse spaces: `Bubut-CNC.` → `bubut cnc`.

    Cached: catalogues and requirements repeat the same short texts over and over.
    """
    # NFKD also turns "m²" into "m2".
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded.lower())).strip()


def split_terms(text: str) -> list[str]:
    """Split one free-text entry into the separate terms it names, normalised.

    A slash shares the words in front of it: `las MIG/TIG` means `las MIG` and `las TIG`,
    and `CNC turning/milling` means `CNC turning` and `CNC milling`. `SPCC/SPHC` has no
    shared words and simply splits in two.
    """
    terms: list[str] = []
    for chunk in _LIST_SEPARATORS.split(text.lower()):
        if not chunk.strip():
            continue
        if "/" not in chunk:
            terms.append(normalise(chunk))
            continue
        parts = [normalise(part) for part in chunk.split("/")]
        parts = [part for part in parts if part]
        if not parts:
            continue
        head_words = parts[0].split()
        head = " ".join(head_words[:-1])
        terms.append(parts[0])
        for part in parts[1:]:
            # Only a single word after the slash borrows the head: "las MIG/TIG".
            if head and len(part.split()) == 1:
                terms.append(f"{head} {part}")
            else:
                terms.append(part)
    return [term for term in terms if term]


def word_ngrams(words: list[str], max_len: int) -> list[tuple[int, int, str]]:
    """All runs of 1..max_len consecutive words as (start, end, text), longest first."""
    grams: list[tuple[int, int, str]] = []
    for length in range(min(max_len, len(words)), 0, -1):
        for start in range(len(words) - length + 1):
            grams.append((start, start + length, " ".join(words[start : start + length])))
    return grams


_COMPANY_WORDS = {"pt", "cv", "ud", "tbk", "persero", "pd", "koperasi", "kop", "group", "grup"}


@lru_cache(maxsize=65_536)  # the same big buyers appear in thousands of partner lists
def company_key(name: str) -> str:
    """`PT Astra Otoparts Tbk` → `astra otoparts`: legal forms do not tell companies apart."""
    return " ".join(w for w in normalise(name).split() if w not in _COMPANY_WORDS)
