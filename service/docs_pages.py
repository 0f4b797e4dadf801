"""/docs served with no internet: Swagger UI's files come from the installed
`swagger-ui-bundle-v2` package, not from a CDN, so the page works at a venue offline.

ReDoc is switched off (`redoc_url=None`): no package ships its script, and Swagger UI covers
the same ground.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_URL = "/docs"
ASSETS_URL = "/docs-assets"


def install_docs(app: FastAPI) -> None:
    """Add /docs (Swagger UI from local files) to an app made with `docs_url=None`."""
    from swagger_ui_bundle import swagger_ui_path

    app.mount(ASSETS_URL, StaticFiles(directory=swagger_ui_path), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get(DOCS_URL, include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} - docs",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon-32x32.png",
            # Keeps the token from "Authorize" across reloads of the page.
            swagger_ui_parameters={"persistAuthorization": True},
        )
