"""The pages in a real Chromium against a real `mitra serve`: the organizer's day from the
supplier sheet to the agenda downloads, and a buyer refused another buyer's shortlist.

Screenshots of the main pages, at desktop and phone width, go to artifacts/screenshots/.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    Server,
    running_server,
)
from tests.web.conftest import BAD_ROWS, GOOD_ROWS, sheet

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Chromium is not installed (/usr/bin/chromium)"
    ),
]

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
HAS_SOLVER = importlib.util.find_spec("scheduler.solve") is not None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("mitra-serve")) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(
    request: pytest.FixtureRequest, browser: Any, server: Server
) -> Iterator[Callable[[], Any]]:
    """Opens a page in a fresh browser context (its own cookies); when the test fails, each
    page's last state is saved as a FAILED-… screenshot, to see what the browser saw."""
    pages: list[Any] = []

    def open_page() -> Any:
        context = browser.new_context(base_url=server.url, viewport=DESKTOP, accept_downloads=True)
        context.set_default_timeout(15_000)
        pages.append(context.new_page())
        return pages[-1]

    yield open_page
    failed = getattr(request.node, "call_failed", False)
    for number, page in enumerate(pages, start=1):
        if failed:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = f"FAILED-{request.node.name}-{number}.png"
            page.screenshot(path=SCREENSHOTS / name, full_page=True)
        page.context.close()


def sign_in(page: Any, name: str, key: str, start: str = "/") -> None:
    page.goto(start)
    expect(page).to_have_url(f"{page.url.split('/masuk')[0]}/masuk?next={start}")
    page.get_by_label("Nama akun").fill(name)
    page.get_by_text("Pakai kunci API dari panitia").click()  # the key field is folded away
    page.get_by_label("Kunci API").fill(key)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.locator(".who")).to_contain_text(name)


# The outermost elements reaching past the right edge of the screen, to name them in a failure.
STICKING_OUT = """
[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .slice(0, 5)
  .map(e => `${e.tagName.toLowerCase()}.${e.className} ${e.getBoundingClientRect().right}`)
"""


