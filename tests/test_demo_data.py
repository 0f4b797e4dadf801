"""The bundled sample data (mitra/data/) is what the generator writes, and tells a true story.

These tests read the committed files the way `mitra demo` and an analyst would; they check the
generator only through its command line.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "make_demo_data.py"
DATA = REPO / "mitra" / "data"
DEMO_FILES = ("demo_suppliers.csv", "demo_requirements.json", "demo_outcomes.csv")
TODAY = date(2026, 11, 23)  # the demo's "today": certificates are judged against it

SHEET_COLUMNS = [
    "supplier_id", "name", "regency", "lat", "lon", "cluster", "kbli", "processes", "materials",
    "products", "certifications", "monthly_capacity", "capacity_unit", "employees", "machines",
    "partners", "tier", "cooperative", "contact_email", "contact_phone",
]  # fmt: skip

# The requirement mitra/data/README.md names as the one only a group can serve, and the
# words owners use for its processes (checked here independently of the generator's tables).
CONSORTIUM_ID = "REQ-2027-002"
PROCESS_WORDS = {
    "CNC turning": ("bubut", "turning", "lathe"),
    "milling": ("frais", "fris", "milling"),
    "chrome plating": ("krom", "chrom"),
}


def run_script(*args: str) -> None:
    subprocess.run([sys.executable, str(SCRIPT), *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def suppliers() -> list[dict[str, str]]:
    with (DATA / "demo_suppliers.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def requirements() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(
        (DATA / "demo_requirements.json").read_text(encoding="utf-8")
    )
    return loaded


def capacity(row: dict[str, str]) -> int:
    """`5.000`, `5,000` and `5000` are all five thousand (contract section 1)."""
    return int(re.sub(r"[.,]", "", row["monthly_capacity"]))


def certificates(row: dict[str, str]) -> list[tuple[str, date | None]]:
    entries = [e.strip() for e in row["certifications"].split(";") if e.strip()]
    result = []
    for entry in entries:
        name, _, until = entry.partition("|")
        result.append((name.strip(), date.fromisoformat(until) if until else None))
    return result


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def regency_centroids() -> dict[str, tuple[float, float]]:
    """`Kab. Tegal` / `Kota Tegal` -> centroid, from the bundled or shared gazetteer."""
    for path in (REPO / "matcher" / "data" / "regency_coords.csv",
                 Path("/work/shared/data/regency_coords.csv")):  # fmt: skip
        if path.exists():
            break
    else:
        pytest.skip("no regency gazetteer available")
    centroids = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kind, _, place = row["nama"].partition(" ")
            short = ("Kab. " if kind == "KABUPATEN" else "Kota ") + place.title()
            centroids[short] = (float(row["latitude"]), float(row["longitude"]))
    return centroids


def kbli_codes() -> set[str]:
    for path in (Path("/work/shared/data/kbli2020_codebook.csv"),
                 REPO / "matcher" / "data" / "kbli2020.csv"):  # fmt: skip
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                return {row["kode"] for row in csv.DictReader(handle) if row["digit"] == "5"}
    pytest.skip("no KBLI 2020 codebook available")


def test_committed_files_are_exactly_what_the_generator_writes(tmp_path: Path) -> None:
    run_script("--outdir", str(tmp_path))
    for name in DEMO_FILES:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


def test_sheet_has_the_contract_columns_and_enough_unique_suppliers(
    suppliers: list[dict[str, str]],
) -> None:
    with (DATA / "demo_suppliers.csv").open(encoding="utf-8") as handle:
        assert handle.readline().strip().split(",") == SHEET_COLUMNS
    ids = [row["supplier_id"] for row in suppliers]
    assert len(ids) >= 300
    assert len(set(ids)) == len(ids)
    assert all(row["name"] and row["regency"] and row["processes"] for row in suppliers)
    units = {row["capacity_unit"] for row in suppliers}
    assert {"pcs", "set", "unit", "kg", "ton", "m3", "liter"} <= units


def test_requirements_follow_the_contract(requirements: list[dict[str, Any]]) -> None:
    assert len(requirements) >= 12
    assert len({r["requirement_id"] for r in requirements}) == len(requirements)
    for requirement in requirements:
        assert requirement["processes"], requirement["requirement_id"]
        assert date.fromisoformat(requirement["needed_by"]).year == 2027
        assert requirement["delivery"]["max_distance_km"] > 0


def test_every_kbli_code_is_a_real_kbli_2020_code(
    suppliers: list[dict[str, str]], requirements: list[dict[str, Any]]
) -> None:
    known = kbli_codes()
    used = {code for row in suppliers for code in row["kbli"].split(";") if code}
    used |= {code for requirement in requirements for code in requirement["kbli"]}
    assert used, "no KBLI codes at all"
    assert used <= known, sorted(used - known)


def test_certificates_include_expired_soon_expiring_and_long_valid_ones(
    suppliers: list[dict[str, str]],
) -> None:
    dates = [until for row in suppliers for _, until in certificates(row) if until]
    expired = [d for d in dates if d < TODAY]
    early_2027 = [d for d in dates if date(2027, 1, 1) <= d <= date(2027, 6, 30)]
    later = [d for d in dates if d > date(2027, 6, 30)]
    assert len(expired) >= 20 and len(early_2027) >= 20 and len(later) >= 20


# how the required certificates of the demo requirements are spelt in the sheet
CERT_KEYS = {"ISO 9001": ("iso9001",), "SVLK": ("svlk", "slk"), "Halal": ("halal",),
             "SNI": ("sni",)}  # fmt: skip


def holds(row: dict[str, str], cert: str) -> list[date | None]:
    """Expiry dates of the supplier's certificates that are `cert`, however spelt."""
    found = []
    for name, until in certificates(row):
        key = re.sub(r"[^a-z0-9]", "", name.lower())
        if key.startswith(CERT_KEYS[cert]):
            found.append(until)
    return found


