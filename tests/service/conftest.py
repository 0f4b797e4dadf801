"""API fixtures: a TestClient on a fresh database (SQLite, and PostgreSQL when configured),
and accounts of each role to call it with."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from service.app import create_app
from service.auth import create_user

TEGAL_SHEET = Path(__file__).parents[1] / "fixtures" / "suppliers_tegal.csv"


@dataclass
class Api:
    """A client plus the API keys of the accounts made so far."""

    app: FastAPI
    client: TestClient
    keys: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    @property
    def engine(self) -> Engine:
        engine: Engine = self.app.state.engine
        return engine

    def account(self, name: str, role: str, organization: str = "") -> dict[str, str]:
        """Headers signing in as `name`, making the account on first use."""
        if name not in self.keys:
            with Session(self.engine) as session:
                user, key = create_user(
                    session, name, role, organization=organization, actor="test"
                )
                session.commit()
                assert user.id is not None
                self.keys[name], self.ids[name] = key, user.id
        return {"Authorization": f"Bearer {self.keys[name]}"}

    def import_tegal(self, headers: dict[str, str]) -> None:
        response = self.client.post(
            "/api/suppliers/import",
            headers=headers,
            files={"file": ("suppliers_tegal.csv", TEGAL_SHEET.read_bytes(), "text/csv")},
        )
        assert response.status_code == 200, response.text


@pytest.fixture
def api(database_url: str) -> Iterator[Api]:
    app = create_app(database_url)
    with TestClient(app) as client:
        yield Api(app=app, client=client)
    app.state.jobs.shutdown(wait=True)


@pytest.fixture
def organizer(api: Api) -> dict[str, str]:
    return api.account("panitia-tegal", "organizer", "Dinas Perindustrian Kab. Tegal")


@pytest.fixture
def astra(api: Api) -> dict[str, str]:
    return api.account("astra", "buyer", "PT Astra Otoparts")


@pytest.fixture
def ahm(api: Api) -> dict[str, str]:
    return api.account("ahm", "buyer", "PT Astra Honda Motor")


@pytest.fixture
def analyst(api: Api) -> dict[str, str]:
    return api.account("analis", "analyst", "Kemenperin")


@pytest.fixture
def catalogue(api: Api, organizer: dict[str, str]) -> None:
    """The five Tegal/Cilegon/Kendal suppliers of tests/fixtures/suppliers_tegal.csv."""
    api.import_tegal(organizer)