def snapshot(page: Any, name: str) -> None:
    """Desktop and phone screenshots; on a phone nothing may stick out sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SCREENSHOTS / f"{name}-phone.png", full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    culprits = page.evaluate(STICKING_OUT) if overflow > 0 else []
    page.set_viewport_size(DESKTOP)
    assert overflow <= 0, f"{name}: {overflow}px wider than a phone screen: {culprits}"


def upload(page: Any, tmp_path: Path, rows: list[str]) -> None:
    path = tmp_path / "pemasok.csv"
    path.write_bytes(sheet(rows))
    page.goto("/pemasok/unggah")
    page.get_by_label("Berkas lembar pemasok").set_input_files(path)
    page.get_by_role("button", name="Periksa berkas").click()


def write_requirement(page: Any, requirement_id: str, title: str) -> None:
    page.goto("/kebutuhan/baru")
    page.get_by_label("Kode kebutuhan").fill(requirement_id)
    page.get_by_label("Judul").fill(title)
    processes = page.get_by_label("Proses")
    processes.press_sequentially("stam", delay=30)
    # Suggestions come from the taxonomy while typing.
    expect(page.locator('#processes-list option[value="stamping"]')).to_have_count(1)
    processes.fill("stamping; spot welding")
    page.get_by_label("Bahan").fill("SPCC")
    page.get_by_label("Sertifikat wajib").fill("ISO 9001")
    page.get_by_label("Volume per bulan").fill("20.000")
    page.get_by_label("Satuan", exact=True).fill("pcs")
    page.get_by_label("Lokasi pengiriman").fill("Kab. Bekasi")
    page.get_by_role("button", name="Simpan dan lihat daftar pendek").click()
    expect(page).to_have_url(f"{page.url.split('/kebutuhan')[0]}/kebutuhan/{requirement_id}")


def test_organizer_from_supplier_sheet_to_agenda_downloads(
    new_page: Callable[[], Any], server: Server, tmp_path: Path
) -> None:
    organizer = new_page()
    sign_in(organizer, "panitia", server.account("panitia", "organizer"), "/pemasok")
    snapshot(organizer, "suppliers-empty")

    # A sheet with bad rows: every problem listed, nothing saved.
    # A sheet over the service's limit is stopped by the page before it is sent.
    upload(organizer, tmp_path, GOOD_ROWS * 200)
    expect(organizer.locator("#file-too-large")).to_be_visible()
    expect(organizer).to_have_url(f"{server.url}/pemasok/unggah")

    upload(organizer, tmp_path, GOOD_ROWS + BAD_ROWS)
    errors = organizer.locator("table.errors tbody tr")
    expect(errors).to_have_count(2)
    expect(errors.first).to_contain_text("8")
    snapshot(organizer, "upload-errors")
    organizer.goto("/pemasok")
    expect(organizer.locator(".count")).to_have_text("0 pemasok")

    # The corrected sheet: preview, then save.
    upload(organizer, tmp_path, GOOD_ROWS)
    organizer.get_by_role("button", name="Simpan 6 pemasok").click()
    expect(organizer.locator(".notice")).to_have_text("6 pemasok tersimpan.")
    organizer.get_by_label("Proses").fill("stamping")
    organizer.get_by_role("button", name="Saring", exact=True).click()
    expect(organizer.locator(".count")).to_have_text("2 pemasok")
    snapshot(organizer, "suppliers")

    # An event with a buyer who writes its own requirement.
    organizer.goto("/acara")
    organizer.get_by_label("Kode acara").fill("temu-bisnis-tegal-2027")
    organizer.get_by_label("Nama acara").fill("Temu Bisnis IKM Logam Tegal")
    organizer.get_by_label("Tanggal").fill("2027-03-10")
    organizer.get_by_label("Jumlah sesi pagi").fill("4")
    organizer.get_by_label("Jumlah meja").fill("2")
    organizer.get_by_role("button", name="Buat acara").click()
    expect(organizer.locator("h1")).to_have_text("Temu Bisnis IKM Logam Tegal")
    organizer.get_by_label("Perusahaan pembeli").fill("PT Astra Otoparts")
    organizer.get_by_label("Nama akun").fill("astra")
    organizer.get_by_role("button", name="Tambah pembeli").click()
    astra_key = organizer.locator("#new-key").inner_text()

    buyer = new_page()
    sign_in(buyer, "astra", astra_key, "/kebutuhan/baru")
    snapshot(buyer, "requirement-form")
    write_requirement(buyer, "REQ-ASTRA-1", "Bracket stamping SPCC 2 mm")
    expect(buyer.locator(".result").first).to_contain_text("PT Presisi Bekasi")
    expect(buyer.locator(".result .bar .seg").first).to_be_visible()
    snapshot(buyer, "shortlist-buyer")

    # The organizer removes one supplier, with a reason, and plans the meetings.
    organizer.goto("/kebutuhan/REQ-ASTRA-1")
    second = organizer.locator(".result").nth(1)
    second.locator("summary").click()
    second.get_by_label("Alasan").fill("Sedang ada masalah mutu")
    second.get_by_role("button", name="Keluarkan").click()
    expect(organizer.locator(".notice")).to_contain_text("jejak audit")
    expect(organizer.locator("table").last).to_contain_text("Sedang ada masalah mutu")
    snapshot(organizer, "shortlist-organizer")
    organizer.goto("/acara/temu-bisnis-tegal-2027")
    organizer.get_by_label("Pemasok teratas per kebutuhan").fill("2")
    organizer.get_by_role("button", name="Susun pertemuan dari daftar pendek").click()
    expect(organizer.locator(".notice")).to_have_text("2 pertemuan baru ditambahkan.")

    organizer.get_by_label("Batas waktu hitung (detik)").fill("5")
    organizer.get_by_role("button", name="Susun jadwal").click()
    if not HAS_SOLVER:
        expect(organizer.locator(".error-text")).to_contain_text("belum terpasang")
        pytest.skip("scheduler.solve is not installed yet: grid and downloads not reached")
    expect(organizer.locator("#job-progress")).to_be_visible()
    expect(organizer.locator("#schedule-links")).to_be_visible(timeout=40_000)
    expect(organizer.locator("#job-state")).to_contain_text("Selesai")
    snapshot(organizer, "event")

    organizer.get_by_role("link", name="Tabel jadwal").click()
    expect(organizer.locator("table.grid td.busy")).to_have_count(2)
    snapshot(organizer, "grid")
    for label, suffix, magic in (
        ("Unduh XLSX", ".xlsx", b"PK"),
        ("Unduh PDF", ".pdf", b"%PDF"),
        ("Unduh kalender (ZIP)", ".zip", b"PK"),
    ):
        with organizer.expect_download() as waiting:
            organizer.get_by_role("link", name=label).click()
        download = waiting.value
        assert download.suggested_filename.endswith(suffix)
        assert Path(download.path()).read_bytes()[: len(magic)] == magic

    buyer.goto("/kebutuhan")
    buyer.get_by_role("link", name="Temu Bisnis IKM Logam Tegal").click()
    expect(buyer.locator("tr.busy")).to_have_count(2)
    snapshot(buyer, "agenda-buyer")


def test_buyer_is_refused_another_buyers_shortlist(
    new_page: Callable[[], Any], server: Server
) -> None:
    sinar = new_page()
    sign_in(sinar, "pt-sinar", server.account("pt-sinar", "buyer", "PT Sinar Karawang"))
    write_requirement(sinar, "REQ-SINAR-7", "Rangka stamping rahasia")
    shortlist_url = sinar.url

    maju = new_page()
    sign_in(maju, "pt-maju", server.account("pt-maju", "buyer", "PT Maju Cilegon"))
    answer = maju.goto(shortlist_url)
    assert answer.status == 404
    expect(maju.locator("h1")).to_have_text("Halaman tidak ditemukan")
    expect(maju.locator("body")).not_to_contain_text("Rangka stamping rahasia")
    snapshot(maju, "not-found")
    maju.goto("/kebutuhan")
    expect(maju.locator("main")).not_to_contain_text("REQ-SINAR-7")

    # The same page in English, for the switch.
    maju.get_by_role("link", name="EN").click()
    expect(maju.locator("h1")).to_have_text("My requirements")
    snapshot(maju, "requirements-english")


def test_buyer_signs_in_with_name_and_password_and_signs_out(
    new_page: Callable[[], Any], server: Server
) -> None:
    server.account("pt-kencana", "buyer", "PT Kencana Bekasi", password="rangka-baja-77")
    page = new_page()
    page.goto("/kebutuhan")
    page.get_by_label("Nama akun").fill("pt-kencana")
    page.get_by_label("Kata sandi").fill("salah-ketik-1")
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.locator("#signin-error")).to_contain_text("Nama akun atau kata sandi salah")
    snapshot(page, "signin-wrong-password")

    page.get_by_label("Kata sandi").fill("rangka-baja-77")
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.locator(".who")).to_contain_text("pt-kencana")
    expect(page).to_have_url(f"{server.url}/kebutuhan")

    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_label("Kata sandi")).to_be_visible()
    page.goto("/kebutuhan")
    expect(page).to_have_url(f"{server.url}/masuk?next=/kebutuhan")
