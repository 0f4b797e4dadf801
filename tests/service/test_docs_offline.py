"""/docs must work at a venue with no internet: every file the page loads comes from Mitra."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from service.app import create_app


def test_docs_page_loads_only_files_served_by_mitra(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'docs.db'}")
    with TestClient(app) as client:
        page = client.get("/docs")
        assert page.status_code == 200
        urls = re.findall(r"""(?:src|href)=["']([^"']+)["']|url:\s*'([^']+)'""", page.text)
        loaded = [src or spec for src, spec in urls]
        assert loaded, "the page should load Swagger UI's script and style"
        assert all(url.startswith("/") and not url.startswith("//") for url in loaded), loaded

        kinds = {}
        for url in loaded:
            response = client.get(url)
            assert response.status_code == 200, url
            kinds[url.rsplit(".", 1)[-1]] = response.headers["content-type"]
        assert kinds["js"].startswith(("text/javascript", "application/javascript"))
        assert kinds["css"].startswith("text/css")
        assert kinds["json"].startswith("application/json")  # the OpenAPI document itself
        # ReDoc would fetch its script from a CDN, so it is not offered.
        assert client.get("/redoc").status_code == 404
    app.state.jobs.shutdown(wait=True)


def test_authorize_offers_password_sign_in_beside_api_keys(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'docs.db'}")
    with TestClient(app) as client:
        schemes = client.get("/openapi.json").json()["components"]["securitySchemes"]
    flows = [s["flows"]["password"]["tokenUrl"] for s in schemes.values() if s["type"] == "oauth2"]
    assert flows == ["/api/auth/token"]
    assert {s["type"] for s in schemes.values()} == {"oauth2", "http", "apiKey"}
    app.state.jobs.shutdown(wait=True)
