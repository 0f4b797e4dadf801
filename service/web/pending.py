"""Uploaded sheets waiting for the organizer's "save" after the preview.

The bytes sit in a private temporary folder under a random token, tied to the account that
uploaded them, so confirming does not make the organizer upload the file twice. Leftovers
older than an hour are removed whenever a new sheet arrives.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
import time
from pathlib import Path, PurePath

KEEP_SECONDS = 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def folder() -> Path:
    path = Path(tempfile.gettempdir()) / f"mitra-web-uploads-{os.getuid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def keep(user_id: int, name: str, data: bytes) -> str:
    """Store an upload; the token to confirm it with."""
    prune()
    token = secrets.token_urlsafe(24)
    base = folder() / token
    base.with_suffix(".bin").write_bytes(data)
    meta = {"user": user_id, "name": PurePath(name).name, "at": time.time()}
    base.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def fetch(token: str, user_id: int) -> tuple[str, bytes] | None:
    """(file name, bytes) of a pending upload of `user_id`, or None when gone or not theirs."""
    if not TOKEN.match(token):
        return None
    base = folder() / token
    try:
        meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        data = base.with_suffix(".bin").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("user") != user_id:
        return None
    return str(meta["name"]), data


def discard(token: str) -> None:
    if TOKEN.match(token):
        for suffix in (".bin", ".json"):
            (folder() / token).with_suffix(suffix).unlink(missing_ok=True)


def prune(now: float | None = None) -> None:
    limit = (now or time.time()) - KEEP_SECONDS
    for path in folder().glob("*.json"):
        try:
            if path.stat().st_mtime < limit:
                discard(path.stem)
        except OSError:
            continue