def test_needed_by_decides_eligibility_for_some_certificate_holders(
    suppliers: list[dict[str, str]], requirements: list[dict[str, Any]]
) -> None:
    """Valid today but lapsed by needed_by: these suppliers must drop out of a shortlist."""
    decided = set()
    for requirement in requirements:
        needed_by = date.fromisoformat(requirement["needed_by"])
        for cert in requirement["certifications_required"]:
            for row in suppliers:
                if any(u and TODAY <= u < needed_by for u in holds(row, cert)):
                    decided.add(requirement["requirement_id"])
    assert len(decided) >= 3, decided


def test_certificate_spellings_vary_like_real_sheets(suppliers: list[dict[str, str]]) -> None:
    names = {name for row in suppliers for name, _ in certificates(row)}
    assert {"ISO 9001", "ISO9001:2015", "iso-9001"} & names == {
        "ISO 9001",
        "ISO9001:2015",
        "iso-9001",
    }
    assert any(name.startswith("TKDN") and name.endswith("%") for name in names)


def test_capacities_use_both_thousands_separators(suppliers: list[dict[str, str]]) -> None:
    written = [row["monthly_capacity"] for row in suppliers]
    assert any(re.fullmatch(r"\d{1,3}(\.\d{3})+", text) for text in written)
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+", text) for text in written)
    assert all(capacity(row) > 0 for row in suppliers)


def test_locations_are_near_their_regency_and_some_rely_on_the_centroid(
    suppliers: list[dict[str, str]],
) -> None:
    centroids = regency_centroids()
    without = [row for row in suppliers if not row["lat"]]
    assert 0.08 <= len(without) / len(suppliers) <= 0.25
    for row in without:
        # a row without coordinates must name its regency the standard way
        assert row["regency"] in centroids, row["supplier_id"]
    for row in suppliers:
        if row["lat"] and row["regency"] in centroids:
            point = (float(row["lat"]), float(row["lon"]))
            assert km_between(point, centroids[row["regency"]]) < 30, row["supplier_id"]


def test_contact_data_is_fictitious(suppliers: list[dict[str, str]]) -> None:
    emails = [row["contact_email"] for row in suppliers if row["contact_email"]]
    assert emails
    assert all(re.search(r"@example\.(com|net|org)$", e) for e in emails)


def does(row: dict[str, str], process: str) -> bool:
    text = row["processes"].lower()
    return any(word in text for word in PROCESS_WORDS[process])


def test_consortium_requirement_needs_a_group_from_one_cluster(
    suppliers: list[dict[str, str]], requirements: list[dict[str, Any]]
) -> None:
    assert CONSORTIUM_ID in (DATA / "README.md").read_text(encoding="utf-8")
    requirement = next(r for r in requirements if r["requirement_id"] == CONSORTIUM_ID)
    volume, unit = requirement["monthly_volume"], requirement["volume_unit"]
    assert set(requirement["processes"]) == set(PROCESS_WORDS)
    # no single supplier at all, whatever it makes, counts that many pieces a month
    assert all(capacity(row) < volume for row in suppliers if row["capacity_unit"] == unit)
    relevant = [
        row
        for row in suppliers
        if row["capacity_unit"] == unit and any(does(row, p) for p in PROCESS_WORDS)
    ]

    def covers(group: tuple[dict[str, str], ...]) -> bool:
        return all(
            sum(capacity(row) for row in group if does(row, p)) >= volume for p in PROCESS_WORDS
        )

    clusters = sorted({row["cluster"] for row in relevant if row["cluster"]})
    found = [
        group
        for cluster in clusters
        for size in (2, 3, 4)
        for group in itertools.combinations(
            [row for row in relevant if row["cluster"] == cluster and capacity(row) >= 10_000],
            size,
        )
        if covers(group)
    ]
    assert found, "no group of 2-4 neighbours covers every process and the volume"


def test_outcomes_refer_to_demo_ids_with_values_only_on_purchase_orders(
    suppliers: list[dict[str, str]], requirements: list[dict[str, Any]]
) -> None:
    with (DATA / "demo_outcomes.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    supplier_ids = {row["supplier_id"] for row in suppliers}
    requirement_ids = {r["requirement_id"] for r in requirements}
    stages = {"invited", "met", "no_show", "interested", "sample_requested", "mou",
              "purchase_order"}  # fmt: skip
    assert {row["outcome"] for row in rows} <= stages
    assert {row["outcome"] for row in rows} >= {"met", "no_show", "purchase_order"}
    pairs = [(row["requirement_id"], row["supplier_id"]) for row in rows]
    assert len(set(pairs)) == len(pairs)
    for row in rows:
        assert row["requirement_id"] in requirement_ids
        assert row["supplier_id"] in supplier_ids
        assert bool(row["value_idr"]) == (row["outcome"] == "purchase_order")
        assert date.fromisoformat(row["date"]) <= TODAY


def test_synthetic_sheet_with_indonesian_headers(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    run_script("--rows", "40", "--out", str(first), "--indonesian-headers")
    run_script("--rows", "40", "--out", str(second), "--indonesian-headers")
    assert first.read_bytes() == second.read_bytes()
    with first.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["id_pemasok", "nama", "kabupaten"]
    assert "proses" in rows[0] and "kapasitas_bulanan" in rows[0]
    assert len(rows) == 41


def test_synthetic_sheet_as_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "pemasok.xlsx"
    run_script("--rows", "25", "--out", str(path))
    sheet = load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == SHEET_COLUMNS
    assert len(rows) == 26
    assert all(isinstance(row[13], int) for row in rows[1:])  # employees typed as numbers
