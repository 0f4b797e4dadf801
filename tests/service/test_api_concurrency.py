"""`mitra serve --workers 2` on PostgreSQL with clients in parallel: the same sheet imported
at once never duplicates a supplier, and simultaneous edits never lose one another."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from models import Supplier
from service.auth import create_user
from service.db import open_database
from service.localserver import running_server
from tests.service.conftest import TEGAL_SHEET

pytestmark = [pytest.mark.db, pytest.mark.slow]

CLIENTS = 8


@pytest.fixture
def served(database_url: str, tmp_path: Path) -> tuple[str, dict[str, str], str]:
    if database_url.startswith("sqlite"):
        pytest.skip("several workers are meant for PostgreSQL")
    with Session(open_database(database_url)) as session:
        _, key = create_user(session, "panitia", "organizer", actor="test")
        session.commit()
    return database_url, {"Authorization": f"Bearer {key}"}, str(tmp_path / "serve.log")


def test_parallel_clients_on_two_workers(served: tuple[str, dict[str, str], str]) -> None:
    url, headers, log = served
    with running_server(url, workers=2, log_file=Path(log)) as base:

        def import_sheet(_: int) -> int:
            with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
                files = {"file": ("suppliers_tegal.csv", TEGAL_SHEET.read_bytes(), "text/csv")}
                return client.post("/api/suppliers/import", files=files).status_code

        with ThreadPoolExecutor(CLIENTS) as pool:
            assert list(pool.map(import_sheet, range(CLIENTS))) == [200] * CLIENTS
        with Session(open_database(url)) as session:
            count = session.execute(select(func.count()).select_from(Supplier)).scalar()
            per_id = session.execute(
                select(Supplier.supplier_id, func.count()).group_by(Supplier.supplier_id)
            ).all()
        assert count == 5
        assert {n for _, n in per_id} == {1}

        start = httpx.get(f"{base}/api/suppliers/TGL-001", headers=headers).json()["machines"]

        def add_machines(_: int) -> int:
            """Read, add one machine, write back with If-Match; retry when someone was first."""
            retries = 0
            with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
                for _round in range(3):
                    while True:
                        read = client.get("/api/suppliers/TGL-001")
                        write = client.patch(
                            "/api/suppliers/TGL-001",
                            json={"machines": read.json()["machines"] + 1},
                            headers={"If-Match": read.headers["ETag"]},
                        )
                        if write.status_code == 200:
                            break
                        assert write.status_code == 412, write.text
                        retries += 1
            return retries

        with ThreadPoolExecutor(CLIENTS) as pool:
            list(pool.map(add_machines, range(CLIENTS)))
        final = httpx.get(f"{base}/api/suppliers/TGL-001", headers=headers).json()
        assert final["machines"] == start + 3 * CLIENTS

        def set_field(field_value: tuple[str, object]) -> int:
            field, value = field_value
            with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
                return client.patch("/api/suppliers/TGL-002", json={field: value}).status_code

        changes = [("employees", 55), ("tier", 1), ("cooperative", "Koperasi Logam Tegal")]
        with ThreadPoolExecutor(len(changes)) as pool:
            assert list(pool.map(set_field, changes)) == [200] * len(changes)
        edited = httpx.get(f"{base}/api/suppliers/TGL-002", headers=headers).json()
        assert [edited[f] for f, _ in changes] == [v for _, v in changes]
