"""The shortlist a buyer gets back (contract section 3) and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from matcher.reasons import ExplanationCodes


@dataclass(frozen=True)
class ShortlistEntry:
    rank: int
    supplier_id: str
    name: str
    score: float
    eligible: bool
    contributions: dict[str, float]  # per feature; they add up to `score`
    matched: dict[str, str]  # requirement term → the supplier's own words that matched it
    gaps: list[str]
    excluded_because: list[str]
    regency: str = ""
    distance_km: float | None = None
    capacity_note: str | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "ISO 9001 has no expiry date; …"
    # The same sentences as codes and parameters, for pages that speak another language.
    explanation_codes: ExplanationCodes | None = None

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "rank": self.rank,
            "supplier_id": self.supplier_id,
            "name": self.name,
            "score": self.score,
            "eligible": self.eligible,
            "contributions": dict(self.contributions),
            "matched": dict(self.matched),
            "gaps": list(self.gaps),
            "excluded_because": list(self.excluded_because),
            "regency": self.regency,
            "distance_km": self.distance_km,
            "capacity_note": self.capacity_note,
            "notes": list(self.notes),
        }
        if self.explanation_codes is not None:
            document["explanation_codes"] = self.explanation_codes.to_json(
                self.gaps, self.notes, self.excluded_because, self.capacity_note
            )
        return document


@dataclass(frozen=True)
class Shortlist:
    requirement_id: str
    profile_name: str
    profile_version: int
    generated_at: datetime
    results: list[ShortlistEntry]
    warnings: list[str] = field(default_factory=list)  # e.g. a requirement term not recognised

    def to_json(self) -> dict[str, Any]:
        stamp = self.generated_at.astimezone(UTC).replace(microsecond=0, tzinfo=None)
        return {
            "requirement_id": self.requirement_id,
            "weights": {"profile": self.profile_name, "version": self.profile_version},
            "generated_at": stamp.isoformat() + "Z",
            "results": [entry.to_json() for entry in self.results],
            "warnings": list(self.warnings),
        }
