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


@router.get("/pemasok")
def supplier_list(
    request: Request,
    session: SessionDep,
    user: StaffPage,
    filters: Annotated[crud.SupplierFilters, Query()],
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    total, rows = crud.list_suppliers(session, filters, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    given = filters.model_dump(exclude_defaults=True)
    pages = max(1, -(-total // PAGE_SIZE))
    return render(
        request,
        "suppliers.html",
        {
            "filters": filters.model_dump(),
            "suppliers": rows,
            "total": total,
            "page": page,
            "pages": pages,
            "prev_url": f"?{urlencode({**given, 'page': page - 1})}" if page > 1 else "",
            "next_url": f"?{urlencode({**given, 'page': page + 1})}" if page < pages else "",
        },
    )


def _upload_page(request: Request, status: int = 200, **context: str) -> Response:
    """The upload form; it knows the service's size limit, to warn before a long upload."""
    limit: int = request.app.state.settings.max_upload_bytes
    sizes = {"max_bytes": limit, "max_mb": round(limit / (1024 * 1024), 1)}
    return render(request, "upload.html", {**sizes, **context}, status)


@router.get("/pemasok/unggah")
def upload_form(request: Request, user: OrganizerPage) -> Response:
    return _upload_page(request)


@router.post("/pemasok/unggah")
def upload_preview(
    request: Request, user: OrganizerForm, file: Annotated[UploadFile, File()]
) -> Response:
    """Check the sheet and show what would be saved; nothing is written yet."""
    name = PurePath(file.filename or "").name
    if PurePath(name).suffix.lower() not in SHEET_SUFFIXES:
        return _upload_page(request, 415, error="upload_wrong_type")
    data = file.file.read()
    if not data:
        return _upload_page(request, 400, error="upload_empty")
    try:
        parsed = parse_sheet(Path(name), data)
    except MitraError as exc:
        return _upload_page(request, 422, error_text=str(exc))
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
        return _upload_page(request, 410, error="upload_expired")
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
