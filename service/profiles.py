"""Versioned weights profiles in the database: create, copy, edit, list, diff, activate.

A saved version never changes: editing saves the next version, so every stored shortlist can
still say exactly which weights produced it. One version in the whole database is active;
until an analyst activates one, shortlists use the profile bundled with the package.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from matcher.errors import ProfileError
from matcher.profile import FEATURE_NAMES, WeightsProfile
from models import AuditEvent, WeightProfileRecord


def to_profile(row: WeightProfileRecord) -> WeightsProfile:
    return profile_of(row.name, row.version, row.weights, row.description)


def profile_of(
    name: str, version: int, weights: dict[str, Any], description: str
) -> WeightsProfile:
    """A profile from its stored columns (a row, or the plain columns of a quick query)."""
    return WeightsProfile.from_json(
        {"name": name, "version": version, "weights": weights, "description": description}
    )


def to_record(profile: WeightsProfile, actor: str) -> WeightProfileRecord:
    return WeightProfileRecord(
        name=profile.name,
        version=profile.version,
        description=profile.description,
        weights=profile.to_json()["weights"],
        created_by=actor,
    )


def list_profiles(session: Session) -> list[WeightProfileRecord]:
    """Every stored version, by name then version."""
    query = select(WeightProfileRecord).order_by(
        col(WeightProfileRecord.name), col(WeightProfileRecord.version)
    )
    return list(session.execute(query).scalars())


def stored_row(session: Session, name: str, version: int | None) -> WeightProfileRecord | None:
    """The stored version (the newest when `version` is None), or None."""
    query = select(WeightProfileRecord).where(col(WeightProfileRecord.name) == name)
    if version is None:
        query = query.order_by(col(WeightProfileRecord.version).desc())
    else:
        query = query.where(col(WeightProfileRecord.version) == version)
    return session.execute(query.limit(1)).scalar()


def get_profile(session: Session, name: str, version: int | None = None) -> WeightsProfile:
    """A stored profile (its newest version when none is given); the bundled default is
    always available as `default`."""
    row = stored_row(session, name, version)
    if row is not None:
        return to_profile(row)
    bundled = WeightsProfile.load_default()
    if name == bundled.name and version in (None, bundled.version):
        return bundled
    known = sorted({r.name for r in list_profiles(session)} | {bundled.name})
    which = f"'{name}' version {version}" if version is not None else f"'{name}'"
    raise ProfileError(f"profile {which} not found (known profiles: {', '.join(known)})")


def _next_version(session: Session, name: str) -> int:
    latest = session.execute(
        select(func.max(WeightProfileRecord.version)).where(col(WeightProfileRecord.name) == name)
    ).scalar()
    bundled = WeightsProfile.load_default()
    if name == bundled.name:
        # The bundled default counts as a saved version, so a saved "default" comes after it.
        return max(int(latest or 0), bundled.version) + 1
    return int(latest or 0) + 1


def save_profile(session: Session, profile: WeightsProfile, *, actor: str) -> WeightsProfile:
    """Store `profile`'s weights as the next version of its name; returns what was stored."""
    stored = WeightsProfile(
        profile.name.strip(),
        _next_version(session, profile.name.strip()),
        dict(profile.weights),
        profile.description,
    ).validate()
    session.add(to_record(stored, actor))
    session.add(
        AuditEvent(
            actor=actor,
            action="save_profile",
            target=f"{stored.name} v{stored.version}",
            detail=stored.to_json(),
        )
    )
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise ProfileError(
            f"another version of '{stored.name}' was saved at the same moment; try again"
        ) from None
    return stored


def create_profile(
    session: Session,
    name: str,
    weights: Mapping[str, float],
    *,
    description: str = "",
    actor: str,
) -> WeightsProfile:
    """A new profile name, version 1. Refused when the name exists (edit it instead)."""
    if (
        stored_row(session, name.strip(), None) is not None
        or name == WeightsProfile.load_default().name
    ):
        raise ProfileError(
            f"profile '{name}' already exists: use edit to save a new version, or copy it"
        )
    return save_profile(session, WeightsProfile(name, 1, dict(weights), description), actor=actor)


def copy_profile(
    session: Session, source: str, new_name: str, *, version: int | None = None, actor: str
) -> WeightsProfile:
    """Start a new profile from the weights of an existing one."""
    original = get_profile(session, source, version)
    text = f"copy of {original.name} v{original.version}"
    return create_profile(session, new_name, original.weights, description=text, actor=actor)


def edit_profile(
    session: Session,
    name: str,
    changes: Mapping[str, float],
    *,
    description: str | None = None,
    actor: str,
) -> WeightsProfile:
    """Save the next version of `name` with some weights changed (others kept)."""
    current = get_profile(session, name)
    weights = dict(current.weights) | dict(changes)
    text = current.description if description is None else description
    return save_profile(session, WeightsProfile(name, 1, weights, text), actor=actor)


def activate_profile(
    session: Session, name: str, version: int | None = None, *, actor: str
) -> WeightsProfile:
    """Make this version the one every new shortlist uses (stored in the database first)."""
    profile = get_profile(session, name, version)
    if stored_row(session, profile.name, profile.version) is None:
        # The bundled default becomes a stored version so that activating it is recorded.
        session.add(to_record(profile, actor))
        session.flush()
    session.execute(update(WeightProfileRecord).values(active=False))
    session.execute(
        update(WeightProfileRecord)
        .where(col(WeightProfileRecord.name) == profile.name)
        .where(col(WeightProfileRecord.version) == profile.version)
        .values(active=True)
    )
    session.add(
        AuditEvent(actor=actor, action="activate_profile", target=f"{name} v{profile.version}")
    )
    session.commit()
    return profile


@dataclass(frozen=True)
class WeightChange:
    feature: str
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before


def diff_profiles(a: WeightsProfile, b: WeightsProfile) -> list[WeightChange]:
    """Every feature's weight in both profiles, in feature order, plus the totals ('sum')."""
    rows = [WeightChange(f, a.weight(f), b.weight(f)) for f in FEATURE_NAMES]
    rows.append(WeightChange("sum", sum(a.weights.values()), sum(b.weights.values())))
    return rows


def parse_weight_settings(settings: list[str]) -> dict[str, float]:
    """`capability=0.4` pairs from the command line; ProfileError naming every bad one."""
    weights: dict[str, float] = {}
    problems: list[str] = []
    for setting in settings:
        feature, sep, text = setting.partition("=")
        try:
            if not sep:
                raise ValueError
            weights[feature.strip()] = float(text.replace(",", "."))
        except ValueError:
            problems.append(f"'{setting}' must look like feature=number, e.g. capability=0.4")
    if problems:
        raise ProfileError("; ".join(problems))
    return weights
