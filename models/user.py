"""Accounts of the people who use the service, their API keys, passwords and sign-in tokens.

An API key is shown once when it is made. The database keeps only a short public prefix
(to find the key without scanning) and a salted scrypt hash of the whole key. A password, when
an account has one, is kept as a salted scrypt hash too, at a higher cost because people choose
guessable passwords. A sign-in token (OAuth2 password flow) is kept as its SHA-256 digest: it
carries 256 random bits, so a slow hash would add nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from models.supplier import utcnow

KEY_PREFIX = "mitra"
# Tokens start differently from keys ("mitra_<prefix>_..."), so one glance tells them apart.
TOKEN_PREFIX = "mitratoken_"
# Keys carry 256 random bits, so a moderate scrypt cost is enough; requests stay fast.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**12, 8, 1
# Passwords are guessable, so each guess must cost more (about 32 MB and 0.1 s per try).
PASSWORD_N, PASSWORD_R, PASSWORD_P = 2**15, 8, 1
PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 200


class Role(StrEnum):
    organizer = "organizer"
    buyer = "buyer"
    analyst = "analyst"


class UserBase(SQLModel):
    name: str = Field(min_length=1, max_length=120, index=True, unique=True)
    role: Role = Field(sa_type=String(20))  # plain text: no database enum type to migrate
    organization: str = Field(default="", max_length=300)


class User(UserBase, table=True):
    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    # "scrypt$N$r$p$salt$hash", or None: the account signs in with API keys only.
    password_hash: str | None = Field(default=None, max_length=300)

    @property
    def has_password(self) -> bool:
        return bool(self.password_hash)


class UserCreate(UserBase):
    pass


class UserPublic(UserBase):
    id: int
    active: bool
    created_at: datetime
    has_password: bool = False


class UserWithKey(UserPublic):
    """Returned once, when an account or key is made: the key is never shown again."""

    api_key: str


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    prefix: str = Field(max_length=16, index=True, unique=True)
    salt: str = Field(max_length=64)
    key_hash: str = Field(max_length=128)
    created_at: datetime = Field(default_factory=utcnow)
    revoked: bool = False


def hash_key(key: str, salt: str) -> str:
    return _scrypt(key, bytes.fromhex(salt), SCRYPT_N, SCRYPT_R, SCRYPT_P).hex()


def new_api_key(user_id: int) -> tuple[str, ApiKey]:
    """A fresh key for `user_id`: (the key to hand over once, the row to store)."""
    prefix = secrets.token_hex(6)
    key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    salt = secrets.token_hex(16)
    return key, ApiKey(user_id=user_id, prefix=prefix, salt=salt, key_hash=hash_key(key, salt))


def key_prefix(key: str) -> str | None:
    """The lookup prefix of a presented key, or None when it is not shaped like one."""
    parts = key.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1]:
        return None
    return parts[1]


def key_matches(key: str, stored: ApiKey) -> bool:
    return hmac.compare_digest(hash_key(key.strip(), stored.salt), stored.key_hash)


class SignInToken(SQLModel, table=True):
    """A bearer token from `POST /api/auth/token`: only its digest is stored."""

    __tablename__ = "sign_in_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    token_hash: str = Field(max_length=64, index=True, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked: bool = False


def new_token() -> tuple[str, str]:
    """A fresh sign-in token: (the token to hand over, its digest to store)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, token_digest(token)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


def is_token(credential: str) -> bool:
    return credential.strip().startswith(TOKEN_PREFIX)


def password_problem(password: str, name: str = "") -> str | None:
    """Why `password` cannot be used, in words for the person choosing it; None when fine."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return f"a password needs at least {PASSWORD_MIN_LENGTH} characters"
    if len(password) > PASSWORD_MAX_LENGTH:
        return f"a password may have at most {PASSWORD_MAX_LENGTH} characters"
    if name and password.strip().casefold() == name.strip().casefold():
        return "the password must not be the account name"
    return None


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, PASSWORD_N, PASSWORD_R, PASSWORD_P)
    return f"scrypt${PASSWORD_N}${PASSWORD_R}${PASSWORD_P}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str | None) -> bool:
    """Whether `password` is the one hashed in `stored` (the cost is read from `stored`)."""
    if not stored:
        # Same work as a real check, so a missing account or password takes as long to refuse.
        _scrypt(password, b"\0" * 16, PASSWORD_N, PASSWORD_R, PASSWORD_P)
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        computed = _scrypt(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(computed.hex(), digest)


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    """scrypt of an API key or a password, at the cost given (keys cheap, passwords dear)."""
    return hashlib.scrypt(
        secret.encode("utf-8", "surrogatepass"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * n * r + 1024 * 1024,
        dklen=32,
    )
