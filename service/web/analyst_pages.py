"""Analysts: the weight profiles shortlists are ranked with, and the evaluation report."""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from matcher.errors import MitraError
from service.crud.profiles import list_profiles
from service.deps import EngineDep, SessionDep
from service.shortlists import active_profile
from service.web.pages import PageRoute, render
from service.web.session import StaffPage

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def report_available() -> bool:
    """The evaluation report is a separate part of the service; link to it when installed."""
    try:
        return importlib.util.find_spec("service.report") is not None
    except ModuleNotFoundError:
        return False


@router.get("/profil")
def profiles_page(request: Request, session: SessionDep, user: StaffPage) -> Response:
    profiles = list_profiles(session)
    for profile in profiles:
        weights = profile.get("weights") or {}
        total = sum(v for v in weights.values() if isinstance(v, int | float) and v > 0) or 1.0
        profile["shares"] = {
            name: float(v) / total for name, v in weights.items() if isinstance(v, int | float)
        }
    return render(
        request, "profiles.html", {"profiles": profiles, "has_report": report_available()}
    )


@router.get("/laporan")
def report_page(
    request: Request,
    engine: EngineDep,
    session: SessionDep,
    user: StaffPage,
    name: Annotated[str, Query(alias="banding", max_length=120)] = "",
    version: Annotated[int | None, Query(alias="versi", ge=1, le=1_000_000)] = None,
) -> Response:
    """The evaluation report (`service.report`) of the active profile against past outcomes,
    optionally compared with another profile; a self-contained page, as `mitra evaluate`
    writes it."""
    if not report_available():
        return render(request, "report_missing.html", {"reason_key": "report_missing"}, 404)
    from service.evaluation import cases_from_database
    from service.profiles import get_profile
    from service.report import write_report

    try:
        cases = cases_from_database(engine)
        active = active_profile(session)
        other = get_profile(session, name, version) if name else None
    except MitraError as exc:
        return render(request, "report_missing.html", {"reason_text": str(exc)}, 404)
    with tempfile.TemporaryDirectory() as folder:
        page = write_report(Path(folder), cases, active, other).read_text(encoding="utf-8")
    return HTMLResponse(page)
