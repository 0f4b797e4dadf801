"""The organizer's shortlist page proposes groups of suppliers, in both languages."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import SignedIn, Site, requirement_form

pytestmark = pytest.mark.db

# Stamping and turning, 4,000 pcs a month, delivered to Kab. Bekasi: the stamping shop and the
# lathe shop of LIK Takaru each do one of the two, so only together can they serve it.
STAMP_AND_TURN = requirement_form(
    "REQ-ASTRA-PIN", processes="stamping; bubut", materials="", monthly_volume="4.000"
)


def proposal(page: str, rank: int) -> str:
    found = re.search(
        rf'<article class="consortium" id="konsorsium-{rank}">(.*?)</article>', page, re.S
    )
    assert found is not None, f"no proposal {rank} on the page"
    return found.group(1)


def member_rows(section: str) -> dict[str, str]:
    rows = re.findall(r'<tr class="member" id="konsorsium-\d+-([^"]+)">(.*?)</tr>', section, re.S)
    return dict(rows)


def test_organizer_sees_who_does_what_and_why(
    site: Site, organizer: SignedIn, catalogue: None
) -> None:
    site.signed_in("buyer-astra").post("/kebutuhan/baru", STAMP_AND_TURN)
    page = organizer.get("/kebutuhan/REQ-ASTRA-PIN").text
    assert "Usulan konsorsium" in page
    first = proposal(page, 1)
    rows = member_rows(first)
    assert set(rows) == {"TGL-001", "TGL-002"}
    assert "stamping" in rows["TGL-002"] and "turning" in rows["TGL-001"]
    # Each takes the whole 4,000 pcs of its own process: all of the volume.
    assert all("4,000 pcs" in row and "100%" in row for row in rows.values())
    assert "Mengapa kelompok ini" in first and "LIK Takaru" in first
    assert "sinar@example.net" not in page

    organizer.get("/bahasa/en", params={"next": "/kebutuhan"})
    english = organizer.get("/kebutuhan/REQ-ASTRA-PIN").text
    assert "Consortium proposals" in english and "Why this group" in english
    assert "Share of the volume" in proposal(english, 1)


def test_no_group_when_one_supplier_serves_alone(
    site: Site, organizer: SignedIn, catalogue: None
) -> None:
    stamping = requirement_form("REQ-ASTRA-STAMP", processes="stamping", materials="SPCC")
    site.signed_in("buyer-astra").post("/kebutuhan/baru", stamping)
    page = organizer.get("/kebutuhan/REQ-ASTRA-STAMP").text
    assert "Tidak perlu konsorsium" in page
    assert '<article class="consortium"' not in page


def test_buyer_page_shows_no_proposals(site: Site, catalogue: None) -> None:
    astra = site.signed_in("buyer-astra")
    astra.post("/kebutuhan/baru", STAMP_AND_TURN)
    page = astra.get("/kebutuhan/REQ-ASTRA-PIN").text
    assert 'id="hasil-TGL-002"' in page and "Usulan konsorsium" not in page
