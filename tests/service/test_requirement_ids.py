"""Requirement ids are unique per buyer: choosing an id another buyer uses reveals nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from service.db import make_engine, resolve_url
from tests.service.api_helpers import requirement
from tests.service.conftest import Api

pytestmark = pytest.mark.db

Headers = dict[str, str]
MIGRATIONS = Path(__file__).parents[2] / "service" / "migrations"

AHM_PISTON = requirement(
    buyer="PT Astra Honda Motor",
    title="Pin piston bubut",
    processes=["bubut"],
    materials=["S45C"],
    monthly_volume=1000,
)


def without_times(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in ("created_at", "updated_at")}


def test_a_taken_id_gets_the_same_answer_as_a_fresh_one(
    api: Api, astra: Headers, ahm: Headers
) -> None:
    assert (
        api.client.post("/api/requirements", json=requirement(), headers=astra).status_code == 201
    )
    taken = api.client.post("/api/requirements", json=AHM_PISTON, headers=ahm)
    fresh_document = {**AHM_PISTON, "requirement_id": "REQ-AHM-777"}
    fresh = api.client.post("/api/requirements", json=fresh_document, headers=ahm)
    assert taken.status_code == fresh.status_code == 201
    assert taken.headers.keys() == fresh.headers.keys()
    # Apart from the id itself (and the clock), the two answers are the same.
    same_id = {**without_times(fresh.json()), "requirement_id": "REQ-AOP-001"}
    same_id["document"] = {**same_id["document"], "requirement_id": "REQ-AOP-001"}
    assert without_times(taken.json()) == same_id
    # Each buyer's list holds its own requirements only, counts included.
    mine = api.client.get("/api/requirements", headers=astra).json()
    assert mine["total"] == 1 and mine["items"][0]["document"]["title"] == requirement()["title"]


def test_the_same_id_reaches_each_buyers_own_requirement_and_shortlist(
    api: Api, astra: Headers, ahm: Headers, organizer: Headers, catalogue: None
) -> None:
    api.client.post("/api/requirements", json=requirement(), headers=astra)
    api.client.post("/api/requirements", json=AHM_PISTON, headers=ahm)
    for headers, title in ((astra, "Bracket stamping SPCC 2 mm"), (ahm, "Pin piston bubut")):
        read = api.client.get("/api/requirements/REQ-AOP-001", headers=headers).json()
        assert read["document"]["title"] == title
    # The organizer forces the lathe shop out of Astra's requirement only.
    astra_id = api.ids["astra"]
    forced = api.client.put(
        f"/api/requirements/REQ-AOP-001/overrides/TGL-001?owner_id={astra_id}",
        json={"mode": "out", "reason": "mutu bubut bermasalah"},
        headers=organizer,
    )
    assert forced.status_code == 200 and forced.json()["owner_id"] == astra_id
    shown = {}
    for name, headers in (("astra", astra), ("ahm", ahm)):
        url = "/api/requirements/REQ-AOP-001/shortlist?top=5"
        document = api.client.post(url, headers=headers).json()
        shown[name] = [r["supplier_id"] for r in document["results"]]
    assert "TGL-001" not in shown["astra"]
    assert shown["ahm"][0] == "TGL-001"  # the only lathe shop heads AHM's turning shortlist
    # A buyer sees only its own shortlists under that id.
    history = api.client.get("/api/shortlists?requirement_id=REQ-AOP-001", headers=ahm).json()
    assert history["total"] == 1 and history["items"][0]["owner_id"] == api.ids["ahm"]


def test_staff_name_the_owner_when_an_id_is_shared(
    api: Api, astra: Headers, ahm: Headers, organizer: Headers
) -> None:
    api.client.post("/api/requirements", json=requirement(), headers=astra)
    api.client.post("/api/requirements", json=AHM_PISTON, headers=ahm)
    unclear = api.client.get("/api/requirements/REQ-AOP-001", headers=organizer)
    assert unclear.status_code == 409 and "owner_id" in unclear.json()["detail"]
    chosen = api.client.get(
        f"/api/requirements/REQ-AOP-001?owner_id={api.ids['ahm']}", headers=organizer
    )
    assert chosen.json()["document"]["title"] == "Pin piston bubut"
    # A buyer naming another owner still reaches only its own.
    own = api.client.get(f"/api/requirements/REQ-AOP-001?owner_id={api.ids['ahm']}", headers=astra)
    assert own.json()["owner_id"] == api.ids["astra"]


def test_a_buyer_reusing_its_own_id_is_told_so(api: Api, astra: Headers) -> None:
    api.client.post("/api/requirements", json=requirement(), headers=astra)
    again = api.client.post("/api/requirements", json=requirement(), headers=astra)
    assert again.status_code == 409
    assert "you already have a requirement 'REQ-AOP-001'" in again.json()["detail"]


def test_migration_keeps_forced_entries_with_their_buyer(database_url: str) -> None:
    """A database from before 0004 (ids unique across buyers) keeps every forced entry,
    now tied to the buyer whose requirement it was made for."""
    engine = make_engine(resolve_url(database_url))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        command.upgrade(config, "0003")
        connection.execute(
            text(
                "INSERT INTO requirement (requirement_id, buyer, owner_id, document, created_at, "
                "updated_at) VALUES ('REQ-AOP-001', 'PT Astra Otoparts', 7, '{}', "
                "'2026-11-01', '2026-11-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO shortlist_override (requirement_id, supplier_id, mode, reason, actor, "
                "at) VALUES ('REQ-AOP-001', 'TGL-001', 'out', 'mutu', 'panitia', '2026-11-02')"
            )
        )
        command.upgrade(config, "heads")
        kept = connection.execute(
            text("SELECT owner_id, supplier_id FROM shortlist_override")
        ).all()
        assert [tuple(row) for row in kept] == [(7, "TGL-001")]
        # A second buyer may now use the same id, and new forced entries get fresh ids.
        connection.execute(
            text(
                "INSERT INTO requirement (requirement_id, buyer, owner_id, document, created_at, "
                "updated_at) VALUES ('REQ-AOP-001', 'PT AHM', 8, '{}', '2026-11-03', "
                "'2026-11-03')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO shortlist_override (requirement_id, supplier_id, mode, reason, actor, "
                "at, owner_id) VALUES ('REQ-AOP-001', 'TGL-001', 'in', 'x', 'p', '2026-11-04', 8)"
            )
        )
    engine.dispose()
