"""The FastAPI application: `create_app(database_url)`, and `app` for uvicorn.

Routers live in `service.routes` (one module per resource, all under /api). Web pages, when
the `service.web` package exists, are mounted from its `router` on the same app.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError, OperationalError

from matcher.errors import EventError, MitraError, ProfileError, RequirementError, SheetError
from service.auth import KeyCache
from service.config import Settings, get_settings
from service.crud.errors import CrudError, Invalid
from service.crud.schedules import SchedulerMissing
from service.docs_pages import install_docs
from service.routes import ROUTES
from service.signin import SignInThrottle
from service.uploads import BodyLimit

log = logging.getLogger(__name__)


def create_app(database_url: str | None = None, *, settings: Settings | None = None) -> FastAPI:
    """The service for `database_url` (else MITRA_DATABASE_URL, else ./mitra.db).

    With an explicit URL the database is opened (and migrated) now; otherwise on first use.
    """
    settings = settings or get_settings()
    app = FastAPI(
        lifespan=_lifespan,
        title=f"{settings.title} API",
        summary="Match IKM suppliers with large-industry buyers; plan temu bisnis meetings.",
        version="0.1.0",
        openapi_url="/openapi.json",
        docs_url=None,  # served from local files by install_docs: venues may have no internet
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.database_url = database_url or settings.database_url
    app.state.key_cache = KeyCache()
    app.state.sign_in_throttle = SignInThrottle()
    app.state.jobs = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mitra-schedule")
    if database_url is not None:
        from service.db import open_database

        app.state.engine = open_database(database_url)

    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes)
    install_error_handlers(app)

    api = APIRouter(prefix="/api")
    for name in ROUTES:
        module = _optional_module(f"service.routes.{name}")
        if module is not None:
            api.include_router(module.router)
    app.include_router(api)

    install_docs(app)

    @app.get("/health", tags=["service"])
    def health() -> dict[str, str]:
        return {"status": "ok"}

    include_web_pages(app)
    return app


def include_web_pages(app: FastAPI) -> None:
    """Mount the web pages when installed: `service.web.install(app)`, else its `router`.

    A broken web package is logged and left out: the JSON API must keep serving.
    """
    try:
        web = _optional_module("service.web")
    except Exception:
        log.exception("web pages could not be loaded; serving the API only")
        return
    if web is None:
        return
    if hasattr(web, "install"):  # pages that also need static files or their own handlers
        web.install(app)
    elif hasattr(web, "router"):
        app.include_router(web.router)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    if app.state.settings.warm_index:
        threading.Thread(target=_warm_index, args=(app,), daemon=True).start()
    yield
    app.state.jobs.shutdown(wait=False)


def _warm_index(app: FastAPI) -> None:
    """Build the supplier index in the background; shortlists asked meanwhile wait for it."""
    from service.catalog import load_index
    from service.db import open_database

    try:
        engine = getattr(app.state, "engine", None) or open_database(app.state.database_url)
        app.state.engine = engine
        load_index(engine)
    except Exception:  # the first shortlist will try again and report the problem
        log.exception("could not build the supplier index at start-up")


def _optional_module(name: str) -> Any:
    """Import `name` if it is part of this installation (errors inside it still surface)."""
    try:
        found = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        found = None
    return importlib.import_module(name) if found is not None else None


def _problem(status: int, detail: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"detail": detail, **extra}, status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    """Bad input answers 4xx with a message a person can act on, never 500."""

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = jsonable_encoder(exc.errors())
        parts = []
        for error in errors[:10]:
            where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
            parts.append(f"{where}: {error.get('msg', 'invalid value')}")
        return _problem(422, "; ".join(parts) or "invalid request", errors=errors)

    @app.exception_handler(Invalid)
    async def invalid_values(_: Request, exc: Invalid) -> JSONResponse:
        errors = [{"field": field, "reason": reason} for field, reason in exc.problems]
        return _problem(422, exc.message, errors=errors)

    @app.exception_handler(CrudError)
    async def crud_error(_: Request, exc: CrudError) -> JSONResponse:
        return _problem(exc.status_code, exc.message)

    @app.exception_handler(RequirementError)
    async def bad_requirement(_: Request, exc: RequirementError) -> JSONResponse:
        return _problem(422, str(exc), field=exc.field)

    @app.exception_handler(SheetError)
    async def bad_sheet(_: Request, exc: SheetError) -> JSONResponse:
        errors = [{"row": e.row, "column": e.column, "reason": e.reason} for e in exc.errors]
        return _problem(422, str(exc), errors=errors)

    @app.exception_handler(EventError)
    async def bad_event(_: Request, exc: EventError) -> JSONResponse:
        return _problem(422, str(exc))

    @app.exception_handler(ProfileError)
    async def bad_profile(_: Request, exc: ProfileError) -> JSONResponse:
        return _problem(422, str(exc))

    @app.exception_handler(MitraError)
    async def mitra_error(_: Request, exc: MitraError) -> JSONResponse:
        return _problem(400, str(exc))

    @app.exception_handler(SchedulerMissing)
    async def no_scheduler(_: Request, exc: SchedulerMissing) -> JSONResponse:
        return _problem(503, str(exc))

    @app.exception_handler(DataError)
    async def data_error(_: Request, exc: DataError) -> JSONResponse:
        # Values pydantic let through but the database refuses (NUL characters, overflow).
        log.info("database refused a value: %s", exc.orig)
        return _problem(
            422,
            "a value was refused by the database (too long, too large, or "
            "containing characters that cannot be stored)",
        )

    @app.exception_handler(IntegrityError)
    async def integrity_error(_: Request, exc: IntegrityError) -> JSONResponse:
        log.info("integrity error: %s", exc.orig)
        return _problem(409, "this conflicts with data already stored; read it again and retry")

    @app.exception_handler(OperationalError)
    async def database_down(_: Request, exc: OperationalError) -> JSONResponse:
        log.error("database unavailable: %s", exc.orig)
        return _problem(503, "the database is not available right now; try again shortly")


def create_app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` (used by `mitra serve --workers N`)."""
    return create_app()


app = create_app()
