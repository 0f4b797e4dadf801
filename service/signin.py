"""Signing in with a name and password (OAuth2 password flow): tokens and a failure throttle.

Tokens live in the database, so every worker of `mitra serve --workers N` accepts a token any
of them issued, and revoking one takes effect at once everywhere (no cache, unlike API keys:
a token lookup is one indexed read of a SHA-256 digest, with no slow hash to save).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlmodel import Session, col

from models import AuditEvent
from models.supplier import utcnow
from models.user import SignInToken, User, new_token, password_matches, token_digest
from service.config import Settings

# One answer for an unknown name and a wrong password, so nobody can probe for accounts.
WRONG_SIGN_IN = "wrong account name or password"
# Long enough for any real name; longer input is refused before it reaches the database.
NAME_MAX_LENGTH = 120
# Failure times remembered per name: the most MITRA_SIGN_IN_MAX_FAILURES may be.
KEEP_FAILURES = 100


class SignInRefused(Exception):
    """Name and password do not sign in; `retry_after` is set while the name is blocked."""

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime
    seconds: int


class SignInThrottle:
    """Counts wrong passwords per account name and blocks a name after too many.

    Kept in memory per worker: simple, and it never tells whether a name exists, because
    unknown names are counted exactly like known ones.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, list[float]] = {}

    def blocked_for(self, name: str, max_failures: int, window: float) -> float:
        """Seconds until `name` may try again (0 when it may try now)."""
        now = self._clock()
        with self._lock:
            recent = [t for t in self._failures.get(_fold(name), []) if t > now - window]
            if len(recent) < max_failures:
                return 0.0
            return recent[-max_failures] + window - now

    def failed(self, name: str) -> None:
        with self._lock:
            if len(self._failures) > 10_000:  # a flood of invented names must not grow memory
                self._failures.clear()
            times = self._failures.setdefault(_fold(name), [])
            times.append(self._clock())
            del times[:-KEEP_FAILURES]

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(_fold(name), None)


def _fold(name: str) -> str:
    return name.strip().casefold()


def sign_in(
    session: Session,
    name: str,
    password: str,
    throttle: SignInThrottle,
    *,
    max_failures: int,
    block_seconds: float,
) -> User:
    """The active account `name` whose password is `password`; SignInRefused otherwise."""
    name = name.strip()
    wait = throttle.blocked_for(name, max_failures, block_seconds)
    if wait > 0:
        minutes = max(1, round(wait / 60))
        raise SignInRefused(
            f"too many wrong passwords for this account; try again in {minutes} minute(s)",
            retry_after=int(wait) + 1,
        )
    user: User | None = None
    if 0 < len(name) <= NAME_MAX_LENGTH and "\x00" not in name:  # PostgreSQL refuses NUL
        user = session.execute(select(User).where(col(User.name) == name)).scalar()
    stored = user.password_hash if user is not None and user.active else None
    if not password_matches(password, stored):
        throttle.failed(name)
        if user is not None:  # only real accounts reach the audit trail; never the password
            session.add(AuditEvent(actor=name, action="sign_in_failed", target=name))
            session.commit()
        raise SignInRefused(WRONG_SIGN_IN)
    assert user is not None
    throttle.succeeded(name)
    return user


def issue_token(session: Session, user: User, minutes: float) -> IssuedToken:
    """A new token for `user`, valid `minutes`; the account's dead tokens are cleared out."""
    assert user.id is not None
    now = utcnow()
    session.execute(
        delete(SignInToken).where(
            col(SignInToken.user_id) == user.id,
            or_(col(SignInToken.revoked).is_(True), col(SignInToken.expires_at) < now),
        )
    )
    token, digest = new_token()
    expires_at = now + timedelta(minutes=minutes)
    session.add(SignInToken(user_id=user.id, token_hash=digest, expires_at=expires_at))
    session.add(AuditEvent(actor=f"{user.name} ({user.role})", action="sign_in", target=user.name))
    return IssuedToken(token=token, expires_at=expires_at, seconds=round(minutes * 60))


def token_for_password(
    session: Session, name: str, password: str, throttle: SignInThrottle, settings: Settings
) -> IssuedToken:
    """Sign in with a password and get a token, as the API and the web page both do (same
    throttle, same audit); SignInRefused when the name, the password or the block says no."""
    user = sign_in(
        session,
        name,
        password,
        throttle,
        max_failures=settings.sign_in_max_failures,
        block_seconds=settings.sign_in_block_seconds,
    )
    issued = issue_token(session, user, settings.token_minutes)
    session.commit()
    return issued


def user_for_token(session: Session, token: str) -> User | None:
    """The active account holding `token`, or None when it is unknown, expired or revoked."""
    stored = session.execute(
        select(SignInToken).where(col(SignInToken.token_hash) == token_digest(token))
    ).scalar()
    if stored is None or stored.revoked or stored.expires_at <= utcnow():
        return None
    user = session.get(User, stored.user_id)
    if user is None or not user.active:
        return None
    return user


def revoke_token(session: Session, token: str) -> None:
    session.execute(
        update(SignInToken)
        .where(col(SignInToken.token_hash) == token_digest(token))
        .values(revoked=True)
    )


def revoke_tokens(session: Session, user_id: int) -> None:
    """Sign the account out everywhere (its API keys are not touched)."""
    session.execute(
        update(SignInToken).where(col(SignInToken.user_id) == user_id).values(revoked=True)
    )
