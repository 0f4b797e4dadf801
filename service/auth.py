"""Accounts, API keys and passwords: making them, and finding the account behind a presented
API key or sign-in token (tokens themselves are `service.signin`)."""

from __future__ import annotations

import hashlib
import threading
import time

from sqlalchemy import select
from sqlmodel import Session, col

from models import AuditEvent
from models.user import (
    ApiKey,
    Role,
    User,
    hash_password,
    is_token,
    key_matches,
    key_prefix,
    new_api_key,
    password_problem,
)
from service.signin import revoke_tokens, user_for_token


class AccountError(ValueError):
    """An account cannot be made as asked (name taken, unknown role)."""


def create_user(
    session: Session,
    name: str,
    role: Role | str,
    *,
    organization: str = "",
    actor: str,
    password: str | None = None,
) -> tuple[User, str]:
    """A new account and its first API key; the key is returned once and never stored.

    With `password` the account can also sign in by name and password (POST /api/auth/token).
    """
    name = name.strip()
    try:
        role = Role(role)
    except ValueError:
        raise AccountError(f"unknown role '{role}'; choose organizer, buyer or analyst") from None
    if not name:
        raise AccountError("give the account a name")
    if password is not None and (problem := password_problem(password, name)):
        raise AccountError(problem)
    if session.execute(select(col(User.id)).where(col(User.name) == name)).first() is not None:
        raise AccountError(f"an account named '{name}' already exists")
    user = User(name=name, role=role, organization=organization.strip())
    if password is not None:
        user.password_hash = hash_password(password)
    session.add(user)
    session.flush()
    assert user.id is not None
    key = issue_key(session, user.id)
    session.add(
        AuditEvent(
            actor=actor,
            action="create_user",
            target=name,
            detail={"role": str(role), "password": password is not None},
        )
    )
    return user, key


def set_password(session: Session, user: User, password: str | None, *, actor: str) -> None:
    """Give `user` a new password (None: remove it); its sign-in tokens stop working."""
    if password is not None and (problem := password_problem(password, user.name)):
        raise AccountError(problem)
    user.password_hash = hash_password(password) if password is not None else None
    session.add(user)
    assert user.id is not None
    revoke_tokens(session, user.id)
    action = "set_password" if password is not None else "remove_password"
    session.add(AuditEvent(actor=actor, action=action, target=user.name))


def set_active(session: Session, user: User, active: bool, *, actor: str) -> None:
    """Switch an account on or off; switching off also ends its sign-in tokens at once."""
    user.active = active
    session.add(user)
    assert user.id is not None
    if not active:
        revoke_tokens(session, user.id)
    action = "activate_user" if active else "deactivate_user"
    session.add(AuditEvent(actor=actor, action=action, target=user.name))


def issue_key(session: Session, user_id: int) -> str:
    key, row = new_api_key(user_id)
    session.add(row)
    return key


class KeyCache:
    """Verified keys remembered briefly, so a busy buyer does not pay scrypt on every call.

    Only a SHA-256 digest of the key is held in memory, never the key itself.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[int, float]] = {}

    def get(self, key: str) -> int | None:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        with self._lock:
            entry = self._entries.get(digest)
            if entry is None or entry[1] < time.monotonic():
                self._entries.pop(digest, None)
                return None
            return entry[0]

    def put(self, key: str, user_id: int, seconds: float) -> None:
        if seconds <= 0:
            return
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        with self._lock:
            if len(self._entries) > 10_000:
                self._entries.clear()
            self._entries[digest] = (user_id, time.monotonic() + seconds)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def authenticate(session: Session, key: str, cache: KeyCache, cache_seconds: float) -> User | None:
    """The active account owning `key` (an API key or a sign-in token), or None for an
    unknown, expired, revoked or malformed one."""
    if is_token(key):
        return user_for_token(session, key)
    user_id = cache.get(key)
    if user_id is None:
        prefix = key_prefix(key)
        if prefix is None:
            return None
        stored = session.execute(
            select(ApiKey).where(col(ApiKey.prefix) == prefix, col(ApiKey.revoked) == False)  # noqa: E712
        ).scalar()
        if stored is None or not key_matches(key, stored):
            return None
        user_id = stored.user_id
        cache.put(key, user_id, cache_seconds)
    user = session.get(User, user_id)
    if user is None or not user.active:
        return None
    return user
