"""Suppliers: the filtered catalogue, and sheet upload with a preview before anything is saved."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile

from matcher.errors import MitraError, SheetError
from service.crud import suppliers as crud
from service.deps import EngineDep, SessionDep, actor
from service.importer import import_suppliers
from service.sheets import parse_sheet
from service.uploads import SHEET_SUFFIXES
from service.web import pending
from service.web.pages import PageRoute, redirect, render
from service.web.session import OrganizerForm, OrganizerPage, StaffPage

router = APIRouter(route_class=PageRoute, include_in_schema=False)

PAGE_SIZE = 50
PREVIEW_ROWS = 20
Filter = Annotated[str, Query(max_length=200)]


@router.get("/pemasok")
def supplier_list(
    request: Request,
    session: SessionDep,
    user: StaffPage,
    process: Filter = "",
    certification: Filter = "",
    regency: Filter = "",
    cluster: Filter = "",
    cooperative: Filter = "",
    q: Filter = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    filters: dict[str, str | None] = {
        "process": process,
        "certification": certification,
        "regency": regency,
        "cluster": cluster,
        "cooperative": cooperative,
        "q": q,
    }
    total, rows = crud.list_suppliers(session, filters, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    given = {k: v for k, v in filters.items() if v}
    pages = max(1, -(-total // PAGE_SIZE))
    return render(
        request,
        "suppliers.html",
        {
            "filters": filters,
            "suppliers": rows,
            "total": total,
            "page": page,
            "pages": pages,
            "prev_url": f"?{urlencode({**given, 'page': page - 1})}" if page > 1 else "",
            "next_url": f"?{urlencode({**given, 'page': page + 1})}" if page < pages else "",
        },
    )


@router.get("/pemasok/unggah")
def upload_form(request: Request, user: OrganizerPage) -> Response:
    return render(request, "upload.html", {})


@router.post("/pemasok/unggah")
def upload_preview(
    request: Request, user: OrganizerForm, file: Annotated[UploadFile, File()]
) -> Response:
    """Check the sheet and show what would be saved; nothing is written yet."""
    name = PurePath(file.filename or "").name
    if PurePath(name).suffix.lower() not in SHEET_SUFFIXES:
        return render(request, "upload.html", {"error": "upload_wrong_type"}, status=415)
    data = file.file.read()
    if not data:
        return render(request, "upload.html", {"error": "upload_empty"}, status=400)
    try:
        parsed = parse_sheet(Path(name), data)
    except MitraError as exc:
        return render(request, "upload.html", {"error_text": str(exc)}, status=422)
    assert user.id is not None
    token = pending.keep(user.id, name, data)
    context = {
        "file_name": name,
        "token": token,
        "errors": parsed.errors,
        "good": len(parsed.suppliers),
        "bad_rows": len({e.row for e in parsed.errors}),
        "preview": parsed.suppliers[:PREVIEW_ROWS],
    }
    return render(request, "preview.html", context, status=422 if parsed.errors else 200)


@router.post("/pemasok/unggah/simpan")
def upload_confirm(
    request: Request,
    engine: EngineDep,
    user: OrganizerForm,
    token: Annotated[str, Form(max_length=100)],
    skip_invalid: Annotated[bool, Form()] = False,
) -> Response:
    """Save a previewed sheet: all rows, or (when asked) only the good ones."""
    assert user.id is not None
    found = pending.fetch(token, user.id)
    if found is None:
        return render(request, "upload.html", {"error": "upload_expired"}, status=410)
    name, data = found
    try:
        report = import_suppliers(
            engine, name, data=data, skip_invalid=skip_invalid, actor=actor(user)
        )
    except SheetError as exc:
        context = {"file_name": name, "token": token, "errors": exc.errors, "good": 0}
        return render(request, "preview.html", context, status=422)
    pending.discard(token)
    return redirect(f"/pemasok?msg=msg_imported&n={report.imported}")
