"""Certification names: `ISO9001`, `ISO 9001:2015`, `iso-9001` all mean ISO 9001.

TKDN (local-content share) keeps its percentage: `TKDN 40%` is a different promise from
`TKDN 25%`, and a supplier holding 45% satisfies a buyer asking for 40%.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from matcher.text import normalise

FUZZY_CUTOFF = 90.0
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%?\s*$")
# "ISO 9001:2015" and "ISO 9001 2015": the edition year does not change what is certified.
_EDITION_YEAR = re.compile(r"(\d)\s*[:/ -]\s*(?:19|20)\d{2}\s*$")


@dataclass(frozen=True)
class CertificationName:
    """A canonical certificate name and, for TKDN, the percentage it states."""

    base: str
    percentage: float | None = None

    def __str__(self) -> str:
        if self.percentage is None:
            return self.base
        return f"{self.base} {self.percentage:g}%"


@dataclass(frozen=True)
class _CertificationTable:
    by_key: dict[str, str]
    keys: list[str]
    with_percentage: frozenset[str]
    spellings: list[str]  # canonical names first, then synonyms as written in the data


def _key(text: str) -> str:
    return normalise(text).replace(" ", "")


@cache
def _table() -> _CertificationTable:
    raw = json.loads(
        resources.files("matcher.data").joinpath("certifications.json").read_text("utf-8")
    )
    by_key: dict[str, str] = {}
    with_percentage: set[str] = set()
    spellings = [item["id"] for item in raw["certification"]]
    for item in raw["certification"]:
        spellings.extend(item["synonyms"])
        for synonym in (item["id"], *item["synonyms"]):
            by_key.setdefault(_key(synonym), item["id"])
        if item.get("percentage"):
            with_percentage.add(item["id"])
    return _CertificationTable(by_key, list(by_key), frozenset(with_percentage), spellings)


@lru_cache(maxsize=16_384)
def parse_certification(text: str) -> CertificationName | None:
    """Canonical name (and TKDN share) of a certificate as people write it; None if unknown.

    Cached: explanations parse the same few hundred spellings for every shortlist.
    """
    table = _table()
    cleaned = _EDITION_YEAR.sub(r"\1", text.strip())
    cleaned = re.sub(r"(?i)\b(certified|certificate|sertifikat|sertifikasi)\b", " ", cleaned)
    percentage: float | None = None
    base = table.by_key.get(_key(cleaned))
    found = _PERCENT.search(cleaned) if base is None else None
    if found is not None:
        head = table.by_key.get(_key(cleaned[: found.start()]))
        if head in table.with_percentage:
            base = head
            percentage = float(found.group(1).replace(",", "."))
    if base is None:
        key = _key(cleaned)
        if len(key) >= 4:
            best = process.extractOne(key, table.keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                base = table.by_key[best[0]]
    if base is None:
        return None
    return CertificationName(base, percentage)


def canonical_certification(text: str) -> str | None:
    """`ISO9001` → `ISO 9001`, `tkdn 40 %` → `TKDN 40%`; None when the name is not known."""
    parsed = parse_certification(text)
    return None if parsed is None else str(parsed)


def known_certifications() -> list[str]:
    """Canonical names, for forms and error messages."""
    return sorted(set(_table().by_key.values()))


def certification_spellings() -> list[str]:
    """Canonical names, then accepted spellings as written; for autocompletion."""
    return list(_table().spellings)
