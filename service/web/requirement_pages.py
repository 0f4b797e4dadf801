"""Requirements and their shortlists: the buyer's form, the explained ranking, forced entries.

A buyer reaches only its own requirements; any other id, existing or not, is the same 404 page
(the crud layer already answers that way). Organizers may write a requirement for a buyer and
force a supplier into or out of its shortlist, with a reason kept in the audit trail.
"""

from __future__ import annotations

import re
import secrets
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlmodel import col

from matcher.errors import RequirementError
from matcher.vocab import suggest_terms
from models.user import Role, User
from service.crud import requirements as crud
from service.crud import shortlists as shortlist_crud
from service.crud.events import list_events
from service.deps import EngineDep, SessionDep
from service.web.forms import RequirementForm, requirement_document, requirement_values
from service.web.pages import PageRoute, redirect, render, requirement_url
from service.web.session import OrganizerForm, PageUser, WriterForm, WriterPage

router = APIRouter(route_class=PageRoute, include_in_schema=False)

SupplierId = Annotated[str, Form(min_length=1, max_length=120)]
# Whose requirement, for organizers and analysts when several buyers chose the same id.
Owner = Annotated[int | None, Query(alias="pemilik", ge=1, le=2_147_483_647)]

SHORTLIST_TOP = 10
# The organizer's page also proposes groups of suppliers when no one supplier can serve alone.
ORGANIZER_CONSORTIA = 3


def _buyer_accounts(session: SessionDep) -> list[User]:
    rows = session.execute(
        select(User).where(col(User.role) == Role.buyer).order_by(col(User.name))
    )
    return list(rows.scalars())


@router.get("/kebutuhan")
def requirement_list(request: Request, session: SessionDep, user: PageUser) -> Response:
    total, rows = crud.list_requirements(session, user, 0, 500)
    return render(
        request,
        "requirements.html",
        {"requirements": rows, "total": total, "events": list_events(session, user)},
    )


def _new_id() -> str:
    return f"REQ-{date.today():%Y%m%d}-{secrets.token_hex(2).upper()}"


@router.get("/kebutuhan/baru")
def requirement_form(
    request: Request,
    session: SessionDep,
    user: WriterPage,
    owner: Annotated[int | None, Query(alias="untuk", ge=1, le=2_147_483_647)] = None,
) -> Response:
    values = {"requirement_id": _new_id(), "owner": owner or "", "buyer": user.organization}
    return _form_page(request, session, user, values)


def _form_page(
    request: Request,
    session: SessionDep,
    user: User,
    values: dict[str, Any],
    error: RequirementError | None = None,
    *,
    editing: bool = False,
) -> Response:
    buyers = _buyer_accounts(session) if user.role == Role.organizer and not editing else []
    return render(
        request,
        "requirement_form.html",
        {
            "values": values,
            "buyers": buyers,
            "error_field": error.field if error else "",
            "error_text": str(error) if error else "",
            "editing": editing,
        },
        status=422 if error else 200,
    )


@router.post("/kebutuhan/baru")
def requirement_create(
    request: Request,
    session: SessionDep,
    user: WriterForm,
    form: Annotated[RequirementForm, Form()],
) -> Response:
    owner: User | None = None
    if user.role == Role.organizer and form.owner:
        owner = session.get(User, form.owner)
        if owner is None or owner.role != Role.buyer:
            owner = None
    document = requirement_document(form, default_buyer=_buyer_name(owner))
    try:
        # Written by the organizer on a buyer's behalf, the buyer owns it and sees it.
        row = crud.create_requirement(session, user, document, owner=owner)
    except RequirementError as exc:
        return _form_page(request, session, user, form.model_dump(), exc)
    return redirect(requirement_url(row, user=user))


@router.get("/kebutuhan/{requirement_id}/ubah")
def requirement_edit_form(
    request: Request,
    requirement_id: str,
    session: SessionDep,
    user: WriterPage,
    owner: Owner = None,
) -> Response:
    row = crud.get_requirement(session, user, requirement_id, owner)
    values = {**requirement_values(row.document), "owner": row.owner_id or ""}
    return _form_page(request, session, user, values, editing=True)


