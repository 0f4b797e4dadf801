"""Weights profiles: the shipped default, JSON round trip, and clear errors."""

from __future__ import annotations

import pytest

from matcher.errors import ProfileError
from matcher.features import FEATURES
from matcher.profile import FEATURE_NAMES, WeightsProfile


def test_default_profile_ships_and_weighs_every_feature() -> None:
    profile = WeightsProfile.load_default()
    assert profile.name == "default"
    assert profile.version >= 1
    assert set(profile.weights) == set(FEATURE_NAMES)
    # Capability matters most; text similarity is a weak signal.
    assert max(profile.weights, key=profile.weights.__getitem__) == "capability"
    assert profile.weights["text"] == min(profile.weights.values())


def test_every_registered_feature_is_named_and_described() -> None:
    assert tuple(FEATURES) == FEATURE_NAMES
    for feature in FEATURES.values():
        assert feature.description and feature.levels


def test_json_round_trip() -> None:
    profile = WeightsProfile("buyer-astra", 3, {"capability": 0.5, "distance": 0.5}, "tuned")
    assert WeightsProfile.from_json(profile.to_json()) == profile


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"capability": 1.0, "harga": 0.2}, "unknown feature 'harga'"),
        ({"capability": -0.1}, "must be zero or more"),
        ({"capability": 0.0}, "at least one weight"),
        ({"capability": "tinggi"}, "must be a number"),
    ],
)
def test_invalid_profiles_are_refused_with_a_reason(
    weights: dict[str, object], message: str
) -> None:
    with pytest.raises(ProfileError, match=message):
        WeightsProfile.from_json({"name": "x", "version": 1, "weights": weights})


def test_all_problems_are_reported_at_once() -> None:
    with pytest.raises(ProfileError) as caught:
        WeightsProfile("x", 0, {"harga": 1.0, "distance": -2.0}).validate()
    text = str(caught.value)
    assert "version" in text and "harga" in text and "distance" in text


def test_missing_keys_are_named() -> None:
    with pytest.raises(ProfileError, match="missing: version, weights"):
        WeightsProfile.from_json({"name": "x"})
