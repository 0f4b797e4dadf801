"""Database engines: embedded SQLite by default, PostgreSQL when a URL says so.

The schema is owned by alembic migrations (`service/migrations`); `open_database` brings any
database up to the newest revision before use.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

DEFAULT_DB_FILE = "mitra.db"
ENV_URL = "MITRA_DATABASE_URL"

_engines: dict[str, Engine] = {}
_open_lock = threading.RLock()


def default_url() -> str:
    return f"sqlite:///{Path(DEFAULT_DB_FILE).resolve()}"


def resolve_url(url: str | None) -> str:
    """`--db` wins, then MITRA_DATABASE_URL, then ./mitra.db. Plain paths mean SQLite files."""
    url = url or os.environ.get(ENV_URL) or default_url()
    if "://" not in url:
        url = f"sqlite:///{Path(url).resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def describe(url: str) -> str:
    """A URL fit to print: the file for SQLite, no password for servers."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///") or ":memory:"
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL keeps readers working during an import; an interrupted write is rolled back on open.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _json_text(value: Any) -> str:
    """JSON columns (stored shortlists are ~20 kB each) written with orjson: ~10x faster."""
    return orjson.dumps(value, default=_json_fallback, option=_JSON_OPTIONS).decode()


_JSON_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY


def _json_fallback(value: Any) -> Any:
    if isinstance(value, float):  # float subclasses orjson does not take as they are
        return float(value)
    raise TypeError(f"cannot store a {type(value).__name__} as JSON")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False},
            poolclass=StaticPool if memory else None,
            json_serializer=_json_text,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url, pool_pre_ping=True, pool_size=10, max_overflow=20, json_serializer=_json_text
    )


def open_database(url: str | None = None, *, migrate: bool = True) -> Engine:
    """An engine for `url` (resolved as `resolve_url` does), migrated to the newest schema."""
    resolved = resolve_url(url)
    engine = _engines.get(resolved)
    if engine is not None:
        return engine
    # One thread at a time: alembic keeps its migration context in module globals, so two
    # threads migrating at once (the start-up index builder and a first request) break it.
    with _open_lock:
        return _open(resolved, migrate)


def _open(resolved: str, migrate: bool) -> Engine:
    engine = _engines.get(resolved)
    if engine is None:
        if resolved.startswith("sqlite:///") and resolved != "sqlite:///:memory:":
            Path(resolved.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(resolved)
        if migrate:
            upgrade(engine)
        _engines[resolved] = engine
    return engine


def upgrade(engine: Engine) -> None:
    """Run alembic migrations up to every head on this engine (feature branches may fork)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")


def forget_engines() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
