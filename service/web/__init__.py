"""Web pages for organizers, buyers and analysts, served by `mitra serve` beside the API.

Server-rendered (Jinja2), Bahasa Indonesia by default with an English switch, every asset
shipped in this package so the pages work offline at the venue. `service.app` includes
`router` when this package is installed.
"""

from __future__ import annotations

from fastapi import APIRouter

from service.web import (
    analyst_pages,
    auth_pages,
    contacts,
    event_pages,
    requirement_pages,
    schedule_pages,
    supplier_pages,
)

router = APIRouter(include_in_schema=False)
for pages in (
    auth_pages,
    supplier_pages,
    requirement_pages,
    event_pages,
    schedule_pages,
    contacts,
    analyst_pages,
):
    router.include_router(pages.router)

__all__ = ["router"]
