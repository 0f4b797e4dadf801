"""/api/suppliers: the catalogue. Organizers change it; everyone signed in reads it.

Contact data leaves only for organizers, and for a buyer whose meeting with the supplier the
organizer released it for.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response, status
from starlette.concurrency import run_in_threadpool

from models.supplier import SupplierCreate, SupplierPrivate, SupplierPublic, SupplierUpdate
from models.user import Role, User
from service.crud import suppliers as crud
from service.deps import CurrentUser, EngineDep, Organizer, SessionDep, actor
from service.routes.paging import Limit, Offset, Page

router = APIRouter(prefix="/suppliers", tags=["suppliers"])

SupplierOut = SupplierPrivate | SupplierPublic


def _views(session: SessionDep, user: User, rows: list[Any]) -> list[SupplierOut]:
    """Contact data for organizers, and for a buyer only where it was released to it."""
    if user.role == Role.organizer:
        return [crud.public_view(row, with_contacts=True) for row in rows]
    released: set[str] = set()
    if user.role == Role.buyer and user.id is not None:
        released = crud.released_to(session, user.id, [row.supplier_id for row in rows])
    return [crud.public_view(row, with_contacts=row.supplier_id in released) for row in rows]


@router.get("", response_model=Page[SupplierOut])
def list_suppliers(
    session: SessionDep,
    user: CurrentUser,
    filters: Annotated[crud.SupplierFilters, Query()],
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[SupplierOut]:
    """Suppliers matching every filter given (case-insensitive, part of a word is enough)."""
    total, rows = crud.list_suppliers(session, filters, offset, limit)
    items = _views(session, user, rows)
    return Page(total=total, offset=offset, limit=limit, items=items)


@router.get("/{supplier_id}", response_model=SupplierOut)
def get_supplier(
    supplier_id: str, session: SessionDep, user: CurrentUser, response: Response
) -> SupplierOut:
    row = crud.get_supplier(session, supplier_id)
    response.headers["ETag"] = crud.etag(row)
    return _views(session, user, [row])[0]


@router.post("", response_model=SupplierPrivate, status_code=status.HTTP_201_CREATED)
def create_supplier(
    body: SupplierCreate, session: SessionDep, user: Organizer, response: Response
) -> SupplierOut:
    row = crud.create_supplier(session, body, actor(user))
    response.headers["ETag"] = crud.etag(row)
    return crud.public_view(row, with_contacts=True)


@router.patch("/{supplier_id}", response_model=SupplierPrivate)
def update_supplier(
    supplier_id: str,
    body: SupplierUpdate,
    session: SessionDep,
    user: Organizer,
    response: Response,
    if_match: Annotated[
        str | None,
        Header(description="The ETag you read; the update is refused (412) if it changed since."),
    ] = None,
) -> SupplierOut:
    """Change the fields given. Send `If-Match` to be sure nobody changed it since you read it."""
    changes = body.model_dump(exclude_unset=True)
    row = crud.update_supplier(
        session, supplier_id, changes, actor(user), crud.parse_etag(if_match)
    )
    response.headers["ETag"] = crud.etag(row)
    return crud.public_view(row, with_contacts=True)


@router.delete("/{supplier_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_supplier(supplier_id: str, session: SessionDep, user: Organizer) -> Response:
    crud.delete_supplier(session, supplier_id, actor(user))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


SHEET_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
            "text/csv": {"schema": {"type": "string"}},
        },
    }
}


@router.post("/import", openapi_extra=SHEET_BODY)
async def import_sheet(
    request: Request,
    engine: EngineDep,
    user: Organizer,
    skip_invalid: bool = False,
    filename: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Import a supplier sheet (contract section 1): all or nothing unless `skip_invalid`.

    Bad rows answer 422 with every row, column and reason; nothing is saved.
    """
    from service.importer import import_suppliers
    from service.uploads import read_sheet

    name, data = await read_sheet(request, filename)
    report = await run_in_threadpool(
        import_suppliers, engine, name, data=data, skip_invalid=skip_invalid, actor=actor(user)
    )
    return {
        "file": name,
        "imported": report.imported,
        "created": report.created,
        "updated": report.updated,
        "rejected": [
            {"row": e.row, "column": e.column, "reason": e.reason} for e in report.rejected
        ],
    }
