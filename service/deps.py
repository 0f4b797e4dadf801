"""Request dependencies: the database session, the signed-in account, role checks."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.security import (
    APIKeyHeader,
    HTTPAuthorizationCredentials,
    HTTPBearer,
    OAuth2PasswordBearer,
)
from sqlalchemy.engine import Engine
from sqlmodel import Session

from models.user import Role, User
from service.auth import KeyCache, authenticate
from service.config import Settings

_engine_lock = threading.Lock()

TOKEN_URL = "/api/auth/token"

# Three ways to sign in, each listed under "Authorize" in /docs. The first two share the
# `Authorization: Bearer` header; `current_user` tells a token from a key by its prefix.
password_flow = OAuth2PasswordBearer(
    tokenUrl=TOKEN_URL,
    auto_error=False,
    description="Account name and password; the token lasts MITRA_TOKEN_MINUTES.",
)
bearer = HTTPBearer(auto_error=False, description="API key: `Authorization: Bearer <key>`")
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key")


# Light dependencies are `async def` on purpose: FastAPI runs a plain `def` dependency in a
# worker thread, and those hops cost more than the work itself.


async def get_engine(request: Request) -> Engine:
    """The app's database, opened (and migrated) on first use."""
    state = request.app.state
    engine: Engine | None = getattr(state, "engine", None)
    if engine is None:
        from service.db import open_database

        with _engine_lock:
            engine = getattr(state, "engine", None)
            if engine is None:
                engine = open_database(state.database_url)
                state.engine = engine
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]


async def get_session(engine: EngineDep) -> AsyncIterator[Session]:
    # Making a Session does no I/O; it connects on first use, inside the (threaded) handler.
    with Session(engine) as session:
        yield session


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]

UNAUTHORIZED = HTTPException(
    status_code=status.HTTP_401_UNAUTHORIZED,
    detail=(
        "sign in: send your API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>', "
        f"or a token from POST {TOKEN_URL} as 'Authorization: Bearer <token>' "
        "(an expired token needs a new sign-in)"
    ),
    headers={"WWW-Authenticate": "Bearer"},
)


async def presented_credential(
    token: Annotated[str | None, Security(password_flow)] = None,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)] = None,
    header_key: Annotated[str | None, Security(api_key_header)] = None,
) -> str | None:
    """The API key or sign-in token the request carries, if any."""
    return header_key or token or (credentials.credentials if credentials else None)


Credential = Annotated[str | None, Depends(presented_credential)]


def current_user(
    request: Request, session: SessionDep, settings: SettingsDep, key: Credential
) -> User:
    if not key:
        raise UNAUTHORIZED
    cache: KeyCache = request.app.state.key_cache
    user = authenticate(session, key, cache, settings.key_cache_seconds)
    if user is None:
        raise UNAUTHORIZED
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def require(*roles: Role) -> Callable[[User], Coroutine[Any, Any, User]]:
    """A dependency admitting only accounts with one of `roles` (403 for the others)."""
    names = " or ".join(r.value for r in roles)

    async def check(user: CurrentUser) -> User:
        if user.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"only {names} accounts may do this")
        return user

    return check


Organizer = Annotated[User, Depends(require(Role.organizer))]
OrganizerOrAnalyst = Annotated[User, Depends(require(Role.organizer, Role.analyst))]
OrganizerOrBuyer = Annotated[User, Depends(require(Role.organizer, Role.buyer))]


def is_buyer(user: User) -> bool:
    return user.role == Role.buyer


def actor(user: User) -> str:
    """How an account appears in the audit trail."""
    return f"{user.name} ({user.role})"
