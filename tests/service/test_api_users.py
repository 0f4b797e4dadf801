"""Accounts: the first organizer from the command line, the rest through the API."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import Session
from typer.testing import CliRunner

from mitra.cli import app as cli
from models.user import ApiKey
from service.app import create_app
from service.db import open_database
from tests.service.conftest import Api

pytestmark = pytest.mark.db

Headers = dict[str, str]


def test_cli_bootstraps_an_organizer_whose_key_opens_the_api(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kantor.db'}"
    runner = CliRunner()
    made = runner.invoke(
        cli, ["users", "create", "panitia-kendal", "--role", "organizer", "--db", url]
    )
    assert made.exit_code == 0, made.output
    key = made.stdout.strip().splitlines()[-1]
    with Session(open_database(url)) as session:
        stored = session.execute(select(ApiKey)).scalar_one()
    assert key not in (stored.key_hash, stored.salt)  # only a salted hash is kept
    me = TestClient(create_app(url)).get("/api/users/me", headers={"X-API-Key": key})
    assert (me.status_code, me.json()["role"]) == (200, "organizer")
    listed = runner.invoke(cli, ["users", "list", "--db", url])
    assert "panitia-kendal" in listed.stdout
    wrong = runner.invoke(cli, ["users", "create", "x", "--role", "bos", "--db", url])
    assert wrong.exit_code != 0
    assert "organizer, buyer or analyst" in wrong.output


def test_organizer_makes_accounts_and_keys(api: Api, organizer: Headers) -> None:
    made = api.client.post(
        "/api/users",
        json={"name": "krakatau", "role": "buyer", "organization": "PT Krakatau Steel"},
        headers=organizer,
    )
    assert made.status_code == 201
    first_key = made.json()["api_key"]
    assert api.client.get("/api/users/me", headers={"X-API-Key": first_key}).json()["name"] == (
        "krakatau"
    )
    again = api.client.post(
        "/api/users", json={"name": "krakatau", "role": "buyer"}, headers=organizer
    )
    assert again.status_code == 422
    assert "already exists" in again.json()["detail"]
    bad_role = api.client.post("/api/users", json={"name": "x", "role": "bos"}, headers=organizer)
    assert bad_role.status_code == 422

    user_id = made.json()["id"]
    fresh = api.client.post(
        f"/api/users/{user_id}/keys?revoke_others=true", headers={"X-API-Key": first_key}
    )
    assert fresh.status_code == 201
    api.app.state.key_cache.clear()
    assert api.client.get("/api/users/me", headers={"X-API-Key": first_key}).status_code == 401
    second = {"X-API-Key": fresh.json()["api_key"]}
    assert api.client.get("/api/users/me", headers=second).status_code == 200
    # A buyer can neither make accounts nor keys for anyone else.
    assert (
        api.client.post(
            "/api/users", json={"name": "y", "role": "buyer"}, headers=second
        ).status_code
        == 403
    )
    other = api.ids["panitia-tegal"]
    assert api.client.post(f"/api/users/{other}/keys", headers=second).status_code == 404
