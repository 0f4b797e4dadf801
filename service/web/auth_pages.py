"""Sign in and out, the language switch, the home page of each role, and the static files."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import FileResponse, HTMLResponse

from models.user import Role
from service.auth import authenticate
from service.crud.errors import NotFound
from service.deps import SessionDep
from service.web.pages import HERE, PageRoute, redirect, render
from service.web.session import (
    KEY_COOKIE,
    LANG_COOKIE,
    LANGUAGES,
    LOGIN_COOKIE,
    MAX_AGE,
    FormUser,
    PageUser,
    new_login_token,
    safe_next,
    user_from_cookie,
)

router = APIRouter(route_class=PageRoute, include_in_schema=False)

STATIC = HERE / "static"
STATIC_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}


@router.get("/static/{name}")
def static_file(name: str) -> FileResponse:
    """The pages' own CSS and JavaScript, shipped in the package (no CDN at the venue)."""
    path = STATIC / name
    if "/" in name or path.suffix not in STATIC_TYPES or not path.is_file():
        raise NotFound(name)
    return FileResponse(
        path,
        media_type=STATIC_TYPES[path.suffix],
        headers={"Cache-Control": "public, max-age=3600"},
    )


def _sign_in_form(
    request: Request, next_url: str, name: str = "", error: str = "", status: int = 200
) -> HTMLResponse:
    token = new_login_token()
    response = render(
        request,
        "signin.html",
        {"next_url": next_url, "name": name, "error": error, "login_token": token},
        status=status,
    )
    response.set_cookie(
        LOGIN_COOKIE, token, max_age=1800, httponly=True, samesite="strict", path="/masuk"
    )
    return response


@router.get("/masuk")
def sign_in_page(request: Request, session: SessionDep, next: str = "/") -> Response:
    if user_from_cookie(request, session) is not None:
        return redirect(safe_next(next))
    return _sign_in_form(request, safe_next(next))


@router.post("/masuk")
def sign_in(
    request: Request,
    session: SessionDep,
    name: Annotated[str, Form(max_length=120)] = "",
    api_key: Annotated[str, Form(max_length=300)] = "",
    login_token: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=1000)] = "/",
) -> Response:
    target = safe_next(next)
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, login_token):
        return _sign_in_form(request, target, name, "signin_expired", status=400)
    settings = request.app.state.settings
    key = api_key.strip()
    user = authenticate(session, key, request.app.state.key_cache, settings.key_cache_seconds)
    # Both must fit, so a key pasted into the wrong account's name is caught too.
    if user is None or user.name.casefold() != name.strip().casefold():
        return _sign_in_form(request, target, name, "signin_wrong", status=401)
    response = redirect(target)
    response.set_cookie(
        KEY_COOKIE,
        key,
        max_age=MAX_AGE,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    response.delete_cookie(LOGIN_COOKIE, path="/masuk")
    return response


@router.post("/keluar")
def sign_out(user: FormUser) -> Response:
    response = redirect("/masuk")
    response.delete_cookie(KEY_COOKIE, path="/")
    return response


@router.get("/bahasa/{lang}")
def switch_language(lang: str, next: str = "/") -> Response:
    response = redirect(safe_next(next))
    if lang in LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", path="/")
    return response


@router.get("/")
def home(request: Request, user: PageUser) -> Response:
    """Where each role starts."""
    if user.role == Role.buyer:
        return redirect("/kebutuhan")
    return render(request, "home.html", {"is_organizer": user.role == Role.organizer})
