"""/api/users: organizers make accounts and keys and switch accounts off; everyone can see who
they are signed in as and change their own password."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, status
from pydantic import BaseModel, Field
from sqlalchemy import select, update
from sqlmodel import col

from models.user import (
    PASSWORD_MAX_LENGTH,
    ApiKey,
    User,
    UserCreate,
    UserPublic,
    UserWithKey,
    password_matches,
)
from service.auth import AccountError, create_user, issue_key, set_active, set_password
from service.crud.errors import Forbidden, Invalid, NotFound
from service.deps import CurrentUser, Organizer, SessionDep, actor
from service.routes.paging import RowId

router = APIRouter(prefix="/users", tags=["users"])


class NewKey(BaseModel):
    api_key: str


class PasswordChange(BaseModel):
    current_password: str = Field(default="", max_length=PASSWORD_MAX_LENGTH)
    new_password: str = Field(max_length=PASSWORD_MAX_LENGTH)


@router.get("/me", response_model=UserPublic)
def who_am_i(user: CurrentUser) -> Any:
    return user


@router.put("/me/password", status_code=status.HTTP_204_NO_CONTENT)
def change_my_password(body: PasswordChange, session: SessionDep, user: CurrentUser) -> None:
    """Change your own password (the current one is asked if you have one). Every sign-in
    token of the account stops working; API keys are not touched."""
    if user.password_hash and not password_matches(body.current_password, user.password_hash):
        raise Forbidden("the current password is wrong")
    try:
        set_password(session, user, body.new_password, actor=actor(user))
    except AccountError as exc:
        raise Invalid([("new_password", str(exc))]) from None
    session.commit()


@router.get("", response_model=list[UserPublic])
def list_users(session: SessionDep, user: Organizer) -> Any:
    return list(session.execute(select(User).order_by(col(User.id))).scalars())


@router.post("", response_model=UserWithKey, status_code=status.HTTP_201_CREATED)
def create_account(body: UserCreate, session: SessionDep, user: Organizer) -> Any:
    """Make an account; the answer holds its API key, shown this once only."""
    try:
        account, key = create_user(
            session, body.name, body.role, organization=body.organization, actor=actor(user)
        )
    except AccountError as exc:
        raise Invalid([("name", str(exc))]) from None
    session.commit()
    session.refresh(account)
    return UserWithKey(**UserPublic.model_validate(account).model_dump(), api_key=key)


@router.post("/{user_id}/keys", response_model=NewKey, status_code=status.HTTP_201_CREATED)
def new_key(
    user_id: RowId, session: SessionDep, user: CurrentUser, revoke_others: bool = False
) -> NewKey:
    """A new API key for an account (organizers: any account; others: their own)."""
    if user.role != "organizer" and user.id != user_id:
        raise NotFound(f"no account {user_id}")
    if session.get(User, user_id) is None:
        raise NotFound(f"no account {user_id}")
    if revoke_others:
        session.execute(update(ApiKey).where(col(ApiKey.user_id) == user_id).values(revoked=True))
    key = issue_key(session, user_id)
    session.commit()
    return NewKey(api_key=key)


@router.delete("/{user_id}/keys", status_code=status.HTTP_204_NO_CONTENT)
def revoke_keys(user_id: RowId, request: Request, session: SessionDep, user: Organizer) -> None:
    """Revoke every key of an account (other workers notice within MITRA_KEY_CACHE_SECONDS)."""
    if session.get(User, user_id) is None:
        raise NotFound(f"no account {user_id}")
    if user_id == user.id:
        raise Forbidden("revoke your own keys from another organizer account")
    session.execute(update(ApiKey).where(col(ApiKey.user_id) == user_id).values(revoked=True))
    session.commit()
    request.app.state.key_cache.clear()


@router.post("/{user_id}/deactivate", response_model=UserPublic)
def deactivate(user_id: RowId, session: SessionDep, user: Organizer) -> Any:
    """Switch an account off: its keys and tokens stop working at once, its data stays."""
    return _switch(user_id, False, session, user)


@router.post("/{user_id}/activate", response_model=UserPublic)
def activate(user_id: RowId, session: SessionDep, user: Organizer) -> Any:
    """Switch an account back on: its API keys work again; it must sign in anew."""
    return _switch(user_id, True, session, user)


def _switch(user_id: int, active: bool, session: SessionDep, user: User) -> User:
    account = session.get(User, user_id)
    if account is None:
        raise NotFound(f"no account {user_id}")
    if user_id == user.id:
        raise Forbidden("switch your own account off from another organizer account")
    set_active(session, account, active, actor=actor(user))
    session.commit()
    session.refresh(account)
    return account
