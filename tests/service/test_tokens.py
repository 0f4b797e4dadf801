"""Signing in by account name and password: POST /api/auth/token, using and ending tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlmodel import Session, col

import models.user
from models import AuditEvent
from models.supplier import utcnow
from models.user import SignInToken, User
from service.app import create_app
from service.auth import set_password
from service.signin import SignInThrottle
from tests.service.api_helpers import requirement
from tests.service.conftest import Api

pytestmark = pytest.mark.db

Headers = dict[str, str]
ASTRA_PASSWORD = "Gudang-Cikarang-7"


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real cost slows attackers; here it would only slow the suite. Stored hashes carry
    their own cost, so checking them works the same either way."""
    monkeypatch.setattr(models.user, "PASSWORD_N", 2**10)


def give_password(api: Api, name: str, password: str) -> None:
    with Session(api.engine) as session:
        user = session.get(User, api.ids[name])
        assert user is not None
        set_password(session, user, password, actor="test")
        session.commit()


def sign_in(client: TestClient, name: str, password: str) -> Headers:
    response = client.post(
        "/api/auth/token",
        data={"username": name, "password": password, "grant_type": "password"},
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["token_type"] == "bearer"
    return {"Authorization": f"Bearer {answer['access_token']}"}


@pytest.fixture
def astra_token(api: Api, astra: Headers) -> Headers:
    give_password(api, "astra", ASTRA_PASSWORD)
    return sign_in(api.client, "astra", ASTRA_PASSWORD)


def test_a_token_signs_in_until_the_buyer_signs_out(api: Api, astra: Headers) -> None:
    give_password(api, "astra", ASTRA_PASSWORD)
    response = api.client.post(
        "/api/auth/token",
        data={"username": "astra", "password": ASTRA_PASSWORD, "grant_type": "password"},
    )
    assert response.json()["expires_in"] == 8 * 3600
    token = {"Authorization": f"Bearer {response.json()['access_token']}"}

    me = api.client.get("/api/users/me", headers=token).json()
    assert (me["name"], me["role"], me["has_password"]) == ("astra", "buyer", True)

    assert api.client.post("/api/auth/logout", headers=token).status_code == 204
    assert api.client.get("/api/users/me", headers=token).status_code == 401
    # The API key is a separate credential and keeps working.
    assert api.client.get("/api/users/me", headers=astra).status_code == 200


def test_an_expired_token_is_refused(api: Api, astra_token: Headers) -> None:
    assert api.client.get("/api/requirements", headers=astra_token).status_code == 200
    with Session(api.engine) as session:
        session.execute(update(SignInToken).values(expires_at=utcnow() - timedelta(minutes=1)))
        session.commit()
    response = api.client.get("/api/requirements", headers=astra_token)
    assert response.status_code == 401
    assert "POST /api/auth/token" in response.json()["detail"]


def test_switching_an_account_off_ends_its_tokens_and_keys(
    api: Api, astra: Headers, astra_token: Headers, organizer: Headers
) -> None:
    astra_id = api.ids["astra"]
    off = api.client.post(f"/api/users/{astra_id}/deactivate", headers=organizer)
    assert (off.status_code, off.json()["active"]) == (200, False)
    assert api.client.get("/api/users/me", headers=astra_token).status_code == 401
    assert api.client.get("/api/users/me", headers=astra).status_code == 401
    refused = api.client.post(
        "/api/auth/token", data={"username": "astra", "password": ASTRA_PASSWORD}
    )
    assert refused.status_code == 401

    # Back on: the key works again, but the old token stays ended.
    assert api.client.post(f"/api/users/{astra_id}/activate", headers=organizer).status_code == 200
    assert api.client.get("/api/users/me", headers=astra).status_code == 200
    assert api.client.get("/api/users/me", headers=astra_token).status_code == 401
    assert api.client.post(f"/api/users/{astra_id}/deactivate", headers=astra).status_code == 403


def test_wrong_password_and_unknown_account_get_the_same_answer(
    api: Api, astra: Headers, ahm: Headers
) -> None:
    give_password(api, "astra", ASTRA_PASSWORD)
    answers = []
    # A wrong password, a name nobody has, and an account that has no password at all.
    for name, password in [("astra", "tebakan-salah"), ("pt-fiktif", "x"), ("ahm", "x")]:
        response = api.client.post("/api/auth/token", data={"username": name, "password": password})
        answers.append(
            (response.status_code, response.json(), response.headers.get("WWW-Authenticate"))
        )
    assert answers[0] == answers[1] == answers[2]
    assert answers[0] == (401, {"detail": "wrong account name or password"}, "Bearer")


def test_repeated_wrong_passwords_block_the_name_for_a_while(api: Api, astra: Headers) -> None:
    give_password(api, "astra", ASTRA_PASSWORD)
    for _ in range(5):
        wrong = api.client.post("/api/auth/token", data={"username": "astra", "password": "x"})
        assert wrong.status_code == 401
    blocked = api.client.post(
        "/api/auth/token", data={"username": "astra", "password": ASTRA_PASSWORD}
    )
    assert blocked.status_code == 429
    assert "try again in" in blocked.json()["detail"]
    assert int(blocked.headers["Retry-After"]) > 0
    # Unknown names are blocked the same way, so blocking reveals nothing about accounts.
    for _ in range(5):
        api.client.post("/api/auth/token", data={"username": "pt-fiktif", "password": "x"})
    fictional = api.client.post("/api/auth/token", data={"username": "pt-fiktif", "password": "x"})
    assert fictional.status_code == 429


def test_a_buyer_signed_in_by_token_sees_only_its_own_requirements(
    api: Api, astra_token: Headers, ahm: Headers, organizer: Headers
) -> None:
    created = api.client.post("/api/requirements", json=requirement(), headers=astra_token)
    assert created.status_code == 201
    ahm_requirement = requirement("REQ-AHM-007", buyer="PT Astra Honda Motor")
    assert (
        api.client.post("/api/requirements", json=ahm_requirement, headers=ahm).status_code == 201
    )

    listed = api.client.get("/api/requirements", headers=astra_token).json()
    assert [r["requirement_id"] for r in listed["items"]] == ["REQ-AOP-001"]
    other = api.client.get("/api/requirements/REQ-AHM-007", headers=astra_token)
    assert other.status_code == 404
    assert api.client.get("/api/requirements", headers=organizer).json()["total"] == 2


def test_changing_the_password_ends_every_token(api: Api, astra_token: Headers) -> None:
    second = sign_in(api.client, "astra", ASTRA_PASSWORD)
    wrong = api.client.put(
        "/api/users/me/password",
        json={"current_password": "tebakan", "new_password": "Pabrik-Baru-2027"},
        headers=second,
    )
    assert wrong.status_code == 403
    changed = api.client.put(
        "/api/users/me/password",
        json={"current_password": ASTRA_PASSWORD, "new_password": "Pabrik-Baru-2027"},
        headers=second,
    )
    assert changed.status_code == 204
    for old in (astra_token, second):
        assert api.client.get("/api/users/me", headers=old).status_code == 401
    sign_in(api.client, "astra", "Pabrik-Baru-2027")
    old_password = api.client.post(
        "/api/auth/token", data={"username": "astra", "password": ASTRA_PASSWORD}
    )
    assert old_password.status_code == 401


def test_a_too_short_password_is_refused_with_a_reason(api: Api, astra: Headers) -> None:
    response = api.client.put(
        "/api/users/me/password", json={"new_password": "pendek"}, headers=astra
    )
    assert response.status_code == 422
    assert "at least 8 characters" in response.json()["detail"]


def test_signing_out_with_an_api_key_says_what_to_do_instead(api: Api, astra: Headers) -> None:
    response = api.client.post("/api/auth/logout", headers=astra)
    assert response.status_code == 400
    assert "API key" in response.json()["detail"]
    assert api.client.get("/api/users/me", headers=astra).status_code == 200


def test_audit_records_sign_ins_and_password_changes_but_never_passwords(
    api: Api, astra_token: Headers
) -> None:
    api.client.post("/api/auth/token", data={"username": "astra", "password": "Salah-Ketik-99"})
    api.client.post("/api/auth/token", data={"username": "pt-fiktif", "password": "Rahasia-99"})
    with Session(api.engine) as session:
        events = list(session.execute(select(AuditEvent).order_by(col(AuditEvent.id))).scalars())
    seen = [(e.action, e.target) for e in events if e.action != "create_user"]
    assert seen == [
        ("set_password", "astra"),
        ("sign_in", "astra"),
        ("sign_in_failed", "astra"),
    ]
    stored = repr([(e.actor, e.action, e.target, e.detail) for e in events])
    for secret in (ASTRA_PASSWORD, "Salah-Ketik-99", "Rahasia-99"):
        assert secret not in stored


def test_a_token_from_one_worker_works_on_another(
    api: Api, astra_token: Headers, database_url: str
) -> None:
    """`mitra serve --workers N`: each worker is its own app on the same database."""
    other_worker = create_app(database_url)
    with TestClient(other_worker) as client:
        assert client.get("/api/users/me", headers=astra_token).json()["name"] == "astra"
        assert client.post("/api/auth/logout", headers=astra_token).status_code == 204
    assert api.client.get("/api/users/me", headers=astra_token).status_code == 401
    other_worker.state.jobs.shutdown(wait=True)


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"username": "astra"},
        {"username": "astra", "password": ASTRA_PASSWORD, "grant_type": "client_credentials"},
    ],
)
def test_an_incomplete_sign_in_form_is_a_422_not_a_crash(api: Api, form: dict[str, str]) -> None:
    response = api.client.post("/api/auth/token", data=form)
    assert response.status_code == 422


