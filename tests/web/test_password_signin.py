"""Signing in to the pages with account name and password: the buyer's own pages, one message
for every wrong guess, the block after repeated failures, the audit trail, and signing out."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import Session, col

from models import AuditEvent
from models.user import User
from service.auth import set_password
from service.signin import SignInThrottle
from tests.web.conftest import SignedIn, Site, requirement_form

pytestmark = pytest.mark.db

PASSWORD = "bracket-spcc-2027"


@pytest.fixture
def astra_password(site: Site) -> str:
    """buyer-astra gets a password; every test starts with no failed attempts remembered."""
    site.app.state.sign_in_throttle = SignInThrottle()
    with Session(site.app.state.engine) as session:
        user = session.execute(select(User).where(col(User.name) == "buyer-astra")).scalar_one()
        set_password(session, user, PASSWORD, actor="test")
        session.commit()
    return PASSWORD


def post_sign_in(
    client: TestClient, name: str, password: str, next_url: str = "/"
) -> httpx.Response:
    client.get("/masuk")
    return client.post(
        "/masuk",
        data={
            "name": name,
            "password": password,
            "login_token": client.cookies.get("mitra_login"),
            "next": next_url,
        },
    )


def audit_actions(site: Site, target: str) -> list[str]:
    with Session(site.app.state.engine) as session:
        rows = session.execute(
            select(AuditEvent.action).where(col(AuditEvent.target) == target)
        ).scalars()
        return list(rows)


def error_text(page: str) -> str:
    found = re.search(r'id="signin-error">([^<]+)<', page)
    assert found is not None, page
    return found.group(1)


def test_buyer_signs_in_with_password_and_sees_its_own_requirements(
    site: Site, organizer: SignedIn, astra_password: str
) -> None:
    site.signed_in("buyer-astra").post("/kebutuhan/baru", requirement_form("REQ-ASTRA-1"))
    site.signed_in("buyer-ahm").post("/kebutuhan/baru", requirement_form("REQ-AHM-1"))
    client = site.client()
    answer = post_sign_in(client, "buyer-astra", astra_password, "/kebutuhan")
    assert answer.status_code == 303 and answer.headers["location"] == "/kebutuhan"
    assert client.cookies.get("mitra_key", "").startswith("mitratoken_")
    page = client.get("/kebutuhan").text
    assert "REQ-ASTRA-1" in page and "REQ-AHM-1" not in page
    assert "buyer-astra" in page
    assert "sign_in" in audit_actions(site, "buyer-astra")


def test_wrong_password_and_unknown_account_get_the_same_message(
    site: Site, astra_password: str
) -> None:
    wrong = post_sign_in(site.client(), "buyer-astra", "bukan-sandinya")
    unknown = post_sign_in(site.client(), "buyer-tidak-ada", astra_password)
    assert wrong.status_code == unknown.status_code == 401
    message = error_text(wrong.text)
    assert message == error_text(unknown.text)
    assert "kata sandi salah" in message
    # The name typed stays in the form; the password never comes back.
    assert 'value="buyer-astra"' in wrong.text and "bukan-sandinya" not in wrong.text
    assert audit_actions(site, "buyer-astra").count("sign_in_failed") == 1
    assert audit_actions(site, "buyer-tidak-ada") == []


def test_an_empty_password_is_refused_without_counting_as_a_failure(
    site: Site, astra_password: str
) -> None:
    for _ in range(site.app.state.settings.sign_in_max_failures + 1):
        assert post_sign_in(site.client(), "buyer-astra", "").status_code == 401
    assert "sign_in_failed" not in audit_actions(site, "buyer-astra")
    assert post_sign_in(site.client(), "buyer-astra", astra_password).status_code == 303


def test_an_account_without_a_password_cannot_sign_in_with_one(site: Site) -> None:
    site.app.state.sign_in_throttle = SignInThrottle()
    client = site.client()
    answer = post_sign_in(client, "buyer-ahm", "apa-saja-123")
    assert answer.status_code == 401
    assert "mitra_key" not in client.cookies


def test_repeated_failures_block_the_name_even_for_the_right_password(
    site: Site, astra_password: str
) -> None:
    tries = site.app.state.settings.sign_in_max_failures
    for _ in range(tries):
        assert post_sign_in(site.client(), "buyer-astra", "salah-lagi-1").status_code == 401
    client = site.client()
    blocked = post_sign_in(client, "buyer-astra", astra_password)
    assert blocked.status_code == 429
    minutes = round(site.app.state.settings.sign_in_block_seconds / 60)
    assert error_text(blocked.text) == (
        f"Terlalu banyak percobaan; coba lagi dalam {minutes} menit."
    )
    assert "mitra_key" not in client.cookies
    # Another account is not held up by the blocked name.
    other = post_sign_in(site.client(), "buyer-ahm", "apa-saja-123")
    assert other.status_code == 401


def test_the_block_message_is_english_on_the_english_page(site: Site, astra_password: str) -> None:
    for _ in range(site.app.state.settings.sign_in_max_failures):
        post_sign_in(site.client(), "buyer-astra", "salah-lagi-1")
    client = site.client()
    client.cookies.set("mitra_lang", "en")
    blocked = post_sign_in(client, "buyer-astra", astra_password)
    assert error_text(blocked.text).startswith("Too many attempts; try again in")


def test_signing_out_revokes_the_token_behind_the_cookie(site: Site, astra_password: str) -> None:
    client = site.client()
    post_sign_in(client, "buyer-astra", astra_password)
    token = client.cookies.get("mitra_key")
    assert token is not None
    page = client.get("/kebutuhan")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf is not None
    assert client.post("/keluar", data={"csrf": csrf.group(1)}).status_code == 303
    # A copy of the old cookie (or the token on the API) no longer signs anyone in.
    copy = site.client()
    copy.cookies.set("mitra_key", token)
    assert copy.get("/kebutuhan").headers["location"] == "/masuk?next=/kebutuhan"
    api = copy.get("/api/requirements", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 401


def test_api_key_sign_in_still_works_beside_the_password(site: Site) -> None:
    client = site.client()
    client.get("/masuk")
    answer = client.post(
        "/masuk",
        data={
            "name": "buyer-ahm",
            "api_key": site.keys["buyer-ahm"],
            "login_token": client.cookies.get("mitra_login"),
        },
    )
    assert answer.status_code == 303
    assert client.cookies.get("mitra_key") == site.keys["buyer-ahm"]
