"""Migration 0005: accounts made before passwords keep their API keys and can get a password."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text
from sqlmodel import Session

from models.user import User
from service.auth import set_password
from service.db import make_engine, resolve_url
from service.signin import SignInThrottle, sign_in

pytestmark = pytest.mark.db

MIGRATIONS = Path(__file__).parents[2] / "service" / "migrations"


def test_accounts_from_before_0005_keep_working_and_can_get_a_password(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("models.user.PASSWORD_N", 2**10)  # speed only; see test_tokens
    engine = make_engine(resolve_url(database_url))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        connection.execute(
            text(
                "INSERT INTO app_user (name, role, organization, active, created_at) "
                "VALUES ('astra', 'buyer', 'PT Astra Otoparts', true, '2026-11-01')"
            )
        )
        command.upgrade(config, "0005")
        assert "sign_in_token" in inspect(connection).get_table_names()

    with Session(engine) as session:
        user = session.get(User, 1)
        assert user is not None and not user.has_password
        set_password(session, user, "Gudang-Cikarang-7", actor="test")
        session.commit()
        throttle = SignInThrottle()
        signed_in = sign_in(
            session, "astra", "Gudang-Cikarang-7", throttle, max_failures=5, block_seconds=60
        )
        assert signed_in.name == "astra"

    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
        assert "sign_in_token" not in inspect(connection).get_table_names()
        columns = {c["name"] for c in inspect(connection).get_columns("app_user")}
        assert "password_hash" not in columns and "name" in columns
    engine.dispose()
