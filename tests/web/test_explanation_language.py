"""Shortlist explanations in the page's language: Indonesian pages say them in Indonesian."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from matcher.consortium import propose_consortia
from matcher.index import SupplierIndex
from matcher.reasons import CODES, ENGLISH, PARAMS, fields_of, render_json
from matcher.scoring import rank
from matcher.types import Certification, Delivery
from service.web.reason_texts import CATALOGUES, REASONS_ID, explainer
from tests.matcher.builders import requirement, supplier
from tests.matcher.test_consortium import PIN_SUPPLIERS, pin_requirement
from tests.web.conftest import SignedIn, Site, requirement_form
from tests.web.test_consortium_page import STAMP_AND_TURN, proposal

# English words that never belong in an Indonesian explanation.
ENGLISH_WORDS = re.compile(
    r"\b(not|only|listed|offered|covers|capacity|location|missing|valid|month|required|"
    r"counts|the|of|from|unknown|expired|beyond|every|members|together|apart|within|single|"
    r"asked|both|all|and)\b"
)


def test_every_code_the_engine_can_emit_has_an_english_and_an_indonesian_message() -> None:
    for lang, catalogue in CATALOGUES.items():
        assert set(catalogue) == CODES, lang
        for code, template in catalogue.items():
            # A message may use only what the engine sends with that code.
            assert fields_of(template) <= PARAMS[code], (lang, code)


def test_indonesian_messages_have_no_english_sentence() -> None:
    for code, template in REASONS_ID.items():
        words = re.sub(r"\{[^}]*\}", "", template)  # parameter names are not shown
        assert not ENGLISH_WORDS.search(words), code


SUPPLIERS = [
    supplier(
        "TGL-010",
        name="UD Maju Jaya Tegal",
        processes=("bengkel mesin", "jual besi"),
        materials=("SUS304",),
        kbli=("46620",),
        certifications=(
            Certification("ISO 9001", date(2027, 2, 28)),
            Certification("TKDN 25%", date(2028, 1, 1)),
            Certification("Halal"),
        ),
        monthly_capacity=2_000,
    ),
    supplier("TGL-011", processes=("bubut CNC", "reparasi"), kbli=("33119",), regency="Antah"),
    supplier("KDL-012", regency="Kab. Kendal", processes=("las MIG",), capacity_unit="lusin"),
    supplier("BKS-013", regency="Kab. Bekasi", processes=("plating",), capacity_unit="kg"),
]


def test_each_reason_a_real_shortlist_gives_reads_in_both_languages() -> None:
    results = rank(
        SupplierIndex.build(SUPPLIERS),
        requirement(
            processes=("CNC turning", "spot welding"),
            materials=("S45C",),
            kbli=("25920",),
            certifications_required=("ISO 9001", "TKDN 40%"),
            certifications_preferred=("IATF 16949", "Halal"),
            monthly_volume=5_000,
            delivery=Delivery(regency="Kab. Bekasi", max_distance_km=100),
        ),
        include_ineligible=True,
    ).results
    seen = set()
    for entry in results:
        document = entry.to_json()
        codes = document["explanation_codes"]
        for reason in [*codes["gaps"], *codes["notes"], *codes["excluded_because"]]:
            seen.add(reason["code"])
            indonesian = render_json(reason, REASONS_ID, "id")
            assert indonesian is not None and not ENGLISH_WORDS.search(indonesian), reason
            assert render_json(reason, ENGLISH, "en") is not None
    assert {"role_trade", "role_repair", "cert_share_below", "too_far", "kbli_unrelated"} <= seen
    trader = next(entry for entry in results if entry.supplier_id == "TGL-010")
    said = explainer("id")(trader.to_json(), "excluded_because")
    assert "TKDN 25% di bawah syarat 40%" in said
    assert (
        "ISO 9001 habis berlaku 28 Februari 2027, sebelum tanggal dibutuhkan 1 Maret 2027" in said
    )


def test_why_a_consortium_was_proposed_reads_in_both_languages() -> None:
    index = SupplierIndex.build(PIN_SUPPLIERS)
    seen = set()
    for volume in (50_000, None):
        for group in propose_consortia(index, pin_requirement(monthly_volume=volume), n=3):
            seen |= {reason["code"] for reason in group["why_codes"]}
            assert explainer("en")(group, "why") == group["why"]
            for line in explainer("id")(group, "why"):
                assert not ENGLISH_WORDS.search(line), line
    assert {"consortium_covers", "consortium_all_in", "consortium_both_in"} <= seen
    best = propose_consortia(index, pin_requirement(), n=1)[0]
    said = explainer("id")(best, "why")
    assert "setiap proses mendapat 50.000 pcs sebulan sesuai permintaan, dalam batas kapasitas" in (
        said
    )
    assert "semua 3 anggota berada di LIK Takaru" in said
    assert "semua anggota memegang ISO 9001 yang berlaku pada 1 Maret 2027" in said


def test_a_document_without_codes_shows_the_engines_words() -> None:
    older = {"gaps": ["required process 'stamping' not offered"], "capacity_note": None}
    assert explainer("id")(older, "gaps") == ["required process 'stamping' not offered"]
    assert explainer("id")(older, "capacity_note") == []
    stored_proposal = {"why": ["both members in LIK Takaru"]}  # kept before `why_codes` existed
    assert explainer("id")(stored_proposal, "why") == ["both members in LIK Takaru"]


def _explanations(page: str, supplier_id: str) -> list[str]:
    block = page.split(f'id="hasil-{supplier_id}"')[1].split('<li class="result"')[0]
    items = re.findall(r'<ul class="(?:gaps|notes|excluded)">(.*?)</ul>', block, re.S)
    lines = [line for found in items for line in re.findall(r"<li>(.*?)</li>", found)]
    lines += re.findall(r'<p class="hint">(.*?)</p>', block)
    return [html.unescape(line) for line in lines]


@pytest.mark.db
def test_indonesian_shortlist_page_has_no_english_explanation(
    site: Site, organizer: SignedIn, catalogue: None
) -> None:
    astra = site.signed_in("buyer-astra")
    astra.post("/kebutuhan/baru", requirement_form("REQ-ASTRA-1"))
    # Forced in without ISO 9001, so the page also shows why it fails the hard requirement.
    organizer.post(
        "/kebutuhan/REQ-ASTRA-1/paksa",
        {"supplier_id": "CLG-001", "mode": "in", "reason": "diminta Dinas"},
    )
    url = f"/kebutuhan/REQ-ASTRA-1?pemilik={site.ids['buyer-astra']}"
    indonesian = organizer.get(url).text
    organizer.get("/bahasa/en", params={"next": "/"})
    english = organizer.get(url).text

    ids = re.findall(r'<li class="result" id="hasil-([^"]+)">', indonesian)
    said_id = {sid: _explanations(indonesian, sid) for sid in ids}
    said_en = {sid: _explanations(english, sid) for sid in ids}
    assert all(said_id.values())
    for sid in ids:
        assert len(said_id[sid]) == len(said_en[sid])
        for line in said_id[sid]:
            assert not ENGLISH_WORDS.search(line), (sid, line)
    assert "kapasitas 5.000 pcs/bulan = 25% dari kebutuhan 20.000 pcs/bulan" in said_id["TGL-001"]
    assert "covers 25% of 20,000 pcs/month" in said_en["TGL-001"]
    assert "sertifikat ISO 9001 yang berlaku tidak ada" in said_id["CLG-001"]
    assert "no valid ISO 9001" in said_en["CLG-001"]


def _why_lines(page: str) -> list[str]:
    found = re.search(r'<ul class="why">(.*?)</ul>', proposal(page, 1), re.S)
    assert found is not None, "the proposal gives no reasons"
    return [html.unescape(line) for line in re.findall(r"<li>(.*?)</li>", found.group(1))]


@pytest.mark.db
def test_indonesian_consortium_proposal_says_why_in_indonesian(
    site: Site, organizer: SignedIn, catalogue: None
) -> None:
    site.signed_in("buyer-astra").post("/kebutuhan/baru", STAMP_AND_TURN)
    url = f"/kebutuhan/REQ-ASTRA-PIN?pemilik={site.ids['buyer-astra']}"
    indonesian = _why_lines(organizer.get(url).text)
    organizer.get("/bahasa/en", params={"next": "/"})
    english = _why_lines(organizer.get(url).text)

    assert len(indonesian) == len(english) >= 3
    for line in indonesian:
        assert not ENGLISH_WORDS.search(line), line
    assert not set(indonesian) & set(english)
    assert "both members in LIK Takaru" in english
    assert "kedua anggota berada di LIK Takaru" in indonesian
    assert "setiap proses mendapat 4.000 pcs sebulan sesuai permintaan, dalam batas kapasitas" in (
        indonesian
    )
