"""Sign in and out, the language switch, the home page of each role, and the static files."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import FileResponse, HTMLResponse

from models.user import PASSWORD_MAX_LENGTH, Role, is_token
from service import signin
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
    request: Request,
    next_url: str,
    name: str = "",
    error: str = "",
    status: int = 200,
    *,
    with_key: bool = False,
    minutes: int = 0,
) -> HTMLResponse:
    token = new_login_token()
    context = {
        "next_url": next_url,
        "name": name,
        "error": error,
        "minutes": minutes,
        "with_key": with_key,
        "login_token": token,
    }
    response = render(request, "signin.html", context, status=status)
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
    password: Annotated[str, Form(max_length=PASSWORD_MAX_LENGTH)] = "",
    api_key: Annotated[str, Form(max_length=300)] = "",
    login_token: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=1000)] = "/",
) -> Response:
    """A password signs in as on the API (`service.signin`: same throttle, same audit) and the
    cookie then holds a sign-in token; without a password the API key is checked as before."""
    target = safe_next(next)
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, login_token):
        return _sign_in_form(request, target, name, "signin_expired", status=400)
    settings = request.app.state.settings
    if not password and not api_key.strip():  # nothing to check, so no failure to count
        return _sign_in_form(request, target, name, "signin_wrong_password", status=401)
    if password:
        try:
            issued = signin.token_for_password(
                session, name, password, request.app.state.sign_in_throttle, settings
            )
        except signin.SignInRefused as refused:
            if refused.retry_after is not None:
                minutes = max(1, round(refused.retry_after / 60))
                return _sign_in_form(
                    request, target, name, "signin_blocked", status=429, minutes=minutes
                )
            # One message for an unknown name and a wrong password, as on the API.
            return _sign_in_form(request, target, name, "signin_wrong_password", status=401)
        credential, max_age = issued.token, min(MAX_AGE, issued.seconds)
    else:
        credential, max_age = api_key.strip(), MAX_AGE
        owner = authenticate(
            session, credential, request.app.state.key_cache, settings.key_cache_seconds
        )
        # Both must fit, so a key pasted into the wrong account's name is caught too.
        if owner is None or owner.name.casefold() != name.strip().casefold():
            return _sign_in_form(request, target, name, "signin_wrong", 401, with_key=True)
    response = redirect(target)
    response.set_cookie(
        KEY_COOKIE,
        credential,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    response.delete_cookie(LOGIN_COOKIE, path="/masuk")
    return response


@router.post("/keluar")
def sign_out(request: Request, session: SessionDep, user: FormUser) -> Response:
    """Forget the cookie; a sign-in token behind it is revoked too, so a copy of the cookie
    stops working (an API key stays: it is the account's, not this browser's)."""
    credential = request.cookies.get(KEY_COOKIE, "")
    if is_token(credential):
        signin.revoke_token(session, credential)
        session.commit()
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
