"""`mitra serve`: the HTTP service (FastAPI under uvicorn)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from mitra.app import app, err_console
from mitra.commands.common import DbOption, fail, open_db


@app.command("serve")
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Worker processes (use PostgreSQL for >1).")
    ] = 1,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
) -> None:
    """Serve the JSON API under /api, with interactive docs at /docs."""
    import uvicorn

    from service.db import describe, resolve_url
    from service.workers import APP, WorkerPool, WorkersFailing, reuse_port_supported

    url = resolve_url(db)
    # Migrate once here, so workers starting together never race on the schema.
    open_db(url, quiet=True)
    if workers > 1 and url.startswith("sqlite"):
        err_console.print(
            "[yellow]Several workers on one SQLite file serialise every write; "
            "use PostgreSQL for a busy service.[/]"
        )
    # Workers are separate processes: they find the database through the environment.
    os.environ["MITRA_DATABASE_URL"] = url
    os.environ.setdefault("MITRA_WARM_INDEX", "1")
    err_console.print(
        f"Mitra API on http://{host}:{port}/api (docs: /docs) · database {describe(url)}",
        highlight=False,
    )
    if workers > 1 and reuse_port_supported():
        try:
            WorkerPool(host, port, workers, {"log_level": log_level}).run()
        except OSError as error:
            fail(f"cannot listen on {host}:{port}: {error.strerror or error}")
        except WorkersFailing as error:
            fail(str(error))
        return
    uvicorn.run(
        APP,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        # Building the index for 100k suppliers keeps a worker busy for a while; do not let
        # the supervisor mistake that for a hung worker.
        timeout_worker_healthcheck=120,
    )
