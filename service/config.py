"""Service settings, read once from the environment (prefix MITRA_) or a `.env` file."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MITRA_", env_file=".env", extra="ignore")

    # None: the CLI default (./mitra.db), see service.db.resolve_url.
    database_url: str | None = None
    # Largest request body accepted (uploads included), in megabytes.
    max_upload_mb: float = Field(default=10.0, gt=0)
    # "per_meeting": buyers see a supplier's contacts only after the organizer releases them
    # for a meeting; "on_schedule": every meeting in a finished schedule releases them.
    contact_release: Literal["per_meeting", "on_schedule"] = "per_meeting"
    # Seconds a verified API key is remembered by one worker (revocation takes this long).
    key_cache_seconds: float = Field(default=30.0, ge=0)
    # Lifetime of a sign-in token from POST /api/auth/token: one working day at the venue.
    token_minutes: float = Field(default=480.0, gt=0)
    # After this many wrong passwords for one account name, that name is refused for
    # `sign_in_block_seconds` (counted per worker process).
    sign_in_max_failures: int = Field(default=5, ge=1, le=100)
    sign_in_block_seconds: float = Field(default=300.0, ge=0)
    schedule_time_limit: float = Field(default=30.0, gt=0)
    # A scheduling job still "queued" or "running" this many seconds past its time limit has
    # lost its worker (restart, crash) and is reported failed.
    stale_job_seconds: float = Field(default=120.0, gt=0)
    # Build the engine's supplier index when a worker starts, not on the first shortlist
    # (`mitra serve` turns this on).
    warm_index: bool = False
    page_size_max: int = Field(default=500, ge=1)
    title: str = "Mitra"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


@lru_cache
def get_settings() -> Settings:
    return Settings()
