"""What an organizer, a buyer and an analyst see on the pages (no browser needed)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlmodel import Session

from models import AuditEvent, RequirementRecord, Supplier
from tests.web.conftest import BAD_ROWS, GOOD_ROWS, SignedIn, Site, requirement_form, sheet

pytestmark = pytest.mark.db


def supplier_ids(site: Site) -> list[str]:
    with Session(site.app.state.engine) as session:
        return sorted(session.execute(select(Supplier.supplier_id)).scalars())


def token_of(page: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', page)
    assert found is not None, "the preview has no save form"
    return found.group(1)


def test_bad_sheet_shows_every_row_error_and_saves_nothing(site: Site, organizer: SignedIn) -> None:
    preview = organizer.post(
        "/pemasok/unggah", files={"file": ("pemasok.csv", sheet(GOOD_ROWS + BAD_ROWS))}
    )
    assert preview.status_code == 422
    rows = re.findall(r'<tr><td class="num">(\d+)</td><td>([^<]+)</td>', preview.text)
    # Header is row 1, so the two bad suppliers are spreadsheet rows 8 and 9.
    assert ("8", "processes") in rows
    assert ("9", "monthly_capacity") in rows
    assert "Belum ada yang disimpan" in preview.text
    assert supplier_ids(site) == []


def test_good_rows_only_when_the_organizer_asks(site: Site, organizer: SignedIn) -> None:
    preview = organizer.post(
        "/pemasok/unggah", files={"file": ("pemasok.csv", sheet(GOOD_ROWS + BAD_ROWS))}
    )
    saved = organizer.post(
        "/pemasok/unggah/simpan", {"token": token_of(preview.text), "skip_invalid": "true"}
    )
    assert saved.headers["location"] == "/pemasok?msg=msg_imported&n=6"
    assert "TGL-003" not in supplier_ids(site) and len(supplier_ids(site)) == 6


def test_preview_then_save_imports_the_sheet_once(site: Site, organizer: SignedIn) -> None:
    preview = organizer.post("/pemasok/unggah", files={"file": ("pemasok.csv", sheet(GOOD_ROWS))})
    assert preview.status_code == 200 and "UD Sinar Logam" in preview.text
    assert supplier_ids(site) == []
    token = token_of(preview.text)
    organizer.post("/pemasok/unggah/simpan", {"token": token})
    assert len(supplier_ids(site)) == 6
    # The same preview cannot be saved twice, and another organizer's token is refused.
    again = organizer.post("/pemasok/unggah/simpan", {"token": token})
    assert again.status_code == 410


def test_a_file_that_is_not_a_sheet_is_refused(site: Site, organizer: SignedIn) -> None:
    answer = organizer.post("/pemasok/unggah", files={"file": ("foto.jpg", b"\xff\xd8\xff")})
    assert answer.status_code == 415
    assert ".csv atau .xlsx" in answer.text


def test_catalogue_filters_by_process_regency_and_cooperative(
    site: Site, organizer: SignedIn, catalogue: None
) -> None:
    def listed(query: str) -> set[str]:
        page = organizer.get(f"/pemasok?{query}").text
        return set(re.findall(r'<td class="id">((?:TGL|CLG|KDL|BKS|KRW)-\d+)</td>', page))

    assert listed("process=stamping") == {"TGL-002", "BKS-001"}
    assert listed("process=stamping&regency=bekasi") == {"BKS-001"}
    assert listed("cooperative=mebel") == {"KDL-001"}
    assert listed("certification=iatf") == {"BKS-001"}
    assert listed("cluster=takaru") == {"TGL-001", "TGL-002"}


def test_requirement_with_unknown_certificate_is_sent_back_with_the_field_marked(
    site: Site, catalogue: None
) -> None:
    astra = site.signed_in("buyer-astra")
    form = requirement_form("REQ-ASTRA-9", certifications_required="ISO 99999")
    answer = astra.post("/kebutuhan/baru", form)
    assert answer.status_code == 422
    assert "ISO 99999" in answer.text  # what was typed is kept, and named in the message
    marked = re.search(r'id="certifications_required"[^>]*aria-invalid="true"', answer.text)
    assert marked is not None
    with Session(site.app.state.engine) as session:
        assert session.execute(select(RequirementRecord)).first() is None


def test_shortlist_explains_each_rank(site: Site, catalogue: None) -> None:
    astra = site.signed_in("buyer-astra")
    astra.post("/kebutuhan/baru", requirement_form("REQ-ASTRA-1"))
    page = astra.get("/kebutuhan/REQ-ASTRA-1").text
    ranked = re.findall(r'<li class="result" id="hasil-([^"]+)">', page)
    # Only the two stamping shops hold a valid ISO 9001 and are within 400 km of Bekasi.
    assert ranked[:2] == ["BKS-001", "TGL-002"]
    first = page.split('id="hasil-BKS-001"')[1].split('<li class="result"')[0]
    assert "stamping</span> → <span>stamping progresif" in first
    assert re.search(r'class="seg seg-0" style="width: \d+\.\d%"', first)
    second = page.split('id="hasil-TGL-002"')[1].split('<li class="result"')[0]
    # The Indonesian 'las spot' answers 'spot welding'; the bar names each contribution.
    assert "spot welding</span> → <span>las spot" in second
    assert "242.3 km" in second
    assert re.search(r'aria-label="Sumbangan skor: proses 0\.\d+, bahan', second)


def test_organizer_forces_a_supplier_out_with_a_reason_in_the_audit_trail(
    site: Site, organizer: SignedIn, catalogue: None
) -> None:
    astra = site.signed_in("buyer-astra")
    astra.post("/kebutuhan/baru", requirement_form("REQ-ASTRA-1"))
    before = organizer.get("/kebutuhan/REQ-ASTRA-1").text
    assert 'id="hasil-TGL-002"' in before
    reason = "Sedang bermasalah mutu dengan pelanggan lain"
    answer = organizer.post(
        "/kebutuhan/REQ-ASTRA-1/paksa", {"supplier_id": "TGL-002", "mode": "out", "reason": reason}
    )
    assert answer.headers["location"].endswith("msg=msg_forced_out")
    assert 'id="hasil-TGL-002"' not in astra.get("/kebutuhan/REQ-ASTRA-1").text
    with Session(site.app.state.engine) as session:
        audit = session.execute(select(AuditEvent).where(AuditEvent.action == "force_out")).scalar()
    assert audit is not None and audit.detail["reason"] == reason
    assert audit.actor.startswith("panitia")


def test_suggestions_come_in_indonesian_and_english(site: Site, organizer: SignedIn) -> None:
    indonesian = organizer.get("/saran", params={"kind": "process", "q": "stamping; bub"}).json()
    english = organizer.get("/saran", params={"kind": "process", "q": "turn"}).json()
    certificates = organizer.get("/saran", params={"kind": "certification", "q": "iat"}).json()
    assert indonesian["q"] == "bub" and "bubut" in indonesian["terms"]
    assert any("turning" in term.lower() for term in english["terms"])
    assert "IATF 16949" in certificates["terms"]


def test_english_switch_translates_the_page(site: Site, organizer: SignedIn) -> None:
    assert "Saring pemasok" in organizer.get("/pemasok").text
    switched = organizer.get("/bahasa/en", params={"next": "/pemasok"})
    assert switched.headers["location"] == "/pemasok"
    page = organizer.get("/pemasok").text
    assert '<html lang="en">' in page and "Filter suppliers" in page


def test_text_from_a_sheet_is_shown_never_run(site: Site, organizer: SignedIn) -> None:
    row = 'TGL-666,"<script>alert(1)</script> UD Jahil",Kab. Tegal,,bubut,,,1.000,pcs,,'
    preview = organizer.post("/pemasok/unggah", files={"file": ("pemasok.csv", sheet([row]))})
    organizer.post("/pemasok/unggah/simpan", {"token": token_of(preview.text)})
    page = organizer.get("/pemasok").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; UD Jahil" in page


def test_notice_after_a_redirect_shows_only_known_messages(site: Site, organizer: SignedIn) -> None:
    def notice(query: str) -> str:
        found = re.search(r'<p class="notice" role="status">([^<]*)</p>', organizer.get(query).text)
        return found.group(1) if found else ""

    assert notice("/pemasok?msg=msg_imported&n=6") == "6 pemasok tersimpan."
    assert notice("/pemasok?msg=msg_imported&n=Hadiah") == ""
    assert notice("/pemasok?msg=apa_saja") == ""


def test_buyer_edits_its_requirement_and_the_shortlist_follows(site: Site, catalogue: None) -> None:
    astra = site.signed_in("buyer-astra")
    astra.post("/kebutuhan/baru", requirement_form("REQ-ASTRA-1"))
    form = astra.get("/kebutuhan/REQ-ASTRA-1/ubah").text
    assert 'value="stamping; spot welding"' in form and 'value="20000"' in form
    edited = requirement_form("REQ-ASTRA-1", processes="injection molding", materials="PP")
    saved = astra.post("/kebutuhan/REQ-ASTRA-1/ubah", {**edited, "certifications_required": ""})
    assert saved.headers["location"] == "/kebutuhan/REQ-ASTRA-1?msg=msg_requirement_saved"
    page = astra.get("/kebutuhan/REQ-ASTRA-1").text
    ranked = re.findall(r'<li class="result" id="hasil-([^"]+)">', page)
    assert ranked[0] == "KRW-001"  # the Karawang plastics shop now leads
    # Another buyer can neither open the form nor post to it.
    ahm = site.signed_in("buyer-ahm")
    assert ahm.get("/kebutuhan/REQ-ASTRA-1/ubah").status_code == 404
    assert ahm.post("/kebutuhan/REQ-ASTRA-1/ubah", edited).status_code == 404
