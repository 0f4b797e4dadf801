"""Who may open which page: anonymous visitors, buyers, analysts, and forged forms."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from models import RequirementRecord, Supplier
from tests.web.conftest import GOOD_ROWS, SignedIn, Site, requirement_form, sheet

pytestmark = pytest.mark.db

PAGES = [
    "/",
    "/pemasok",
    "/pemasok/unggah",
    "/kebutuhan",
    "/kebutuhan/baru",
    "/kebutuhan/REQ-1",
    "/acara",
    "/acara/temu-bisnis-tegal",
    "/acara/temu-bisnis-tegal/jadwal",
    "/profil",
]


def count(site: Site, table: type) -> int:
    with Session(site.app.state.engine) as session:
        return int(session.execute(select(func.count()).select_from(table)).scalar() or 0)


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitor_is_sent_to_sign_in_and_back(site: Site, path: str) -> None:
    answer = site.client().get(path)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/masuk?next={path}"


def test_sign_in_cookie_is_http_only_and_same_site_strict(site: Site) -> None:
    client = site.client()
    client.get("/masuk")
    answer = client.post(
        "/masuk",
        data={
            "name": "panitia",
            "api_key": site.keys["panitia"],
            "login_token": client.cookies.get("mitra_login"),
            "next": "/acara",
        },
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/acara"
    cookie = answer.headers["set-cookie"].lower()
    assert "mitra_key=" in cookie and "httponly" in cookie and "samesite=strict" in cookie


def test_a_key_under_another_account_name_is_refused(site: Site) -> None:
    client = site.client()
    client.get("/masuk")
    answer = client.post(
        "/masuk",
        data={
            "name": "panitia",
            "api_key": site.keys["buyer-astra"],
            "login_token": client.cookies.get("mitra_login"),
        },
    )
    assert answer.status_code == 401
    assert "mitra_key" not in client.cookies
    assert "tidak cocok" in answer.text


def test_sign_in_never_sends_the_user_to_another_site(site: Site) -> None:
    client = site.client()
    client.get("/masuk")
    answer = client.post(
        "/masuk",
        data={
            "name": "panitia",
            "api_key": site.keys["panitia"],
            "login_token": client.cookies.get("mitra_login"),
            "next": "//evil.example.com/steal",
        },
    )
    assert answer.headers["location"] == "/"


def test_buyer_cannot_open_another_buyers_shortlist(site: Site, catalogue: None) -> None:
    astra = site.signed_in("buyer-astra")
    made = astra.post("/kebutuhan/baru", requirement_form("REQ-ASTRA-1", title="Rahasia Astra"))
    assert made.headers["location"] == "/kebutuhan/REQ-ASTRA-1"
    assert astra.get("/kebutuhan/REQ-ASTRA-1").status_code == 200

    ahm = site.signed_in("buyer-ahm")
    theirs = ahm.get("/kebutuhan/REQ-ASTRA-1")
    missing = ahm.get("/kebutuhan/REQ-TIDAK-ADA")
    assert theirs.status_code == missing.status_code == 404
    assert "Rahasia Astra" not in theirs.text
    # Word for word the page of an id that does not exist: no hint that it does.
    assert theirs.text.replace("REQ-ASTRA-1", "X") == missing.text.replace("REQ-TIDAK-ADA", "X")
    assert "REQ-ASTRA-1" not in ahm.get("/kebutuhan").text
    # Nor can it force a supplier into it, or read it through the organizer's pages.
    assert ahm.post("/kebutuhan/REQ-ASTRA-1/paksa", {"supplier_id": "TGL-001"}).status_code == 403


def test_analyst_cannot_upload_suppliers(site: Site) -> None:
    analyst = site.signed_in("analis")
    assert analyst.get("/pemasok/unggah").status_code == 403
    answer = analyst.post("/pemasok/unggah", files={"file": ("pemasok.csv", sheet(GOOD_ROWS))})
    assert answer.status_code == 403
    assert count(site, Supplier) == 0
    assert analyst.get("/pemasok").status_code == 200


def test_buyer_sees_neither_the_catalogue_nor_the_upload(site: Site) -> None:
    astra = site.signed_in("buyer-astra")
    assert astra.get("/pemasok").status_code == 403
    assert astra.get("/pemasok/unggah").status_code == 403
    assert astra.get("/profil").status_code == 403


def test_form_without_its_token_changes_nothing(site: Site, organizer: SignedIn) -> None:
    forged = organizer.client.post(
        "/kebutuhan/baru", data=requirement_form("REQ-PALSU", csrf="salah")
    )
    assert forged.status_code == 403
    assert count(site, RequirementRecord) == 0


def test_signing_out_ends_the_session(site: Site, organizer: SignedIn) -> None:
    assert organizer.post("/keluar").status_code == 303
    assert organizer.get("/pemasok").status_code == 303


def test_two_buyers_may_choose_the_same_id(
    site: Site, organizer: SignedIn, catalogue: None
) -> None:
    astra, ahm = site.signed_in("buyer-astra"), site.signed_in("buyer-ahm")
    astra.post("/kebutuhan/baru", requirement_form("REQ-001", title="Bracket Astra"))
    made = ahm.post("/kebutuhan/baru", requirement_form("REQ-001", title="Bracket AHM"))
    # The same answer as for any fresh id: saved, and on to its own shortlist.
    assert made.status_code == 303 and made.headers["location"] == "/kebutuhan/REQ-001"
    assert "Bracket AHM" in ahm.get("/kebutuhan/REQ-001").text
    assert "Bracket Astra" in astra.get("/kebutuhan/REQ-001").text
    # The organizer's list links each one with its owner, and each link opens the right one.
    listing = organizer.get("/kebutuhan").text
    for buyer, title in (("buyer-astra", "Bracket Astra"), ("buyer-ahm", "Bracket AHM")):
        link = f"/kebutuhan/REQ-001?pemilik={site.ids[buyer]}"
        assert f'href="{link}"' in listing
        page = organizer.get(link).text
        assert title in page
        assert f'action="/kebutuhan/REQ-001/paksa?pemilik={site.ids[buyer]}"' in page