@pytest.mark.parametrize("token", ["mitratoken_", "mitratoken_" + "x" * 5000, "mitratoken_é"])
def test_a_made_up_token_is_refused(api: Api, token: str) -> None:
    response = api.client.get(
        "/api/users/me", headers={"Authorization": f"Bearer {token}".encode()}
    )
    assert response.status_code == 401


def test_a_blocked_name_may_try_again_once_the_block_is_over() -> None:
    now = [1000.0]
    throttle = SignInThrottle(clock=lambda: now[0])
    for _ in range(3):
        throttle.failed("Astra")
    assert throttle.blocked_for("astra ", max_failures=3, window=300) == pytest.approx(300)
    assert throttle.blocked_for("ahm", max_failures=3, window=300) == 0
    now[0] += 200
    assert throttle.blocked_for("astra", max_failures=3, window=300) == pytest.approx(100)
    now[0] += 101
    assert throttle.blocked_for("astra", max_failures=3, window=300) == 0
    # A right password clears the count at once.
    for _ in range(3):
        throttle.failed("astra")
    throttle.succeeded("ASTRA")
    assert throttle.blocked_for("astra", max_failures=3, window=300) == 0


def test_a_name_no_database_can_store_is_just_a_wrong_sign_in(api: Api) -> None:
    for name in ("astra\x00", "a" * 500, "   "):
        response = api.client.post("/api/auth/token", data={"username": name, "password": "x"})
        assert response.json() == {"detail": "wrong account name or password"}
