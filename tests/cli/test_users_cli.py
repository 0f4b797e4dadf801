"""`mitra users`: passwords typed at the prompt, and switching accounts off."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from mitra.cli import app
from service.app import create_app

runner = CliRunner()


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("models.user.PASSWORD_N", 2**10)  # speed only; see tests/service


def token_answer(client: TestClient, name: str, password: str) -> int:
    response = client.post("/api/auth/token", data={"username": name, "password": password})
    return response.status_code


def test_password_from_the_prompt_signs_in_and_stdout_holds_only_the_key(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'users.db'}"
    made = runner.invoke(
        app,
        ["users", "create", "astra", "--role", "buyer", "--password", "--db", db],
        input="Gudang-Cikarang-7\nGudang-Cikarang-7\n",
    )
    assert made.exit_code == 0, made.output
    assert made.stdout.strip().startswith("mitra_") and "\n" not in made.stdout.strip()

    service = create_app(db)
    with TestClient(service) as client:
        assert token_answer(client, "astra", "Gudang-Cikarang-7") == 200

        changed = runner.invoke(
            app,
            ["users", "password", "astra", "--db", db],
            input="Pabrik-Baru-2027\nPabrik-Baru-2027\n",
        )
        assert changed.exit_code == 0, changed.output
        assert token_answer(client, "astra", "Gudang-Cikarang-7") == 401
        assert token_answer(client, "astra", "Pabrik-Baru-2027") == 200

        assert runner.invoke(app, ["users", "deactivate", "astra", "--db", db]).exit_code == 0
        assert token_answer(client, "astra", "Pabrik-Baru-2027") == 401
        key = {"Authorization": f"Bearer {made.stdout.strip()}"}
        assert client.get("/api/users/me", headers=key).status_code == 401
    service.state.jobs.shutdown(wait=True)


def test_a_short_or_mistyped_password_stores_nothing(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'users.db'}"
    short = runner.invoke(
        app,
        ["users", "create", "astra", "--role", "buyer", "--password", "--db", db],
        input="pendek\npendek\n",
    )
    assert short.exit_code != 0
    assert "at least 8 characters" in short.output
    mistyped = runner.invoke(
        app,
        ["users", "create", "astra", "--role", "buyer", "--password", "--db", db],
        input="Gudang-Cikarang-7\nGudang-Cikarang-8\n",
    )
    assert mistyped.exit_code != 0
    assert "do not match" in mistyped.output

    listed = runner.invoke(app, ["users", "list", "--db", db])
    assert "0 accounts" in listed.output
    unknown = runner.invoke(app, ["users", "password", "ahm", "--remove", "--db", db])
    assert unknown.exit_code != 0 and "no account named 'ahm'" in unknown.output
