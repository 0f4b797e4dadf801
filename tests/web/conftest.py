"""Fixtures for the page tests: an app on a fresh SQLite file, accounts, signed-in clients,
and small supplier sheets from Tegal, Cilegon, Kendal, Bekasi and Karawang."""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from service.app import create_app
from service.auth import create_user
from service.db import forget_engines, make_engine, open_database
from tests.conftest import BACKENDS, PG_URL, _pg_schema_url

HEADER = (
    "supplier_id,nama,kabupaten,sentra,proses,bahan,sertifikat,kapasitas,satuan,koperasi,email\n"
)
GOOD_ROWS = [
    "TGL-001,UD Sinar Logam,Kab. Tegal,LIK Takaru,bubut CNC; frais,S45C,ISO 9001|2028-06-30,"
    "5.000,pcs,Koperasi Logam Takaru,sinar@example.net",
    "TGL-002,CV Karya Teknik Tegal,Kab. Tegal,LIK Takaru,stamping; las spot,SPCC,"
    "ISO 9001|2028-01-31,20.000,pcs,,karya@example.net",
    "CLG-001,PT Baja Pesisir Cilegon,Kota Cilegon,,pengecoran; bubut,FC25,SNI,12,ton,,",
    "KDL-001,UD Mebel Jati Kendal,Kab. Kendal,Sentra Mebel Kendal,finishing kayu; bubut kayu,"
    "kayu jati,SVLK,300,set,Koperasi Mebel Kendal,",
    "BKS-001,PT Presisi Bekasi,Kab. Bekasi,,stamping progresif; spot welding,SPCC,"
    "ISO 9001|2028-12-31; IATF 16949|2028-12-31,40.000,pcs,,presisi@example.net",
    "KRW-001,CV Plastik Karawang,Kab. Karawang,,injection molding,PP; ABS,,80.000,pcs,,",
]
BAD_ROWS = [
    "TGL-003,UD Tanpa Proses,Kab. Tegal,,,,,1.000,pcs,,",
    "TGL-004,CV Kapasitas Aneh,Kab. Tegal,,bubut,,,banyak,pcs,,",
]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Marks a test whose body failed, so browser fixtures can keep a screenshot of it."""
    outcome: Any = yield
    report = outcome.get_result()
    if report.when == "call":
        item.call_failed = report.failed  # type: ignore[attr-defined]


def sheet(rows: list[str]) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode("utf-8")


@dataclass
class Site:
    """The app, its engine, and the API key of each account by name."""

    app: FastAPI
    keys: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def account(self, name: str, role: str, organization: str = "") -> str:
        with Session(self.app.state.engine) as session:
            user, key = create_user(session, name, role, organization=organization, actor="test")
            session.commit()
            assert user.id is not None
            self.ids[name] = user.id
        self.keys[name] = key
        return key

    def client(self) -> TestClient:
        return TestClient(self.app, follow_redirects=False)

    def signed_in(self, name: str) -> SignedIn:
        return sign_in(self.client(), name, self.keys[name])


@dataclass
class SignedIn:
    client: TestClient
    csrf: str

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, **kwargs)

    def post(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        return self.client.post(url, data={"csrf": self.csrf, **(data or {})}, **kwargs)


def sign_in(client: TestClient, name: str, key: str) -> SignedIn:
    client.get("/masuk")
    token = client.cookies.get("mitra_login")
    answer = client.post("/masuk", data={"name": name, "api_key": key, "login_token": token})
    assert answer.status_code == 303, answer.text
    home = client.get("/kebutuhan")
    found = re.search(r'name="csrf" value="([^"]+)"', home.text)
    assert found is not None
    return SignedIn(client, found.group(1))


ACCOUNTS = [
    ("panitia", "organizer", "Dinas Perindustrian Kab. Tegal"),
    ("analis", "analyst", ""),
    ("buyer-astra", "buyer", "PT Astra Otoparts"),
    ("buyer-ahm", "buyer", "PT Astra Honda Motor"),
]


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Site]]:
    """One app and a migrated database with the accounts, made once per run (building the
    app and migrating take most of a second); each test gets its own copy of the database."""
    path = tmp_path_factory.mktemp("web-template") / "mitra-web.db"
    made = Site(create_app(f"sqlite:///{path}"))
    for name, role, organization in ACCOUNTS:
        made.account(name, role, organization)
    made.app.state.engine.dispose()
    yield path, made
    made.app.state.jobs.shutdown(wait=True)
    forget_engines()


@pytest.fixture(params=BACKENDS)
def site(
    request: pytest.FixtureRequest, tmp_path: Path, template: tuple[Path, Site]
) -> Iterator[Site]:
    """The shared app on a database of this test's own: a copy of the SQLite template, or a
    fresh PostgreSQL schema (when MITRA_TEST_DATABASE_URL is set) with the same accounts."""
    source, made = template
    app = made.app
    app.state.key_cache.clear()
    if request.param == "sqlite":
        copy = tmp_path / "mitra-web.db"
        shutil.copyfile(source, copy)
        app.state.engine = make_engine(f"sqlite:///{copy}")
        yield Site(app, dict(made.keys), dict(made.ids))
        app.state.engine.dispose()
        return
    if not PG_URL:
        pytest.skip("MITRA_TEST_DATABASE_URL not set (PostgreSQL tests skipped)")
    schema = f"w_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(PG_URL).set(drivername="postgresql+psycopg"))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        app.state.engine = open_database(_pg_schema_url(PG_URL, schema))
        fresh = Site(app)
        for name, role, organization in ACCOUNTS:
            fresh.account(name, role, organization)
        yield fresh
    finally:
        app.state.engine.dispose()
        forget_engines()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def organizer(site: Site) -> SignedIn:
    return site.signed_in("panitia")


@pytest.fixture
def catalogue(site: Site, organizer: SignedIn) -> None:
    """The good rows saved through the upload pages."""
    preview = organizer.post("/pemasok/unggah", files={"file": ("pemasok.csv", sheet(GOOD_ROWS))})
    token = re.search(r'name="token" value="([^"]+)"', preview.text)
    assert preview.status_code == 200 and token is not None
    saved = organizer.post("/pemasok/unggah/simpan", {"token": token.group(1)})
    assert saved.status_code == 303


def requirement_form(requirement_id: str, **values: str) -> dict[str, str]:
    return {
        "requirement_id": requirement_id,
        "title": "Bracket stamping SPCC 2 mm",
        "processes": "stamping; spot welding",
        "materials": "SPCC",
        "certifications_required": "ISO 9001",
        "monthly_volume": "20.000",
        "volume_unit": "pcs",
        "delivery_regency": "Kab. Bekasi",
        "max_distance_km": "400",
        "needed_by": "2027-03-01",
        **values,
    }
