"""Weight profiles: analysts save new versions and choose the active one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlmodel import Session

from matcher.profile import WeightsProfile
from models import AuditEvent, WeightProfileRecord
from models.user import User
from service.crud.errors import NotFound
from service.shortlists import active_profile


def list_profiles(session: Session) -> list[dict[str, Any]]:
    rows = session.execute(
        select(WeightProfileRecord).order_by(WeightProfileRecord.name, WeightProfileRecord.version)  # type: ignore[arg-type]
    ).scalars()
    stored = [profile_json(r) for r in rows]
    if not any(p["active"] for p in stored):
        # Nothing activated yet: the shipped default is what shortlists use.
        default = WeightsProfile.load_default().to_json()
        stored.insert(0, {**default, "active": True, "stored": False})
    return stored


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


def active(session: Session) -> dict[str, Any]:
    return active_profile(session).to_json()


def get_profile(session: Session, name: str, version: int) -> WeightProfileRecord:
    row = session.execute(
        select(WeightProfileRecord).where(
            WeightProfileRecord.name == name, WeightProfileRecord.version == version
        )
    ).scalar()
    if row is None:
        raise NotFound(f"no weights profile '{name}' version {version}")
    return row


def save_version(
    session: Session,
    user: User,
    name: str,
    weights: dict[str, Any],
    description: str,
    activate: bool,
) -> WeightProfileRecord:
    """Store the next version of profile `name`; ProfileError names every bad weight."""
    latest = session.execute(
        select(func.max(WeightProfileRecord.version)).where(WeightProfileRecord.name == name)
    ).scalar()
    version = int(latest or 0) + 1
    profile = WeightsProfile(name=name, version=version, weights=weights, description=description)
    profile.validate()
    row = WeightProfileRecord(
        name=name,
        version=version,
        description=description,
        weights=profile.to_json()["weights"],
        created_by=f"{user.name} ({user.role})",
    )
    session.add(row)
    session.add(
        AuditEvent(
            actor=row.created_by,
            action="save_profile",
            target=f"{name} v{version}",
            detail={"weights": row.weights},
        )
    )
    session.commit()
    session.refresh(row)
    if activate:
        return activate_version(session, user, name, version)
    return row


def activate_version(session: Session, user: User, name: str, version: int) -> WeightProfileRecord:
    row = get_profile(session, name, version)
    session.execute(update(WeightProfileRecord).values(active=False))
    row.active = True
    session.add(row)
    session.add(
        AuditEvent(
            actor=f"{user.name} ({user.role})",
            action="activate_profile",
            target=f"{name} v{version}",
        )
    )
    session.commit()
    session.refresh(row)
    return row
