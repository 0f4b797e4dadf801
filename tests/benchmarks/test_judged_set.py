"""The hand-judged ranking set is usable: consistent ids, sane grades, big enough pools."""

from __future__ import annotations

import csv
import importlib.util
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from benchmarks.judged.gates import gate_failures, load_centroids

JUDGED = Path(__file__).resolve().parents[2] / "benchmarks" / "judged"
CONTRACT_COLUMNS = (
    "supplier_id,name,regency,lat,lon,cluster,kbli,processes,materials,products,certifications,"
    "monthly_capacity,capacity_unit,employees,machines,partners,tier,cooperative,"
    "contact_email,contact_phone"
).split(",")


def _rows(name: str) -> list[dict[str, str]]:
    with (JUDGED / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def suppliers() -> dict[str, dict[str, str]]:
    return {row["supplier_id"]: row for row in _rows("suppliers.csv")}


@pytest.fixture(scope="module")
def requirements() -> dict[str, dict[str, object]]:
    docs = [
        json.loads(p.read_text(encoding="utf-8")) for p in (JUDGED / "requirements").glob("*.json")
    ]
    return {str(doc["requirement_id"]): doc for doc in docs}


@pytest.fixture(scope="module")
def judgments() -> list[dict[str, str]]:
    return _rows("judgments.csv")


def test_supplier_sheet_has_the_contract_columns() -> None:
    with (JUDGED / "suppliers.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == CONTRACT_COLUMNS


def test_every_judgement_names_a_known_supplier_and_requirement(
    suppliers: dict[str, dict[str, str]],
    requirements: dict[str, dict[str, object]],
    judgments: list[dict[str, str]],
) -> None:
    unknown = [
        (j["requirement_id"], j["supplier_id"])
        for j in judgments
        if j["supplier_id"] not in suppliers or j["requirement_id"] not in requirements
    ]
    assert unknown == []
    pairs = Counter((j["requirement_id"], j["supplier_id"]) for j in judgments)
    assert [pair for pair, count in pairs.items() if count > 1] == []


def test_grades_are_zero_to_three_with_a_reason(judgments: list[dict[str, str]]) -> None:
    bad = [
        j for j in judgments if j["grade"] not in {"0", "1", "2", "3"} or not j["reason"].strip()
    ]
    assert bad == []


def test_each_requirement_has_a_pool_where_order_matters(
    requirements: dict[str, dict[str, object]], judgments: list[dict[str, str]]
) -> None:
    per_requirement: dict[str, list[dict[str, str]]] = defaultdict(list)
    for j in judgments:
        per_requirement[j["requirement_id"]].append(j)
    for requirement_id in requirements:
        judged = per_requirement[requirement_id]
        eligible = [j for j in judged if not j["reason"].startswith("GATE")]
        grades = Counter(j["grade"] for j in eligible)
        assert len(judged) >= 25, requirement_id
        assert len(eligible) >= 25, requirement_id
        assert grades["3"] >= 1 and grades["2"] >= 1 and grades["1"] >= 1, requirement_id
        # look-alikes and hard-gate failures are there to be caught
        assert any(j["reason"].startswith("trader") for j in judged), requirement_id
        assert any(j["reason"].startswith("GATE") for j in judged), requirement_id


def test_requirements_are_split_into_tune_and_check(
    requirements: dict[str, dict[str, object]],
) -> None:
    splits = Counter(str(doc.get("split")) for doc in requirements.values())
    assert set(splits) == {"tune", "check"}
    assert splits["check"] >= 5
    assert len(requirements) >= 14


def test_gate_failures_are_graded_zero_and_say_why(
    suppliers: dict[str, dict[str, str]],
    requirements: dict[str, dict[str, object]],
    judgments: list[dict[str, str]],
) -> None:
    centroids = load_centroids()
    for j in judgments:
        failures = gate_failures(
            suppliers[j["supplier_id"]], requirements[j["requirement_id"]], centroids
        )
        assert bool(failures) == j["reason"].startswith("GATE"), (j, failures)
        if failures:
            assert j["grade"] == "0"


def test_an_expired_required_certificate_fails_the_gate() -> None:
    requirement = {
        "requirement_id": "REQ-T",
        "processes": ["stamping"],
        "certifications_required": ["ISO 9001"],
        "needed_by": "2027-03-01",
    }
    row = {
        "supplier_id": "S1",
        "regency": "Kab. Tegal",
        "certifications": "ISO 9001:2015|2027-02-28",
    }
    assert gate_failures(row, requirement, {}) == ["ISO 9001 expired on 2027-02-28"]
    row["certifications"] = "iso-9001|2027-03-01"
    assert gate_failures(row, requirement, {}) == []


def test_the_pool_is_written_by_its_seeded_script(tmp_path: Path) -> None:
    from benchmarks.judged.make_pool import main

    main(tmp_path)
    for name in ("suppliers.csv", "judgments.csv"):
        assert (tmp_path / name).read_bytes() == (JUDGED / name).read_bytes(), name


@pytest.mark.skipif(
    importlib.util.find_spec("service.sheets") is None, reason="supplier sheet reader not built yet"
)
def test_the_supplier_sheet_imports_without_errors(suppliers: dict[str, dict[str, str]]) -> None:
    from service.sheets import read_supplier_sheet

    records = read_supplier_sheet(JUDGED / "suppliers.csv")
    assert sorted(r.supplier_id for r in records) == sorted(suppliers)


@pytest.mark.skipif(
    importlib.util.find_spec("models.requirement") is None,
    reason="requirement parser not built yet",
)
def test_every_requirement_parses(requirements: dict[str, dict[str, object]]) -> None:
    from models.requirement import parse_requirement

    for requirement_id, doc in requirements.items():
        assert parse_requirement(doc).requirement_id == requirement_id
