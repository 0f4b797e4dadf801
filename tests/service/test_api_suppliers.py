"""Suppliers over HTTP: filters, pages, edits with If-Match, uploads and their failures."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from service.app import create_app
from service.config import Settings
from tests.service.conftest import TEGAL_SHEET, Api
from tests.service.helpers import HEADER, good_row

pytestmark = pytest.mark.db

Headers = dict[str, str]


def ids(response_json: dict[str, object]) -> list[str]:
    return [item["supplier_id"] for item in response_json["items"]]  # type: ignore[attr-defined, index]


def test_filters_combine_and_pages_count_all_matches(
    api: Api, organizer: Headers, catalogue: None
) -> None:
    get = api.client.get
    assert ids(get("/api/suppliers?regency=tegal", headers=organizer).json()) == [
        "TGL-001",
        "TGL-002",
        "TGL-003",
    ]
    assert ids(get("/api/suppliers?process=injeksi", headers=organizer).json()) == ["KDL-001"]
    assert ids(get("/api/suppliers?certification=IATF", headers=organizer).json()) == ["KDL-001"]
    assert ids(
        get("/api/suppliers?cluster=LIK Takaru&cooperative=TMI", headers=organizer).json()
    ) == [
        "TGL-001",
        "TGL-002",
    ]
    page = get("/api/suppliers?offset=2&limit=2", headers=organizer).json()
    assert (page["total"], len(page["items"])) == (5, 2)


def test_unknown_supplier_is_404_and_bad_page_is_422(api: Api, organizer: Headers) -> None:
    assert api.client.get("/api/suppliers/TGL-999", headers=organizer).status_code == 404
    response = api.client.get("/api/suppliers?limit=0", headers=organizer)
    assert response.status_code == 422
    assert "limit" in response.json()["detail"]


def test_create_checks_each_field_and_refuses_duplicates(api: Api, organizer: Headers) -> None:
    supplier = {
        "supplier_id": "BKS-001",
        "name": "CV Presisi Bekasi",
        "regency": "Kab. Bekasi",
        "processes": ["bubut CNC"],
        "monthly_capacity": 3000,
        "capacity_unit": "pcs",
        "contact_email": "presisi@example.co.id",
    }
    created = api.client.post("/api/suppliers", json=supplier, headers=organizer)
    assert created.status_code == 201
    assert created.json()["contact_email"] == "presisi@example.co.id"
    again = api.client.post("/api/suppliers", json=supplier, headers=organizer)
    assert again.status_code == 409
    bad_unit = api.client.post(
        "/api/suppliers",
        json={**supplier, "supplier_id": "BKS-002", "capacity_unit": "gantang"},
        headers=organizer,
    )
    assert bad_unit.status_code == 422
    assert bad_unit.json()["errors"][0]["field"] == "capacity_unit"
    missing = api.client.post("/api/suppliers", json={"supplier_id": "X"}, headers=organizer)
    assert missing.status_code == 422
    assert "name" in missing.json()["detail"]


def test_patch_keeps_other_fields_and_refuses_stale_etag(
    api: Api, organizer: Headers, catalogue: None
) -> None:
    read = api.client.get("/api/suppliers/TGL-001", headers=organizer)
    etag = read.headers["ETag"]
    first = api.client.patch(
        "/api/suppliers/TGL-001", json={"machines": 12}, headers={**organizer, "If-Match": etag}
    )
    assert first.status_code == 200
    assert first.json()["machines"] == 12
    assert first.json()["processes"] == read.json()["processes"]
    # A second editor still holding the old ETag must not overwrite the first one's change.
    stale = api.client.patch(
        "/api/suppliers/TGL-001", json={"machines": 99}, headers={**organizer, "If-Match": etag}
    )
    assert stale.status_code == 412
    assert api.client.get("/api/suppliers/TGL-001", headers=organizer).json()["machines"] == 12
    emptied = api.client.patch("/api/suppliers/TGL-001", json={"name": None}, headers=organizer)
    assert emptied.status_code == 422
    audit = api.client.get(
        "/api/audit?action=update_supplier&target=TGL-001", headers=organizer
    ).json()
    assert [(e["actor"], e["detail"]["changed"]) for e in audit["items"]] == [
        ("panitia-tegal (organizer)", {"machines": 12})
    ]


def test_delete_removes_and_is_audited(api: Api, organizer: Headers, catalogue: None) -> None:
    assert api.client.delete("/api/suppliers/TGL-003", headers=organizer).status_code == 204
    assert api.client.get("/api/suppliers/TGL-003", headers=organizer).status_code == 404
    assert api.client.delete("/api/suppliers/TGL-003", headers=organizer).status_code == 404
    audit = api.client.get("/api/audit?action=delete_supplier", headers=organizer).json()
    assert [(e["target"], e["actor"]) for e in audit["items"]] == [
        ("TGL-003", "panitia-tegal (organizer)")
    ]


def sheet(rows: list[list[str]]) -> bytes:
    lines = [",".join(HEADER)] + [",".join(f'"{cell}"' for cell in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def test_upload_with_a_bad_row_saves_nothing_and_names_row_and_column(
    api: Api, organizer: Headers
) -> None:
    bad = good_row(2)
    bad[HEADER.index("monthly_capacity")] = "banyak"
    data = sheet([good_row(1), bad])
    response = api.client.post(
        "/api/suppliers/import", headers=organizer, files={"file": ("tegal.csv", data)}
    )
    assert response.status_code == 422
    assert [(e["row"], e["column"]) for e in response.json()["errors"]] == [(3, "monthly_capacity")]
    assert api.client.get("/api/suppliers", headers=organizer).json()["total"] == 0

    skipped = api.client.post(
        "/api/suppliers/import?skip_invalid=true",
        headers=organizer,
        files={"file": ("tegal.csv", data)},
    )
    assert skipped.status_code == 200
    assert (skipped.json()["created"], len(skipped.json()["rejected"])) == (1, 1)
    imports = api.client.get("/api/audit?action=import_suppliers", headers=organizer).json()
    assert [(e["actor"], e["target"], e["detail"]["rejected"]) for e in imports["items"]] == [
        ("panitia-tegal (organizer)", "tegal.csv", 1)
    ]


def test_upload_accepts_xlsx_and_a_raw_csv_body(api: Api, organizer: Headers) -> None:
    book = Workbook()
    sheet_ = book.active
    assert sheet_ is not None
    sheet_.append(HEADER)
    sheet_.append(good_row(7))
    buffer = io.BytesIO()
    book.save(buffer)
    xlsx = api.client.post(
        "/api/suppliers/import",
        headers=organizer,
        files={"file": ("kendal.xlsx", buffer.getvalue())},
    )
    assert xlsx.json()["created"] == 1
    raw = api.client.post(
        "/api/suppliers/import",
        headers={**organizer, "Content-Type": "text/csv"},
        content=TEGAL_SHEET.read_bytes(),
    )
    assert (raw.status_code, raw.json()["created"]) == (200, 5)


@pytest.mark.parametrize(
    ("content_type", "body", "status", "words"),
    [
        ("application/json", b'{"a": 1}', 415, "multipart"),
        ("multipart/form-data; boundary=xyz", b"--xyz\r\nnot a form", 400, ""),
        ("text/csv", b"", 400, "empty"),
    ],
)
def test_malformed_uploads_get_a_clear_4xx(
    api: Api, organizer: Headers, content_type: str, body: bytes, status: int, words: str
) -> None:
    response = api.client.post(
        "/api/suppliers/import", headers={**organizer, "Content-Type": content_type}, content=body
    )
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_other_file_types_are_refused(api: Api, organizer: Headers) -> None:
    response = api.client.post(
        "/api/suppliers/import",
        headers=organizer,
        files={"file": ("foto.jpg", b"\xff\xd8\xff\xe0")},
    )
    assert response.status_code == 415
    assert "foto.jpg" in response.json()["detail"]


def test_a_sheet_over_the_size_limit_gets_413(database_url: str) -> None:
    app = create_app(database_url, settings=Settings(max_upload_mb=0.001))  # about 1 KB
    api = Api(app=app, client=TestClient(app))
    organizer = api.account("panitia", "organizer")
    big = sheet([good_row(i) for i in range(40)])
    declared = api.client.post(
        "/api/suppliers/import", headers=organizer, files={"file": ("besar.csv", big)}
    )
    assert declared.status_code == 413
    assert "MB" in declared.json()["detail"]

    def chunks() -> object:  # no Content-Length: the limit is counted while reading
        yield big[:600]
        yield big[600:]

    streamed = api.client.post(
        "/api/suppliers/import",
        headers={**organizer, "Content-Type": "text/csv"},
        content=chunks(),  # type: ignore[arg-type]
    )
    assert streamed.status_code == 413
    assert api.client.get("/api/suppliers", headers=organizer).json()["total"] == 0
