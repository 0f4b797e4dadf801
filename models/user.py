"""Accounts of the people who use the service, and their API keys (stored hashed).

An API key is shown once when it is made. The database keeps only a short public prefix
(to find the key without scanning) and a salted scrypt hash of the whole key.
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
# Keys carry 256 random bits, so a moderate scrypt cost is enough; requests stay fast.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**12, 8, 1


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


class UserCreate(UserBase):
    pass


class UserPublic(UserBase):
    id: int
    active: bool
    created_at: datetime


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
    digest = hashlib.scrypt(
        key.encode("utf-8"), salt=bytes.fromhex(salt), n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    return digest.hex()


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
