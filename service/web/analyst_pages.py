"""Analysts: the weight profiles shortlists are ranked with, and the evaluation report."""

from __future__ import annotations

import importlib.util

from fastapi import APIRouter, Request, Response

from service.crud.profiles import list_profiles
from service.deps import SessionDep
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
