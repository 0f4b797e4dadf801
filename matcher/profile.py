"""Weights profile: which feature counts how much. A named, versioned JSON document.

The default ships in `matcher/data/default_profile.json`; analysts save new versions.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from matcher.errors import ProfileError

# Every feature the engine computes, in the order of feature-matrix columns.
FEATURE_NAMES: tuple[str, ...] = (
    "capability",
    "material",
    "kbli",
    "certification",
    "capacity",
    "distance",
    "track_record",
    "text",
)


@dataclass(frozen=True)
class WeightsProfile:
    name: str
    version: int
    weights: dict[str, float]
    description: str = ""

    def validate(self) -> WeightsProfile:
        """Raise ProfileError naming every problem at once; return self when fine."""
        problems: list[str] = []
        if not self.name.strip():
            problems.append("profile name is empty")
        if not isinstance(self.version, int) or isinstance(self.version, bool) or self.version < 1:
            problems.append(f"version must be a whole number ≥ 1, got {self.version!r}")
        for feature, weight in self.weights.items():
            if feature not in FEATURE_NAMES:
                problems.append(f"unknown feature '{feature}' (known: {', '.join(FEATURE_NAMES)})")
            elif not isinstance(weight, int | float) or isinstance(weight, bool):
                problems.append(f"weight of '{feature}' must be a number, got {weight!r}")
            elif not math.isfinite(weight) or weight < 0:
                problems.append(f"weight of '{feature}' must be zero or more, got {weight}")
        if not problems and sum(self.weights.values()) <= 0:
            problems.append("at least one weight must be above zero")
        if problems:
            raise ProfileError("weights profile: " + "; ".join(problems))
        return self

    def weight(self, feature: str) -> float:
        """Missing features weigh zero."""
        return float(self.weights.get(feature, 0.0))

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "description": self.description,
            "weights": {f: float(self.weights[f]) for f in FEATURE_NAMES if f in self.weights},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WeightsProfile:
        """Build and validate a profile from its JSON form; ProfileError on any problem."""
        if not isinstance(data, dict):
            raise ProfileError("weights profile must be a JSON object")
        missing = [key for key in ("name", "version", "weights") if key not in data]
        if missing:
            raise ProfileError(f"weights profile is missing: {', '.join(missing)}")
        if not isinstance(data["weights"], dict):
            raise ProfileError("weights profile: 'weights' must be an object of feature → number")
        return cls(
            name=str(data["name"]),
            version=data["version"],
            weights=dict(data["weights"]),
            description=str(data.get("description", "")),
        ).validate()

    @classmethod
    def load_default(cls) -> WeightsProfile:
        """The profile shipped in matcher/data/default_profile.json (read once)."""
        shipped = _default_profile()
        return replace(shipped, weights=dict(shipped.weights))  # callers may edit their copy


@cache
def _default_profile() -> WeightsProfile:
    text = resources.files("matcher.data").joinpath("default_profile.json").read_text("utf-8")
    return WeightsProfile.from_json(json.loads(text))
