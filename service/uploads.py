"""Request bodies within the size limit, and supplier sheets out of uploads.

The limit is checked twice: against the declared Content-Length before anything is read, and
by counting bytes as they arrive (a client may send no length, or a false one).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from fastapi import HTTPException, Request, status
from starlette.datastructures import UploadFile
from starlette.types import ASGIApp, Message, Receive, Scope, Send

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RAW_SHEET_TYPES = {"text/csv", "application/csv", "text/plain", XLSX, "application/octet-stream"}
SHEET_SUFFIXES = {".csv", ".txt", ".xlsx", ".xlsm", ".xls"}


def too_large(limit: int) -> HTTPException:
    megabytes = limit / (1024 * 1024)
    return HTTPException(
        status.HTTP_413_CONTENT_TOO_LARGE,
        f"the request is larger than the limit of {megabytes:g} MB; split the sheet into "
        "smaller files or ask the administrator to raise MITRA_MAX_UPLOAD_MB",
    )


class BodyLimit:
    """ASGI middleware refusing request bodies above `limit` bytes with 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _reject(send, too_large(self.limit))
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    # Raised inside the route, where FastAPI turns it into the 413 response.
                    raise too_large(self.limit)
            return message

        await self.app(scope, counted, send)


async def _reject(send: Send, error: HTTPException) -> None:
    import json

    body = json.dumps({"detail": error.detail}).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": error.status_code,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def read_sheet(request: Request, filename: str | None) -> tuple[str, bytes]:
    """(file name, bytes) of an uploaded supplier sheet: multipart field `file`, or a raw body."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=20)
        upload: Any = form.get("file")
        if not isinstance(upload, UploadFile):
            raise HTTPException(400, "send the sheet in a form field named 'file'")
        data = await upload.read()
        name = upload.filename or filename or "suppliers.csv"
    elif media in RAW_SHEET_TYPES:
        data = await request.body()
        name = filename or ("suppliers.xlsx" if media == XLSX else "suppliers.csv")
    else:
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            "send the sheet as multipart/form-data (field 'file'), or as text/csv or .xlsx",
        )
    name = PurePath(name).name or "suppliers.csv"
    if PurePath(name).suffix.lower() not in SHEET_SUFFIXES:
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            f"'{name}' is not a supplier sheet: upload a .csv or .xlsx file",
        )
    if not data:
        raise HTTPException(400, "the uploaded file is empty")
    return name, data