@router.post("/kebutuhan/{requirement_id}/ubah")
def requirement_update(
    request: Request,
    requirement_id: str,
    session: SessionDep,
    user: WriterForm,
    form: Annotated[RequirementForm, Form()],
    owner: Owner = None,
) -> Response:
    """Replace a requirement with the edited form; its id stays the same."""
    row = crud.get_requirement(session, user, requirement_id, owner)
    form.requirement_id = requirement_id
    document = requirement_document(form, default_buyer=row.buyer)
    try:
        crud.replace_requirement(session, user, row, document)
    except RequirementError as exc:
        values = {**form.model_dump(), "owner": row.owner_id or ""}
        return _form_page(request, session, user, values, exc, editing=True)
    return redirect(requirement_url(row, user=user, msg="msg_requirement_saved"))


def _buyer_name(owner: User | None) -> str:
    if owner is None:
        return ""
    return owner.organization or owner.name


@router.get("/kebutuhan/{requirement_id}")
def shortlist_page(
    request: Request,
    requirement_id: str,
    engine: EngineDep,
    session: SessionDep,
    user: PageUser,
    owner: Owner = None,
) -> Response:
    """The requirement and its ranked suppliers, each with why it ranks there."""
    row = crud.get_requirement(session, user, requirement_id, owner)
    requirement = crud.stored_requirement(row)
    is_organizer = user.role == Role.organizer
    document = shortlist_crud.shortlist(
        engine,
        row.owner_id,
        requirement,
        top=SHORTLIST_TOP,
        include_ineligible=False,
        stored=row,
        consortia=ORGANIZER_CONSORTIA if is_organizer else 0,
        session=session,
    )
    overrides = shortlist_crud.overrides_for(session, row) if is_organizer else []
    return render(
        request,
        "shortlist.html",
        {
            "row": row,
            "req": row.document,
            "shortlist": document,
            "overrides": overrides,
            "is_organizer": is_organizer,
            "can_edit": user.role != Role.analyst,
        },
    )


@router.post("/kebutuhan/{requirement_id}/paksa")
def force_supplier(
    requirement_id: str,
    session: SessionDep,
    user: OrganizerForm,
    supplier_id: SupplierId,
    mode: Annotated[Literal["in", "out"], Form()],
    reason: Annotated[str, Form(max_length=1000)] = "",
    owner: Owner = None,
) -> Response:
    """Force a supplier in or out; the reason goes to the audit trail."""
    row = crud.get_requirement(session, user, requirement_id, owner)
    reason = reason.strip()
    if len(reason) < 3:
        return redirect(requirement_url(row, user=user, msg="msg_reason_needed"))
    shortlist_crud.set_override(session, user, row, supplier_id.strip(), mode, reason)
    return redirect(requirement_url(row, user=user, msg=f"msg_forced_{mode}"))


@router.post("/kebutuhan/{requirement_id}/paksa/hapus")
def unforce_supplier(
    requirement_id: str,
    session: SessionDep,
    user: OrganizerForm,
    supplier_id: SupplierId,
    owner: Owner = None,
) -> Response:
    row = crud.get_requirement(session, user, requirement_id, owner)
    shortlist_crud.remove_override(session, user, row, supplier_id)
    return redirect(requirement_url(row, user=user, msg="msg_unforced"))


KINDS = ("process", "material", "certification")
TERM_SPLIT = re.compile(r"[;,\n]")


@router.get("/saran")
def suggestions(
    user: PageUser,
    kind: Annotated[Literal["process", "material", "certification"], Query()],
    q: Annotated[str, Query(max_length=200)] = "",
) -> JSONResponse:
    """Taxonomy terms (Indonesian and English) for the last entry typed in a list field."""
    typed = TERM_SPLIT.split(q)[-1].strip()
    terms = suggest_terms(typed, kind, limit=8) if len(typed) >= 2 else []
    return JSONResponse({"q": typed, "terms": terms})
