"""Accounts and API keys: making them, and finding the account behind a presented key."""

from __future__ import annotations

import hashlib
import threading
import time

from sqlalchemy import select
from sqlmodel import Session, col

from models import AuditEvent
from models.user import ApiKey, Role, User, key_matches, key_prefix, new_api_key


class AccountError(ValueError):
    """An account cannot be made as asked (name taken, unknown role)."""


def create_user(
    session: Session, name: str, role: Role | str, *, organization: str = "", actor: str
) -> tuple[User, str]:
    """A new account and its first API key; the key is returned once and never stored."""
    name = name.strip()
    try:
        role = Role(role)
    except ValueError:
        raise AccountError(f"unknown role '{role}'; choose organizer, buyer or analyst") from None
    if not name:
        raise AccountError("give the account a name")
    if session.execute(select(col(User.id)).where(col(User.name) == name)).first() is not None:
        raise AccountError(f"an account named '{name}' already exists")
    user = User(name=name, role=role, organization=organization.strip())
    session.add(user)
    session.flush()
    assert user.id is not None
    key = issue_key(session, user.id)
    session.add(
        AuditEvent(actor=actor, action="create_user", target=name, detail={"role": str(role)})
    )
    return user, key


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
    """The active account owning `key`, or None for an unknown, revoked or malformed key."""
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
