"""Weight profiles as the API shows them. The rules (versions, validation, the bundled
default, one active version) are `service.profiles`, shared with `mitra weights`."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from matcher.errors import ProfileError
from matcher.profile import WeightsProfile
from models import WeightProfileRecord
from models.user import User
from service import profiles
from service.crud.errors import NotFound
from service.deps import actor
from service.shortlists import active_profile


def profile_json(row: WeightProfileRecord) -> dict[str, Any]:
    return {
        "name": row.name,
        "version": row.version,
        "description": row.description,
        "weights": row.weights,
        "active": row.active,
        "stored": True,
        "created_at": row.created_at,
        "created_by": row.created_by,
    }


def _bundled_json(active: bool) -> dict[str, Any]:
    return {**WeightsProfile.load_default().to_json(), "active": active, "stored": False}


def list_profiles(session: Session) -> list[dict[str, Any]]:
    stored = [profile_json(r) for r in profiles.list_profiles(session)]
    bundled = WeightsProfile.load_default()
    if not any((p["name"], p["version"]) == (bundled.name, bundled.version) for p in stored):
        # The shipped default is always there; it is active until an analyst activates one.
        stored.insert(0, _bundled_json(active=not any(p["active"] for p in stored)))
    return stored


def active(session: Session) -> dict[str, Any]:
    return active_profile(session).to_json()


def get_profile(session: Session, name: str, version: int) -> dict[str, Any]:
    row = profiles.stored_row(session, name, version)
    if row is not None:
        return profile_json(row)
    try:
        profiles.get_profile(session, name, version)  # the bundled default is not stored
    except ProfileError:
        raise NotFound(f"no weights profile '{name}' version {version}") from None
    return _bundled_json(active=active_profile(session).name == name)


def save_version(
    session: Session,
    user: User,
    name: str,
    weights: dict[str, Any],
    description: str,
    activate: bool,
) -> dict[str, Any]:
    """Store the next version of profile `name`; ProfileError names every bad weight."""
    saved = profiles.save_profile(
        session, WeightsProfile(name, 1, weights, description), actor=actor(user)
    )
    if activate:
        profiles.activate_profile(session, saved.name, saved.version, actor=actor(user))
    return get_profile(session, saved.name, saved.version)


def activate_version(session: Session, user: User, name: str, version: int) -> dict[str, Any]:
    try:
        profiles.get_profile(session, name, version)
    except ProfileError:
        raise NotFound(f"no weights profile '{name}' version {version}") from None
    profiles.activate_profile(session, name, version, actor=actor(user))
    return get_profile(session, name, version)
