"""/api/profiles: weights profiles. Organizers and analysts read; analysts save and activate."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, status
from pydantic import BaseModel, Field

from models.user import Role, User
from service.crud import profiles as crud
from service.deps import OrganizerOrAnalyst, SessionDep, require

router = APIRouter(prefix="/profiles", tags=["profiles"])

Analyst = Annotated[User, Depends(require(Role.analyst))]
Version = Annotated[int, Path(ge=1, le=2_147_483_647)]


class ProfileIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    description: str = Field(default="", max_length=2000)
    weights: dict[str, float]
    activate: bool = False


@router.get("")
def list_profiles(session: SessionDep, user: OrganizerOrAnalyst) -> list[dict[str, Any]]:
    return crud.list_profiles(session)


@router.get("/active")
def active_profile(session: SessionDep, user: OrganizerOrAnalyst) -> dict[str, Any]:
    """The profile shortlists use now."""
    return crud.active(session)


@router.get("/{name}/{version}")
def get_profile(
    name: str, version: Version, session: SessionDep, user: OrganizerOrAnalyst
) -> dict[str, Any]:
    return crud.get_profile(session, name, version)


@router.post("", status_code=status.HTTP_201_CREATED)
def save_profile(body: ProfileIn, session: SessionDep, user: Analyst) -> dict[str, Any]:
    """Save the next version of a profile (optionally making it the active one)."""
    return crud.save_version(
        session, user, body.name.strip(), body.weights, body.description, body.activate
    )


@router.post("/{name}/{version}/activate")
def activate_profile(
    name: str, version: Version, session: SessionDep, user: Analyst
) -> dict[str, Any]:
    return crud.activate_version(session, user, name, version)
